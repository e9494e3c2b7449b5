package org.tuopin.security.ui;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.tuopin.access.SecondFactor;
import org.tuopin.base.ui.EntryCheck;
import org.tuopin.security.AccountService;

/**
 * A sign-in that still owes a step sees nothing but the form for it: the second factor's code, then a password of
 * their own in place of a one-time one, then setting up a second factor where their role requires one.
 */
@Component
class UnfinishedSignIn implements EntryCheck {

    private final AccountService accounts;

    UnfinishedSignIn(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<Class<? extends com.vaadin.flow.component.Component>> rerouteFor(Class<?> target) {
        if (SecondFactor.isPending()) {
            return Optional.of(SecondFactorView.class);
        }
        if (target != ChangePasswordView.class && accounts.mustChangePassword()) {
            return Optional.of(ChangePasswordView.class);
        }
        if (target != TwoFactorView.class && target != ChangePasswordView.class && accounts.totpSetupRequired()) {
            return Optional.of(TwoFactorView.class);
        }
        return Optional.empty();
    }
}
