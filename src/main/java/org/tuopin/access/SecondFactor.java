package org.tuopin.access;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The state between a correct password and a correct one-time code: the user is authenticated but holds
 * only this authority, no role, and {@link CurrentScope} gives them no scope, so no service answers.
 */
public final class SecondFactor {

    public static final String PENDING = "SECOND_FACTOR_PENDING";
    public static final List<SimpleGrantedAuthority> PENDING_AUTHORITIES = List.of(new SimpleGrantedAuthority(PENDING));

    private SecondFactor() {
    }

    public static boolean isPending(Authentication auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> PENDING.equals(a.getAuthority()));
    }

    public static boolean isPending() {
        return isPending(SecurityContextHolder.getContext().getAuthentication());
    }
}
