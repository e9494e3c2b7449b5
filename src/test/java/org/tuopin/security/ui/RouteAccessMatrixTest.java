package org.tuopin.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.Route;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.access.Role;

/**
 * Every route, for every role: the view opens for the roles the table allows and for no other. A route
 * missing from {@link #ALLOWED} fails the test: new views must be added here.
 */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class RouteAccessMatrixTest extends SpringBrowserlessTest {

    static final Set<Role> EVERYONE = Set.of(Role.values());

    static final Map<String, Set<Role>> ALLOWED = Map.ofEntries(
            Map.entry("", EVERYONE),
            Map.entry("figures", EVERYONE),
            Map.entry("figures/:regionCode/:year", EVERYONE),
            Map.entry("figures/rules", EVERYONE),
            Map.entry("progress", EVERYONE),
            Map.entry("inbox", Set.of(Role.DATA_ENTRY, Role.SUPERVISOR)),
            Map.entry("regions", EVERYONE),
            Map.entry("regions/:code", EVERYONE),
            Map.entry("audit", EVERYONE),
            Map.entry("figures/import", Set.of(Role.DATA_ENTRY)),
            Map.entry("account/password", EVERYONE),
            Map.entry("account/two-factor", EVERYONE),
            Map.entry("account/api-tokens", EVERYONE),
            Map.entry("admin/users", Set.of(Role.ADMIN)),
            Map.entry("admin/years", Set.of(Role.ADMIN)),
            Map.entry("pairings", EVERYONE),
            Map.entry("dispatches", EVERYONE));

    /** A concrete address for each route template. */
    static String url(String route) {
        return route.replace(":regionCode", "513400").replace(":year", "2018").replace(":code", "513400");
    }

    /** Routes that are not pages of the application proper: the sign-in steps. */
    static final Set<String> SIGN_IN = Set.of("login", "login/code");

    static final Map<Role, String> PLAYERS = Map.of(Role.ADMIN, "admin", Role.SUPERVISOR, "supervisor.sichuan",
            Role.DATA_ENTRY, "clerk.liangshan", Role.AUDITOR, "auditor");

    @Autowired
    UserDetailsService users;

    @Test
    void everyRouteIsInTheTable() throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        Set<String> routes = new TreeSet<>();
        for (var candidate : scanner.findCandidateComponents("org.tuopin")) {
            routes.add(Class.forName(candidate.getBeanClassName()).getAnnotation(Route.class).value());
        }
        Set<String> known = new TreeSet<>(ALLOWED.keySet());
        known.addAll(SIGN_IN);
        assertThat(routes).as("routes missing from the access table").isEqualTo(known);
    }

    @Test
    @WithUserDetails("admin")
    void eachRoleOpensExactlyItsRoutes() {
        for (Role role : Role.values()) {
            SignIn.as(users, PLAYERS.get(role));
            for (var entry : ALLOWED.entrySet()) {
                UI.getCurrent().navigate(url(entry.getKey()));
                String opened = getCurrentView().getClass().getAnnotation(Route.class) == null ? "(error)"
                        : getCurrentView().getClass().getAnnotation(Route.class).value();
                if (entry.getValue().contains(role)) {
                    assertThat(opened).as("%s opens %s", role, entry.getKey()).isEqualTo(entry.getKey());
                } else {
                    assertThat(opened).as("%s is kept out of %s", role, entry.getKey()).isNotEqualTo(entry.getKey());
                }
            }
        }
    }
}
