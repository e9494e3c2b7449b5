package org.tuopin.audit;

import org.jspecify.annotations.Nullable;

/** One field of a record, before and after a change; null stands for "no value". */
public record FieldChange(String field, @Nullable String before, @Nullable String after) {

    public static FieldChange of(String field, @Nullable Object before, @Nullable Object after) {
        return new FieldChange(field, before == null ? null : before.toString(), after == null ? null : after.toString());
    }
}
