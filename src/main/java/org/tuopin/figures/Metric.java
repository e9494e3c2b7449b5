package org.tuopin.figures;

import java.util.Arrays;
import java.util.Optional;

/** The yearly figures a region reports. The database checks the metric/unit pairs again. */
public enum Metric {
    POOR_POPULATION("poor_population", Unit.PERSONS),
    PEOPLE_LIFTED_OUT("people_lifted_out", Unit.PERSONS),
    VILLAGES_EXITED("villages_exited", Unit.VILLAGES),
    COUNTIES_EXITED("counties_exited", Unit.COUNTIES),
    /** Poverty-stricken villages on the register at the start of the year. */
    VILLAGES_REGISTERED("villages_registered", Unit.VILLAGES),
    /** Poverty-stricken counties on the register at the start of the year. */
    COUNTIES_REGISTERED("counties_registered", Unit.COUNTIES),
    POVERTY_INCIDENCE("poverty_incidence", Unit.PERCENT),
    PEOPLE_RELOCATED("people_relocated", Unit.PERSONS),
    FUNDS_TOTAL("funds_total", Unit.RMB),
    FUNDS_CENTRAL("funds_central", Unit.RMB),
    FUNDS_PROVINCIAL("funds_provincial", Unit.RMB),
    FUNDS_RELOCATION("funds_relocation", Unit.RMB);

    private final String code;
    private final Unit unit;

    Metric(String code, Unit unit) {
        this.code = code;
        this.unit = unit;
    }

    /** The stable machine name, as in the CSV files and the API. */
    public String code() {
        return code;
    }

    public Unit unit() {
        return unit;
    }

    /** The key of the metric's name in the translation bundles. */
    public String messageKey() {
        return "metric." + code;
    }

    // a map, not a scan: exports and imports look a code up for every row
    private static final java.util.Map<String, Metric> BY_CODE = Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(v -> v.code, v -> v));

    public static Optional<Metric> fromCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }
}
