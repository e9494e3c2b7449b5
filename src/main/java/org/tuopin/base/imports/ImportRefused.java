package org.tuopin.base.imports;

import org.jspecify.annotations.Nullable;

/**
 * The file is refused as a whole (or, with a row, reading stopped there); no row after it is judged. The readers
 * throw it; the import catches it and reports it as the file's one problem.
 */
public final class ImportRefused extends RuntimeException {

    private final @Nullable Integer row;
    private final String messageKey;
    private final Object[] args;

    public ImportRefused(@Nullable Integer row, String messageKey, Object... args) {
        super(messageKey, null, false, false);
        this.row = row;
        this.messageKey = messageKey;
        this.args = args;
    }

    public @Nullable Integer row() {
        return row;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }

}
