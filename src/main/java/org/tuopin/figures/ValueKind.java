package org.tuopin.figures;

import java.util.Arrays;
import java.util.Optional;

/** What a value means for its year: an outcome, a running total, a plan, or an earlier reference. */
public enum ValueKind {
    ACTUAL("actual"), CUMULATIVE("cumulative"), TARGET("target"), BASELINE("baseline");

    private final String code;

    ValueKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String messageKey() {
        return "kind." + code;
    }

    // a map, not a scan: exports and imports look a code up for every row
    private static final java.util.Map<String, ValueKind> BY_CODE = Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(v -> v.code, v -> v));

    public static Optional<ValueKind> fromCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }
}
