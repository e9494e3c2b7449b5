package org.tuopin.base.imports;

import java.util.Locale;

/**
 * What an import file may be, checked before and while it is read, never after it is in memory
 * (docs/design-decisions/DD024). Set by the {@code tuopin.import.*} properties.
 *
 * @param maxBytes         the file as uploaded (REST body or the UI's upload)
 * @param maxRows          rows below the header
 * @param maxCellChars     characters in one cell (with its formula, in a workbook)
 * @param maxInflatedBytes one part of a workbook once unpacked (POI's {@code ZipSecureFile} entry size)
 * @param minInflateRatio  packed size over unpacked size of every part (POI's {@code ZipSecureFile} ratio)
 */
public record ImportLimits(int maxBytes, int maxRows, int maxCellChars, long maxInflatedBytes, double minInflateRatio) {

    public static final int DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
    public static final int DEFAULT_MAX_ROWS = 200_000;
    /** Excel's own limit: no spreadsheet program writes a longer cell. */
    public static final int DEFAULT_MAX_CELL_CHARS = 32_767;
    public static final long DEFAULT_MAX_INFLATED_BYTES = 128L * 1024 * 1024;
    /** POI's default: a part may unpack to at most 100 times its packed size. */
    public static final double DEFAULT_MIN_INFLATE_RATIO = 0.01;

    public static final ImportLimits DEFAULTS = new ImportLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS,
            DEFAULT_MAX_CELL_CHARS, DEFAULT_MAX_INFLATED_BYTES, DEFAULT_MIN_INFLATE_RATIO);

    public ImportLimits {
        if (maxBytes <= 0 || maxRows <= 0 || maxCellChars <= 0 || maxInflatedBytes <= 0 || minInflateRatio < 0
                || minInflateRatio >= 1) {
            throw new IllegalArgumentException("tuopin.import.* limits must be positive (the ratio below 1)");
        }
    }

    /** Texts of a workbook's shared-string table: at most two per row, and no more text than the largest CSV. */
    int maxSharedStrings() {
        return (int) Math.min(Integer.MAX_VALUE, 2L * maxRows);
    }

    long maxSharedChars() {
        return maxBytes;
    }

    public String maxMegabytes() {
        return String.format(Locale.ROOT, "%,d", Math.max(1, maxBytes / (1024 * 1024)));
    }

    public String maxInflatedMegabytes() {
        return String.format(Locale.ROOT, "%,d", Math.max(1, maxInflatedBytes / (1024 * 1024)));
    }

    public String maxRowsText() {
        return String.format(Locale.ROOT, "%,d", maxRows);
    }

    public String maxCellCharsText() {
        return String.format(Locale.ROOT, "%,d", maxCellChars);
    }
}
