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
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

import org.tuopin.security.CurrentScope;
import org.tuopin.security.Scope;

/**
 * The shell around every view: a side navigation built from the views this user may open
 * ({@code @Menu} titles are translation keys), the user's name, role and region, and sign-out.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    final SideNav nav = new SideNav();
    final Button logout;

    MainLayout(AuthenticationContext authentication, CurrentScope currentScope) {
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
            nav.addItem(item);
        }

        logout = new Button(getTranslation("action.logout"), VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        VerticalLayout user = new VerticalLayout();
        user.setPadding(false);
        user.setSpacing(false);
        user.addClassName("app-user");
        currentScope.find().ifPresent(scope -> user.add(userLine(scope)));
        user.add(logout);

        addToDrawer(header, new Scroller(nav), user);
        addToNavbar(new DrawerToggle());
    }

    private Span userLine(Scope scope) {
        Span line = new Span(scope.username() + " · " + getTranslation("role." + scope.role().name()) + " · "
                + scope.regionCode());
        line.getElement().setAttribute("title", getTranslation("layout.scope", scope.regionCode()));
        return line;
    }
}
