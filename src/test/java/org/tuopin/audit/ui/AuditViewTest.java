package org.tuopin.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
class AuditViewTest extends SpringBrowserlessTest {

    @Test
    @WithUserDetails("auditor")
    void anAccountsHistoryOpensFromALinkAndTheChainVerifies() {
        UI.getCurrent().navigate("audit", QueryParameters.simple(Map.of("entity", "account", "id", "clerk.liangshan")));
        AuditView view = (AuditView) getCurrentView();
        assertThat(view.entityType.getValue()).isEqualTo("account");
        assertThat(view.entityId.getValue()).isEqualTo("clerk.liangshan");
        var grid = test(view.grid);
        for (int i = 0; i < grid.size(); i++) {
            assertThat(grid.getRow(i).entityId()).isEqualTo("clerk.liangshan");
        }
        test(view.verify).click();
        assertThat(view.verification.getText()).startsWith("Intact: ");
    }

    @Test
    @WithUserDetails("clerk.nujiang")
    void aLocalOfficeSeesOnlyItsOwnEntriesAndCannotVerify() {
        UI.getCurrent().navigate("audit");
        AuditView view = (AuditView) getCurrentView();
        var grid = test(view.grid);
        for (int i = 0; i < grid.size(); i++) {
            assertThat(grid.getRow(i).account()).isEqualTo("clerk.nujiang");
        }
        assertThat(view.verify.isVisible()).isFalse();
    }
}
