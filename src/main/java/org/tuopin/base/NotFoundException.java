package org.tuopin.base;

/**
 * Thrown for anything that does not exist or lies outside the caller's scope: the two answer alike,
 * so that scope cannot be probed. The REST API turns it into 404, the UI into "not found".
 */
public class NotFoundException extends RuntimeException {

    private final String what;

    public NotFoundException(String what) {
        super(what + " not found");
        this.what = what;
    }

    /** What was looked for, for example {@code Region 533300}. */
    public String what() {
        return what;
    }
}
