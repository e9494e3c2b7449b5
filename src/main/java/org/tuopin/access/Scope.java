package org.tuopin.access;

/**
 * What the signed-in account may see: its region and everything below it, expressed as the region's
 * materialised path. Every scoped query takes {@link #path()} as a parameter.
 */
public record Scope(long accountId, String username, Role role, long regionId, String regionCode, String path) {

    /** True when the given region path lies in this scope (the region itself or below it). */
    public boolean covers(String regionPath) {
        return regionPath.startsWith(path);
    }

    /**
     * True for an account bound to the country itself, the root of the tree (its path has one step): the one
     * that holds the national settings (docs/design-decisions/DD023).
     */
    public boolean national() {
        return path.indexOf('/') == path.length() - 1;
    }

    /** True when the given region path lies strictly below the account's own region. */
    public boolean coversStrictlyBelow(String regionPath) {
        return covers(regionPath) && !regionPath.equals(path);
    }
}
