package org.tuopin.access;

/** Role names as annotation constants, for {@code @RolesAllowed} on views and {@code @PreAuthorize} on services. */
public final class AppRoles {

    public static final String ADMIN = "ADMIN";
    public static final String SUPERVISOR = "SUPERVISOR";
    public static final String DATA_ENTRY = "DATA_ENTRY";
    public static final String AUDITOR = "AUDITOR";

    private AppRoles() {
    }
}
