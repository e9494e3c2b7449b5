package org.tuopin.base.export;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * A module's names, in the reader's language, for export columns that the bundle's {@code export.header.*} keys do
 * not cover (the figures' metric columns, for instance). Each module that has such columns declares a bean; the export
 * menu asks them in turn before falling back to the bundle.
 */
public interface ExportHeaderNames {

    /**
     * The column's header in the reader's language, or null when this module does not name it.
     *
     * @param translate the reader's translation of a message key
     */
    @Nullable String name(String machine, UnaryOperator<String> translate);
}
