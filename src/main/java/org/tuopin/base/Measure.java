package org.tuopin.base;

/**
 * How numbers of one kind are written: how many decimals they carry and whether they are a percentage. A feature's
 * units implement it, so the shared formats ({@code base.ui.Formats}) need not know which units exist.
 */
public interface Measure {

    /** The most decimals a value of this kind carries. */
    int scale();

    /** A percentage is written with " %" and never shortened to 万 or 亿. */
    boolean isPercentage();
}
