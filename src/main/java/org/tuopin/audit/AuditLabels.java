package org.tuopin.audit;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * How the entries a module records read in the audit view, in the reader's language (DD019). The module that
 * writes a field is the one that knows what it means, so it names the field and reads its values; the audit
 * module knows no feature. Each module that records entries contributes one of these as a Spring bean, most of
 * them declared with {@link FieldLabels}.
 *
 * <p>The view asks the contribution that owns the entry's record type first, then the others: a field name reads
 * the same whatever the record (an entry of no record type, or of one written by an older version, is still
 * labelled), unless the record type's own contribution reads it otherwise.
 */
public interface AuditLabels {

    /** The reader's translations: a component's {@code getTranslation}, or the provider with a fixed locale. */
    @FunctionalInterface
    interface Translation {
        String get(String key, Object... args);
    }

    /** Who reads the entry: their translations and the locale that groups their numbers. */
    record Reader(Translation translation, Locale locale) {

        public String get(String key, Object... args) {
            return translation.get(key, args);
        }
    }

    /** The record types ({@code entity_type} of the entries) this module records; possibly none. */
    Set<String> entityTypes();

    /** The field's label for the reader, if this module names that field. */
    Optional<String> label(@Nullable String entityType, String field, Reader reader);

    /**
     * The value as the reader reads it, if this module knows how; empty leaves it as stored. A value that is not
     * the code or number the field holds today (an older entry, say) may throw {@link IllegalArgumentException}
     * or {@link ArithmeticException}: it then reads as stored.
     */
    Optional<String> value(@Nullable String entityType, String field, String value, Reader reader);

    /** Every i18n key the labels ask for, besides the codes' own names, so a test can check both bundles hold them. */
    Set<String> keys();
}
