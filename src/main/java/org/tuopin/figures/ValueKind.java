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

    public static Optional<ValueKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
