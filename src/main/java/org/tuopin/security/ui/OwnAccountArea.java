package org.tuopin.security.ui;

import java.util.List;
import java.util.Optional;

import com.vaadin.flow.component.icon.VaadinIcon;

import org.springframework.stereotype.Component;
import org.tuopin.access.CurrentScope;
import org.tuopin.base.ui.AccountArea;
import org.tuopin.security.AccountService;

/** The shell's account area: the signed-in account's name, role and region, and the pages about it. */
@Component
class OwnAccountArea implements AccountArea {

    private static final List<Action> ACTIONS = List.of(
            new Action("password.title", VaadinIcon.KEY, ChangePasswordView.class),
            new Action("totp.title", VaadinIcon.MOBILE, TwoFactorView.class),
            new Action("tokens.title", VaadinIcon.CODE, ApiTokensView.class));

    private final CurrentScope currentScope;
    private final AccountService accounts;

    OwnAccountArea(CurrentScope currentScope, AccountService accounts) {
        this.currentScope = currentScope;
        this.accounts = accounts;
    }

    @Override
    public Optional<Holder> holder() {
        return currentScope.find()
                .map(scope -> new Holder(scope.username(), "role." + scope.role().name(), scope.regionCode()));
    }

    @Override
    public List<Action> actions() {
        return ACTIONS;
    }

    @Override
    public void rememberLanguage(String languageTag) {
        accounts.setOwnLocale(languageTag);
    }
}
