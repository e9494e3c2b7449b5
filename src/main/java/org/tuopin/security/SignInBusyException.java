package org.tuopin.security;

import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * The password could not be checked because too many checks were already running or waiting: the server is busy,
 * the credentials were not judged. Never counts as a failed attempt (no lockout), answers 503 over the API and
 * "busy, try again" at the sign-in form.
 */
public class SignInBusyException extends AuthenticationServiceException {

    public SignInBusyException(String message) {
        super(message);
    }
}
