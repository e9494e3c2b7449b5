package org.tuopin.region.ui;

import java.util.stream.Stream;

import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.hierarchy.AbstractBackEndHierarchicalDataProvider;
import com.vaadin.flow.data.provider.hierarchy.HierarchicalQuery;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

import org.tuopin.region.RegionNode;
import org.tuopin.region.RegionService;

/** The region hierarchy below the user's own region, each level loaded from the database when opened. */
@Route("regions")
@Menu(order = 5, title = "menu.regions", icon = "vaadin:sitemap")
@PermitAll
class RegionsView extends VerticalLayout implements HasDynamicTitle {

    final TreeGrid<RegionNode> tree = new TreeGrid<>();

    RegionsView(RegionService regions) {
        setSizeFull();
        H2 title = new H2(getTranslation("menu.regions"));
        title.addClassName("view-title");

        tree.addHierarchyColumn(RegionNode::code).setHeader(getTranslation("column.code")).setAutoWidth(true)
                .setSortable(false);
        tree.addColumn(RegionNode::nameZh).setHeader(getTranslation("column.nameZh")).setAutoWidth(true);
        tree.addColumn(RegionNode::nameEn).setHeader(getTranslation("column.nameEn")).setAutoWidth(true);
        tree.addColumn(r -> getTranslation("level." + r.level().name())).setHeader(getTranslation("column.level"))
                .setAutoWidth(true);
        tree.addColumn(r -> r.designation() == null ? "" : getTranslation("designation." + r.designation().name()))
                .setHeader(getTranslation("column.designation")).setAutoWidth(true);
        tree.addColumn(r -> r.eightProvinces() ? getTranslation("regions.eightProvinces") : "")
                .setHeader(getTranslation("column.group")).setAutoWidth(true);
        tree.addThemeVariants(GridVariant.LUMO_COMPACT);
        tree.setSizeFull();
        tree.setDataProvider(new AbstractBackEndHierarchicalDataProvider<RegionNode, Void>() {
            @Override
            protected Stream<RegionNode> fetchChildrenFromBackEnd(HierarchicalQuery<RegionNode, Void> query) {
                return regions.children(query.getParent(), query.getOffset(), query.getLimit()).stream();
            }

            @Override
            public int getChildCount(HierarchicalQuery<RegionNode, Void> query) {
                return regions.childCount(query.getParent());
            }

            @Override
            public boolean hasChildren(RegionNode item) {
                return regions.childCount(item) > 0;
            }

            @Override
            public Object getId(RegionNode item) {
                return item.id();
            }
        });
        regions.children(null, 0, 1).forEach(root -> tree.expand(root));
        add(title, tree);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.regions") + " · " + getTranslation("app.name");
    }
}
