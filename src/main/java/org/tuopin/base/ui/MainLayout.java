package org.tuopin.base.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

import org.springframework.beans.factory.ObjectProvider;

/**
 * The shell around every view: a side navigation built from the views this user may open ({@code @Menu} titles
 * are translation keys) with the badges modules contribute, the account area, the language switch and sign-out.
 * It names no feature: what it shows comes from {@link MenuBadge}, {@link AccountArea} and {@link EntryCheck}.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements BeforeEnterObserver {

    final SideNav nav = new SideNav();
    final Button language;
    /** The account area's pages, in its order. */
    final List<Button> accountActions = new ArrayList<>();
    final Button logout;

    private final AccountArea account;
    private final List<EntryCheck> entryChecks;

    MainLayout(AuthenticationContext authentication, AccountArea account, ObjectProvider<MenuBadge> badges,
               ObjectProvider<EntryCheck> entryChecks) {
        this.account = account;
        this.entryChecks = entryChecks.orderedStream().toList();
        setPrimarySection(Section.DRAWER);

        H1 title = new H1(getTranslation("app.name"));
        title.addClassName("app-title");
        Div header = new Div(title, new Span(getTranslation("app.tagline")));
        header.addClassName("app-drawer-header");
        header.getElement().getStyle().set("display", "flex").set("flex-direction", "column");

        List<MenuBadge> allBadges = badges.orderedStream().toList();
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(getTranslation(entry.title()), entry.path());
            if (entry.icon() != null) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            // a badge is counted only when its view is in this user's menu: roles without it cost no query
            allBadges.stream().filter(b -> b.view().equals(entry.menuClass())).findFirst()
                    .ifPresent(badge -> badge(item, badge.count()));
            nav.addItem(item);
        }

        language = new Button(getTranslation("language.switch"), VaadinIcon.GLOBE.create(), e -> switchLanguage());
        language.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        language.getElement().setAttribute("lang", getTranslation("language.switchTag"));
        for (AccountArea.Action action : account.actions()) {
            Button button = new Button(getTranslation(action.titleKey()), action.icon().create(),
                    e -> getUI().ifPresent(ui -> ui.navigate(action.view())));
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            accountActions.add(button);
        }
        logout = new Button(getTranslation("action.logout"), VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        VerticalLayout user = new VerticalLayout();
        user.setPadding(false);
        user.setSpacing(false);
        user.addClassName("app-user");
        account.holder().ifPresent(holder -> user.add(userLine(holder)));
        user.add(language);
        accountActions.forEach(user::add);
        user.add(logout);

        addToDrawer(header, new Scroller(nav), user);
        addToNavbar(new DrawerToggle());
    }

    private void badge(SideNavItem item, int waiting) {
        if (waiting > 0) {
            Span badge = new Span(String.valueOf(waiting));
            badge.getElement().getThemeList().add("badge contrast pill small");
            badge.getElement().setAttribute("aria-label", getTranslation("layout.waiting", waiting));
            item.setSuffixComponent(badge);
        }
    }

    /** Switches between Chinese and English at once, and remembers the choice for the account. */
    void switchLanguage() {
        String tag = getTranslation("language.switchTag");
        account.rememberLanguage(tag);
        Locale locale = Locale.forLanguageTag(tag);
        getUI().ifPresent(ui -> {
            ui.getSession().setLocale(locale);
            ui.setLocale(locale);
            ui.getPage().reload();
        });
    }

    /** Steps a sign-in still owes (a second factor, a new password) come before any page inside the shell. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        for (EntryCheck check : entryChecks) {
            var reroute = check.rerouteFor(event.getNavigationTarget());
            if (reroute.isPresent()) {
                event.rerouteTo(reroute.get());
                return;
            }
        }
    }

    private Span userLine(AccountArea.Holder holder) {
        Span line = new Span(holder.username() + " · " + getTranslation(holder.roleKey()) + " · " + holder.regionCode());
        line.getElement().setAttribute("title", getTranslation("layout.scope", holder.regionCode()));
        return line;
    }
}
