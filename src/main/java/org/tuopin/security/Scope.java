package org.tuopin.security;

/**
 * What the signed-in account may see: its region and everything below it, expressed as the region's
 * materialised path. Every scoped query takes {@link #path()} as a parameter.
 */
public record Scope(long accountId, String username, Role role, long regionId, String regionCode, String path) {

    /** True when the given region path lies in this scope (the region itself or below it). */
    public boolean covers(String regionPath) {
        return regionPath.startsWith(path);
    }

    /** True when the given region path lies strictly below the account's own region. */
    public boolean coversStrictlyBelow(String regionPath) {
        return covers(regionPath) && !regionPath.equals(path);
    }
}
