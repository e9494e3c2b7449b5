package org.tuopin.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

import org.tuopin.access.CurrentScope;
import org.tuopin.access.Scope;
import org.tuopin.access.SecondFactor;
import org.tuopin.figures.ReportService;
import org.tuopin.security.AccountService;
import org.tuopin.security.ui.ChangePasswordView;
import org.tuopin.security.ui.SecondFactorView;
import org.tuopin.security.ui.TwoFactorView;

/**
 * The shell around every view: a side navigation built from the views this user may open
 * ({@code @Menu} titles are translation keys), the user's name, role and region, and sign-out.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements BeforeEnterObserver {

    final SideNav nav = new SideNav();
    final Span inboxBadge = new Span();
    final Button language;
    final Button changePassword;
    final Button twoFactor;
    final Button apiTokens;
    final Button logout;

    private final AccountService accounts;

    MainLayout(AuthenticationContext authentication, CurrentScope currentScope, AccountService accounts,
               ReportService reports) {
        this.accounts = accounts;
        setPrimarySection(Section.DRAWER);

        H1 title = new H1(getTranslation("app.name"));
        title.addClassName("app-title");
        Div header = new Div(title, new Span(getTranslation("app.tagline")));
        header.addClassName("app-drawer-header");
        header.getElement().getStyle().set("display", "flex").set("flex-direction", "column");

        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(getTranslation(entry.title()), entry.path());
            if (entry.icon() != null) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            if ("menu.inbox".equals(entry.title()) && currentScope.find().isPresent()) {
                int waiting = reports.inboxCount();
                if (waiting > 0) {
                    inboxBadge.setText(String.valueOf(waiting));
                    inboxBadge.getElement().getThemeList().add("badge contrast pill small");
                    inboxBadge.getElement().setAttribute("aria-label", getTranslation("layout.waiting", waiting));
                    item.setSuffixComponent(inboxBadge);
                }
            }
            nav.addItem(item);
        }

        changePassword = new Button(getTranslation("password.title"), VaadinIcon.KEY.create(),
                e -> getUI().ifPresent(ui -> ui.navigate("account/password")));
        changePassword.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        twoFactor = new Button(getTranslation("totp.title"), VaadinIcon.MOBILE.create(),
                e -> getUI().ifPresent(ui -> ui.navigate("account/two-factor")));
        twoFactor.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        apiTokens = new Button(getTranslation("tokens.title"), VaadinIcon.CODE.create(),
                e -> getUI().ifPresent(ui -> ui.navigate("account/api-tokens")));
        apiTokens.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        language = new Button(getTranslation("language.switch"), VaadinIcon.GLOBE.create(), e -> switchLanguage());
        language.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        language.getElement().setAttribute("lang", getTranslation("language.switchTag"));
        logout = new Button(getTranslation("action.logout"), VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        VerticalLayout user = new VerticalLayout();
        user.setPadding(false);
        user.setSpacing(false);
        user.addClassName("app-user");
        currentScope.find().ifPresent(scope -> user.add(userLine(scope)));
        user.add(language, changePassword, twoFactor, apiTokens, logout);

        addToDrawer(header, new Scroller(nav), user);
        addToNavbar(new DrawerToggle());
    }

    /** Switches between Chinese and English at once, and remembers the choice for the account. */
    void switchLanguage() {
        String tag = getTranslation("language.switchTag");
        accounts.setOwnLocale(tag);
        java.util.Locale locale = java.util.Locale.forLanguageTag(tag);
        getUI().ifPresent(ui -> {
            ui.getSession().setLocale(locale);
            ui.setLocale(locale);
            ui.getPage().reload();
        });
    }

    /** A user signed in with a one-time password sees nothing but the password form until they choose their own. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        if (SecondFactor.isPending()) {
            event.rerouteTo(SecondFactorView.class);
        } else if (target != ChangePasswordView.class && accounts.mustChangePassword()) {
            event.rerouteTo(ChangePasswordView.class);
        } else if (target != TwoFactorView.class && target != ChangePasswordView.class && accounts.totpSetupRequired()) {
            event.rerouteTo(TwoFactorView.class);
        }
    }

    private Span userLine(Scope scope) {
        Span line = new Span(scope.username() + " · " + getTranslation("role." + scope.role().name()) + " · "
                + scope.regionCode());
        line.getElement().setAttribute("title", getTranslation("layout.scope", scope.regionCode()));
        return line;
    }
}
