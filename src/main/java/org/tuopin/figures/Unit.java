package org.tuopin.figures;

import org.tuopin.base.Measure;

/** The unit a metric is measured in, spelt as in the reference data. */
public enum Unit implements Measure {
    PERSONS("persons"), VILLAGES("villages"), COUNTIES("counties"), RMB("RMB"), PERCENT("percent");

    private final String code;

    Unit(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** People, villages, counties and money are whole numbers; only a percentage has decimals. */
    @Override
    public int scale() {
        return this == PERCENT ? 2 : 0;
    }

    @Override
    public boolean isPercentage() {
        return this == PERCENT;
    }
}
