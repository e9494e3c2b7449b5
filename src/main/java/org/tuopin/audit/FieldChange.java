package org.tuopin.audit;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/** One field of a record, before and after a change; null stands for "no value". */
public record FieldChange(String field, @Nullable String before, @Nullable String after) {

    public static FieldChange of(String field, @Nullable Object before, @Nullable Object after) {
        return new FieldChange(field, before == null ? null : before.toString(), after == null ? null : after.toString());
    }

    /**
     * Adds a field's change to {@code changes} when its value differs between two versions of a record; a version that
     * does not exist (null: before a creation, after a deletion) has no values.
     */
    public static <T> void addIfChanged(List<FieldChange> changes, String field, @Nullable T before, @Nullable T after,
                                        Function<T, @Nullable Object> value) {
        addIfChanged(changes, field, before == null ? null : value.apply(before), after == null ? null : value.apply(after));
    }

    /** Adds the change when the two values differ. */
    public static void addIfChanged(List<FieldChange> changes, String field, @Nullable Object before,
                                    @Nullable Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(of(field, before, after));
        }
    }
}
