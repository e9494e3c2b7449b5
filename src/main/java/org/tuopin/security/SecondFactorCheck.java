package org.tuopin.security;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.base.ReadFromPrimary;

/** What the sign-in code needs to know of an account's second factor, before anyone is signed in. */
@Component
class SecondFactorCheck {

    private final AccountRepository accounts;
    private final SecretBox secrets;

    SecondFactorCheck(AccountRepository accounts, SecretBox secrets) {
        this.accounts = accounts;
        this.secrets = secrets;
    }

    @ReadFromPrimary
    public boolean hasSecondFactor(String username) {
        return accounts.findByUsername(username).map(a -> a.getTotpSecret() != null).orElse(false);
    }

    /**
     * A code sent with an API request. API calls carry no session to remember a used step in, so a code
     * is good for its 30-second window there.
     */
    @ReadFromPrimary
    public boolean apiCodeValid(String username, String code) {
        return accounts.findByUsername(username)
                .filter(a -> a.getTotpSecret() != null)
                .map(a -> Totp.matchingStep(secrets.open(a.getTotpSecret()), code, Instant.now()).isPresent())
                .orElse(false);
    }
}
