package org.tuopin.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.region.Designation;
import org.tuopin.region.RegionService;

/** The region page's history link, {@code /audit?region=…}, opens the trail filtered to that region. */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class AuditRegionLinkTest extends SpringBrowserlessTest {

    @Autowired
    RegionService regions;

    @Test
    @WithUserDetails("admin")
    void theTrailOpensFilteredToTheRegionOfTheLink() {
        // two entries about Zhaojue County: renamed, and renamed back
        regions.update("513431", regions.version("513431"), "Zhaojue County (renamed)", "昭觉县",
                Designation.THREE_PREFECTURES, false);
        regions.update("513431", regions.version("513431"), "Zhaojue County", "昭觉县",
                Designation.THREE_PREFECTURES, false);

        UI.getCurrent().navigate("audit", QueryParameters.simple(Map.of("region", "513431")));
        AuditView view = (AuditView) getCurrentView();
        assertThat(view.region.getValue()).isEqualTo("513431");
        var grid = test(view.grid);
        assertThat(grid.size()).isGreaterThanOrEqualTo(2);
        for (int i = 0; i < grid.size(); i++) {
            assertThat(grid.getRow(i).regionCode()).isEqualTo("513431");
        }
    }
}
