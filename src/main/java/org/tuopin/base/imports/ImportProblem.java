package org.tuopin.base.imports;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One problem of an import: the row (the header is 1; none for the file as a whole), the column if one is to blame,
 * and the message key with its arguments, for the reader's language or the API's English.
 */
public record ImportProblem(@Nullable Integer row, @Nullable String column, String messageKey, List<Object> args) {
}
