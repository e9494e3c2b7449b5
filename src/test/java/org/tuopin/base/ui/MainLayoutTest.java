package org.tuopin.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
class MainLayoutTest extends SpringBrowserlessTest {

    @Test
    @WithUserDetails("clerk.liangshan")
    void theShellShowsTheMenuTheUserAndTheirRegion() {
        MainLayout layout = find(MainLayout.class).single();
        assertThat(layout.nav.getItems()).extracting(SideNavItem::getLabel)
                .containsExactly("Dashboard", "Yearly figures", "Progress", "Inbox", "Checks", "Regions", "Import figures",
                        "Officials dispatched", "Pairing assistance", "Audit trail");
        assertThat(find(Span.class).all()).extracting(Span::getText)
                .contains("clerk.liangshan · Data entry · 513400");
        assertThat(layout.logout.getText()).isEqualTo("Sign out");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void theMenuNavigates() {
        test(find(com.vaadin.flow.component.sidenav.SideNav.class).single()).clickItem("Regions");
        assertThat(getCurrentView().getClass().getSimpleName()).isEqualTo("RegionsView");
    }
}
