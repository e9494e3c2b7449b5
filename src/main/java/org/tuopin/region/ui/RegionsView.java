package org.tuopin.region.ui;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.hierarchy.AbstractBackEndHierarchicalDataProvider;
import com.vaadin.flow.data.provider.hierarchy.HierarchicalQuery;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;

import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.tuopin.access.CurrentScope;
import org.tuopin.access.Role;
import org.tuopin.base.UserError;
import org.tuopin.region.Designation;
import org.tuopin.region.RegionLevel;
import org.tuopin.region.RegionNode;
import org.tuopin.base.export.ExportService;
import org.tuopin.base.export.TableExport;
import org.tuopin.base.export.ui.ExportMenu;
import org.tuopin.region.RegionService;

/** The region hierarchy below the user's own region, each level loaded from the database when opened. */
@Route("regions")
@Menu(order = 5, title = "menu.regions", icon = "vaadin:sitemap")
@PermitAll
class RegionsView extends VerticalLayout implements HasDynamicTitle {

    final TreeGrid<RegionNode> tree = new TreeGrid<>();
    final Button add = new Button();
    final Button edit = new Button();
    final ExportMenu exportMenu;

    private final RegionService regions;
    /** Whether a fetched tree row has children, read with its page; forgotten whenever the tree refreshes. */
    private final Map<Long, Boolean> hasChildren = new ConcurrentHashMap<>();

    RegionsView(RegionService regions, CurrentScope currentScope, ExportService exports) {
        this.regions = regions;
        setSizeFull();
        H2 title = new H2(getTranslation("menu.regions"));
        title.addClassName("view-title");

        tree.addHierarchyColumn(RegionNode::code).setHeader(getTranslation("column.code")).setAutoWidth(true)
                .setSortable(false);
        // each name opens the region's own page (dashboard/ui/RegionPageView)
        tree.addComponentColumn(r -> regionLink(r, r.nameZh())).setHeader(getTranslation("column.nameZh"))
                .setKey("nameZh").setAutoWidth(true);
        tree.addComponentColumn(r -> regionLink(r, r.nameEn())).setHeader(getTranslation("column.nameEn"))
                .setKey("nameEn").setAutoWidth(true);
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
                List<RegionNode> page = regions.children(query.getParent(), query.getOffset(), query.getLimit());
                // the expand toggles of the whole page in one query, not a count per row
                Set<Long> parents = regions.withChildren(page, null);
                page.forEach(n -> hasChildren.put(n.id(), parents.contains(n.id())));
                return page.stream();
            }

            @Override
            public int getChildCount(HierarchicalQuery<RegionNode, Void> query) {
                return regions.childCount(query.getParent());
            }

            @Override
            public boolean hasChildren(RegionNode item) {
                Boolean known = hasChildren.get(item.id());
                return known != null ? known : regions.childCount(item) > 0;
            }

            @Override
            public Object getId(RegionNode item) {
                return item.id();
            }
        });
        tree.getDataProvider().addDataProviderListener(e -> hasChildren.clear());
        regions.children(null, 0, 1).forEach(root -> tree.expand(root));
        boolean admin = currentScope.find().map(sc -> sc.role() == Role.ADMIN).orElse(false);
        add.setText(getTranslation("regions.add"));
        add.addClickListener(e -> tree.asSingleSelect().getOptionalValue().ifPresent(parent -> openForm(parent, null)));
        edit.setText(getTranslation("regions.edit"));
        edit.addClickListener(e -> tree.asSingleSelect().getOptionalValue().ifPresent(region -> openForm(null, region)));
        tree.addSelectionListener(e -> {
            add.setEnabled(e.getFirstSelectedItem().map(r -> r.level() != RegionLevel.COUNTY).orElse(false));
            edit.setEnabled(e.getFirstSelectedItem().isPresent());
        });
        add.setEnabled(false);
        edit.setEnabled(false);
        HorizontalLayout actions = new HorizontalLayout(add, edit);
        actions.setVisible(admin);
        // the export lists the whole tree in scope, open or not, a parent before its children
        exportMenu = ExportMenu.of("regions", exports, () -> "", header -> List.of(
                new TableExport.Column<RegionService.RegionLine>(header.apply("region_code"), l -> l.region().code()),
                new TableExport.Column<>(header.apply("parent_code"), RegionService.RegionLine::parentCode),
                new TableExport.Column<>(header.apply("level"), l -> l.region().level()),
                new TableExport.Column<>(header.apply("name_en"), l -> l.region().nameEn()),
                new TableExport.Column<>(header.apply("name_zh"), l -> l.region().nameZh()),
                new TableExport.Column<>(header.apply("designation"), l -> l.region().designation()),
                new TableExport.Column<>(header.apply("eight_provinces"), l -> l.region().eightProvinces())),
                () -> sink -> regions.streamTree(null, sink));
        add(title, actions, exportMenu, tree);
    }

    static Anchor regionLink(RegionNode region, String name) {
        return new Anchor(regionHref(region.code()), name);
    }

    /** Adds a region below {@code parent}, or edits {@code region}: names, designation, eight provinces. */
    void openForm(RegionNode parent, RegionNode region) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(region == null ? getTranslation("regions.addBelow", parent.code()) : region.code());
        TextField code = new TextField(getTranslation("column.code"));
        code.setMaxLength(6);
        TextField nameZh = new TextField(getTranslation("column.nameZh"));
        TextField nameEn = new TextField(getTranslation("column.nameEn"));
        ComboBox<Designation> designation = new ComboBox<>(getTranslation("column.designation"));
        designation.setItems(Designation.values());
        designation.setItemLabelGenerator(d -> getTranslation("designation." + d.name()));
        designation.setClearButtonVisible(true);
        Checkbox eight = new Checkbox(getTranslation("regions.eightProvinces"));
        if (region != null) {
            code.setValue(region.code());
            code.setReadOnly(true);
            nameZh.setValue(region.nameZh());
            nameEn.setValue(region.nameEn());
            designation.setValue(region.designation());
            eight.setValue(region.eightProvinces());
        }
        long version = region == null ? 0 : regions.version(region.code());
        Button save = new Button(getTranslation("accounts.save"), e -> {
            try {
                if (region == null) {
                    regions.create(new RegionService.NewRegion(parent.code(), code.getValue(), nameEn.getValue(),
                            nameZh.getValue(), designation.getValue(), eight.getValue()));
                } else {
                    regions.update(region.code(), version, nameEn.getValue(), nameZh.getValue(), designation.getValue(),
                            eight.getValue());
                }
            } catch (UserError error) {
                Notification.show(getTranslation(error.messageKey(), error.args()), 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
                return;
            } catch (ObjectOptimisticLockingFailureException conflict) {
                Notification.show(getTranslation("regions.error.changed"), 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
                return;
            }
            tree.getDataProvider().refreshAll();
            dialog.close();
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new FormLayout(code, nameZh, nameEn, designation, eight));
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.regions") + " · " + getTranslation("app.name");
    }

    /** The address of a region's page (dashboard/ui/RegionPageView). */
    static String regionHref(String code) {
        return "regions/" + code;
    }
}
