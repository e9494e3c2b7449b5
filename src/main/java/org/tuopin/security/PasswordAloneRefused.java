package org.tuopin.security;

import org.springframework.security.core.AuthenticationException;

/**
 * A correct password on an entry point that cannot ask for a one-time code (HTTP Basic on the API or the actuator),
 * from an account that has, or must have, a second factor. Only said to a caller who gave the right password, so it
 * tells nothing to one who guesses (docs/design-decisions/DD021).
 */
final class PasswordAloneRefused extends AuthenticationException {

    static final String USE_A_TOKEN = "This account signs in with a one-time code, so its password alone does not "
            + "open the API. Use a personal API token (Authorization: Bearer ...), created in the application under "
            + "'API tokens'.";
    static final String SET_UP_FIRST = "This account's role requires two-factor sign-in. Set up two-factor sign-in "
            + "in the application first.";

    private final int status;

    private PasswordAloneRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    static PasswordAloneRefused useAToken() {
        return new PasswordAloneRefused(401, USE_A_TOKEN);
    }

    static PasswordAloneRefused setUpFirst() {
        return new PasswordAloneRefused(403, SET_UP_FIRST);
    }

    int status() {
        return status;
    }
}
