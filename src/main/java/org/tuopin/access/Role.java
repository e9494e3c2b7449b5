package org.tuopin.access;

/** The four roles of the brief. Each account has exactly one. */
public enum Role {
    ADMIN, SUPERVISOR, DATA_ENTRY, AUDITOR;

    /** The Spring Security authority, for example {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
