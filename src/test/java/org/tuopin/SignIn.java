package org.tuopin;

import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Signs an account in on the current thread, with the authorities its sign-in would give, for tests of services. */
public final class SignIn {

    private SignIn() {
    }

    /** Runs {@code action} signed in as {@code username}, and signs out afterwards. */
    public static <T> T as(UserDetailsService users, String username, Supplier<T> action) {
        as(users, username);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    public static void as(UserDetailsService users, String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }
}
