package org.tuopin.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import org.tuopin.access.SecondFactor;

/**
 * Password sign-in for the login form and for HTTP Basic alike, with lockout and per-client throttling
 * in front. Every refusal, whatever its cause (unknown user, wrong password, locked or disabled
 * account, throttled client), leaves as the same {@link BadCredentialsException}, so the answer never
 * tells which accounts exist.
 */
class ProtectedAuthenticationProvider implements AuthenticationProvider {

    static final String REFUSED = "Bad credentials";

    private final DaoAuthenticationProvider passwords;
    private final PasswordCheckLimit checks;
    private final LoginAttempts attempts;
    private final SecondFactorCheck secondFactor;

    ProtectedAuthenticationProvider(DaoAuthenticationProvider passwords, PasswordCheckLimit checks,
                                    LoginAttempts attempts, SecondFactorCheck secondFactor) {
        this.passwords = passwords;
        this.checks = checks;
        this.attempts = attempts;
        this.secondFactor = secondFactor;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName() == null ? "" : authentication.getName();
        String client = clientAddress(authentication);
        // locked for this address, or throttled: refused before any bcrypt or chain lock, only tallied (DD022)
        LoginAttempts.Verdict verdict = attempts.verdict(username, client);
        if (verdict.refusal().isPresent()) {
            attempts.refused(username, client, verdict.refusal().get());
            throw new BadCredentialsException(REFUSED);
        }
        Authentication result;
        try {
            if (!verdict.accountExists()) {
                // no account to check against: answered like a wrong password, after as long, without hashing
                checks.imitateCheck(authentication.getCredentials() instanceof String p ? p : "");
                throw new BadCredentialsException(REFUSED);
            }
            // a name at an address it signed in from before does not queue behind a flood of guesses (DD022)
            result = checks.checkingIn(verdict.knownAddress() ? PasswordCheckLimit.Lane.KNOWN
                    : PasswordCheckLimit.Lane.UNKNOWN, () -> passwords.authenticate(authentication));
        } catch (SignInBusyException e) {
            // the password was not judged: no failed attempt, no lockout, the caller hears "busy"; but the attempt
            // is tallied, so that a flood answered with "busy" is as visible to auditors as one answered with 401
            attempts.refused(username, client, LoginAttempts.BUSY);
            throw e;
        } catch (AuthenticationException e) {
            attempts.failed(username, client, e.getClass().getSimpleName());
            throw new BadCredentialsException(REFUSED);
        }
        if (isStatelessRequest()) {
            // no one-time code can be asked here: an account that has or needs one uses a personal API token (DD021)
            switch (secondFactor.passwordAlone(username)) {
                case TOTP_ON -> throw PasswordAloneRefused.useAToken();
                case TOTP_SETUP_REQUIRED -> throw PasswordAloneRefused.setUpFirst();
                case ENOUGH -> {
                    attempts.succeeded(username, client, !isApiRequest());
                    return result;
                }
            }
        }
        if (!secondFactor.hasSecondFactor(username)) {
            attempts.succeeded(username, client, true);
            return result;
        }
        // the password was right; the session holds no role until the one-time code is given too
        return UsernamePasswordAuthenticationToken.authenticated(result.getPrincipal(), null,
                SecondFactor.PENDING_AUTHORITIES);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String clientAddress(Authentication authentication) {
        if (authentication.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
            return details.getRemoteAddress();
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return "unknown";
    }

    /** HTTP Basic on the API and the actuator: entry points without a page to ask for a one-time code on. */
    private static boolean isStatelessRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && (attributes.getRequest().getRequestURI().startsWith("/api/")
                || attributes.getRequest().getRequestURI().startsWith("/actuator"));
    }

    /** API calls authenticate on every request: their successes are not sign-ins worth an audit entry each. */
    private static boolean isApiRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getRequestURI().startsWith("/api/");
    }
}
