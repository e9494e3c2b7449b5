package org.tuopin.region.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.data.provider.hierarchy.HierarchicalQuery;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.region.RegionNode;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
class RegionsViewTest extends SpringBrowserlessTest {

    @Test
    @WithUserDetails("clerk.liangshan")
    void theTreeStartsAtTheUsersOwnRegionAndShowsItsCounties() {
        RegionsView view = navigate(RegionsView.class);
        var tree = test(view.tree);
        assertThat(tree.getRow(0).code()).isEqualTo("513400");
        // the names link to the region's page
        var zh = (com.vaadin.flow.component.html.Anchor) ((com.vaadin.flow.data.renderer.ComponentRenderer<?, RegionNode>)
                view.tree.getColumnByKey("nameZh").getRenderer()).createComponent(tree.getRow(0));
        var en = (com.vaadin.flow.component.html.Anchor) ((com.vaadin.flow.data.renderer.ComponentRenderer<?, RegionNode>)
                view.tree.getColumnByKey("nameEn").getRenderer()).createComponent(tree.getRow(0));
        assertThat(zh.getText()).isEqualTo("凉山彝族自治州");
        assertThat(en.getText()).isEqualTo("Liangshan Yi Autonomous Prefecture");
        assertThat(en.getHref()).isEqualTo("regions/513400");
        // the root is expanded: its eleven counties follow it, and nothing of another prefecture
        assertThat(tree.size()).isEqualTo(12);
        assertThat(tree.getRow(1).code()).isEqualTo("513422");
        for (int i = 1; i < tree.size(); i++) {
            assertThat(tree.getRow(i).code()).startsWith("5134");
        }
    }

    @Test
    @WithUserDetails("admin")
    void theNationalTreeHasTheProvincesUnderChina() {
        RegionsView view = navigate(RegionsView.class);
        var provider = view.tree.getDataProvider();
        RegionNode china = test(view.tree).getRow(0);
        assertThat(china.code()).isEqualTo("CN");
        List<RegionNode> provinces = provider.fetch(new HierarchicalQuery<>(null, china)).toList();
        assertThat(provinces).extracting(RegionNode::code)
                .containsExactly("150000", "450000", "510000", "520000", "530000", "540000", "620000", "630000",
                        "640000", "650000");
    }
}
