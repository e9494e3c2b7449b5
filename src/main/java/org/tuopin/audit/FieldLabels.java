package org.tuopin.audit;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.tuopin.base.ui.Formats;

/**
 * The usual {@link AuditLabels}: a table from field name to the i18n key of its label, and for each field how its
 * values read (as stored, yes/no, a count or an RMB amount in the reader's grouping, or a code by its translated
 * name). A module contributes its table as a component that extends this one:
 * {@code @Component class PostingAuditLabels extends FieldLabels { PostingAuditLabels() { super(forRecords("dispatch")
 * .field("officialNo", "dispatch.officialNo")...); } }}.
 */
public abstract class FieldLabels implements AuditLabels {

    /** How one field's values read; empty for "as stored". */
    @FunctionalInterface
    private interface Values {
        Optional<String> read(String value, Reader reader);
    }

    private record Field(String key, Values values) {
    }

    private static final Values AS_STORED = (value, reader) -> Optional.empty();
    private static final String YES = "audit.value.yes";
    private static final String NO = "audit.value.no";

    private final Set<String> entityTypes;
    private final Map<String, Field> anyRecord;
    private final Map<String, Field> ownRecords;
    private final Set<String> keys;

    /** The table the builder declared. */
    protected FieldLabels(Builder builder) {
        this.entityTypes = Set.copyOf(builder.entityTypes);
        this.anyRecord = Map.copyOf(builder.anyRecord);
        this.ownRecords = Map.copyOf(builder.ownRecords);
        this.keys = Set.copyOf(builder.keys);
    }

    /** A table for the entries of these record types (none for fields written into any record's entries). */
    public static Builder forRecords(String... entityTypes) {
        return new Builder(Set.of(entityTypes));
    }

    @Override
    public final Set<String> entityTypes() {
        return entityTypes;
    }

    @Override
    public final Optional<String> label(@Nullable String entityType, String field, Reader reader) {
        return field(entityType, field).map(f -> reader.get(f.key()));
    }

    @Override
    public final Optional<String> value(@Nullable String entityType, String field, String value, Reader reader) {
        return field(entityType, field).flatMap(f -> f.values().read(value, reader));
    }

    @Override
    public final Set<String> keys() {
        return keys;
    }

    private Optional<Field> field(@Nullable String entityType, String field) {
        Field own = entityType != null && entityTypes.contains(entityType) ? ownRecords.get(field) : null;
        return Optional.ofNullable(own != null ? own : anyRecord.get(field));
    }

    /** Declares the fields; each method adds one, with the i18n key of its label. */
    public static final class Builder {

        private final Set<String> entityTypes;
        private final Map<String, Field> anyRecord = new LinkedHashMap<>();
        private final Map<String, Field> ownRecords = new LinkedHashMap<>();
        private final Set<String> keys = new LinkedHashSet<>();
        private @Nullable String last;

        private Builder(Set<String> entityTypes) {
            this.entityTypes = entityTypes;
        }

        /** A field whose values read as stored: names, dates, region codes, years. */
        public Builder field(String name, String key) {
            return add(name, key, AS_STORED);
        }

        /** A true/false field, read as Yes/No. */
        public Builder flag(String name, String key) {
            return flag(name, key, YES, NO);
        }

        /** A true/false field read with words of its own ("Open"/"Closed"). */
        public Builder flag(String name, String key, String yes, String no) {
            keys.add(yes);
            keys.add(no);
            return add(name, key, (value, reader) -> switch (value) {
                case "true" -> Optional.of(reader.get(yes));
                case "false" -> Optional.of(reader.get(no));
                default -> Optional.empty();
            });
        }

        /** A whole number, with the reader's grouping. */
        public Builder count(String name, String key) {
            return add(name, key, (value, reader) -> Optional.of(Formats.count(Long.parseLong(value), reader.locale())));
        }

        /** An amount in whole RMB, with the reader's grouping. */
        public Builder money(String name, String key) {
            return add(name, key,
                    (value, reader) -> Optional.of(Formats.money(Long.parseLong(value), reader.locale(), false)));
        }

        /**
         * A code (an enum's name) read by its translated name; {@code valueKey} gives the name's i18n key and
         * throws {@link IllegalArgumentException} for a code that no longer exists.
         */
        public Builder code(String name, String key, Function<String, String> valueKey) {
            return add(name, key, (value, reader) -> Optional.of(reader.get(valueKey.apply(value))));
        }

        /**
         * The field just declared means this only in the entries of this table's own record types (a posting's
         * {@code role} is its dispatch role, an account's is its access role); elsewhere another module's reading
         * applies.
         */
        public Builder inOwnRecordsOnly() {
            if (last == null) {
                throw new IllegalStateException("declare the field first");
            }
            ownRecords.put(last, anyRecord.remove(last));
            return this;
        }

        /** The table as it is, for a module that reads some fields itself and leaves the rest to it. */
        public FieldLabels build() {
            return new FieldLabels(this) {
            };
        }

        private Builder add(String name, String key, Values values) {
            if (anyRecord.containsKey(name) || ownRecords.containsKey(name)) {
                throw new IllegalArgumentException("field declared twice: " + name);
            }
            anyRecord.put(name, new Field(key, values));
            keys.add(key);
            last = name;
            return this;
        }
    }
}
