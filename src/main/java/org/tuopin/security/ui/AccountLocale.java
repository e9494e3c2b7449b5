package org.tuopin.security.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import org.springframework.stereotype.Component;
import org.tuopin.access.CurrentScope;
import org.tuopin.security.AccountService;

/**
 * The language follows the browser on a first visit; once a user has chosen one in the user menu, every
 * new page of theirs opens in it.
 */
@Component
class AccountLocale implements VaadinServiceInitListener {

    private final AccountService accounts;
    private final CurrentScope currentScope;

    AccountLocale(AccountService accounts, CurrentScope currentScope) {
        this.accounts = accounts;
        this.currentScope = currentScope;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            if (currentScope.find().isPresent()) {
                accounts.ownLocale().ifPresent(locale -> {
                    init.getUI().getSession().setLocale(locale);
                    init.getUI().setLocale(locale);
                });
            }
        });
    }
}
