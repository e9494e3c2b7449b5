package org.tuopin.figures.ui;

import java.util.List;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

import org.tuopin.base.export.ExportService;
import org.tuopin.base.export.TableExport;
import org.tuopin.base.export.ui.ExportMenu;
import org.tuopin.figures.rules.Rule;
import org.tuopin.figures.rules.Rules;

/** Every check the service runs, read from the same registry, so this page cannot drift from what is enforced. */
@Route("figures/rules")
@Menu(order = 4, title = "menu.rules", icon = "vaadin:check-square-o")
@PermitAll
class RulesView extends VerticalLayout implements HasDynamicTitle {

    final Grid<Rule> grid = new Grid<>();

    final ExportMenu exportMenu;

    RulesView(ExportService exports) {
        setSizeFull();
        H2 title = new H2(getTranslation("menu.rules"));
        title.addClassName("view-title");
        grid.addColumn(Rule::id).setHeader(getTranslation("rules.id")).setAutoWidth(true);
        grid.addColumn(r -> getTranslation("rules.severity." + r.severity().name())).setHeader(getTranslation("rules.severity"))
                .setAutoWidth(true);
        grid.addColumn(r -> String.join(", ", r.metrics().stream().map(m -> getTranslation(m.messageKey())).toList()))
                .setHeader(getTranslation("rules.metrics")).setWidth("18em").setFlexGrow(1);
        grid.addColumn(r -> getTranslation(r.descriptionKey())).setHeader(getTranslation("rules.description"))
                .setFlexGrow(3);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.setItems(Rules.ALL);
        exportMenu = ExportMenu.of("rules", exports, () -> "", header -> List.of(
                new TableExport.Column<Rule>(header.apply("rule"), Rule::id),
                new TableExport.Column<>(header.apply("severity"), r -> r.severity().name()),
                new TableExport.Column<>(header.apply("metrics"),
                        r -> String.join(" ", r.metrics().stream().map(m -> m.code()).toList())),
                new TableExport.Column<>(header.apply("description"), r -> getTranslation(r.descriptionKey()))),
                () -> Rules.ALL::forEach);
        add(title, new Paragraph(getTranslation("rules.help")), exportMenu, grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.rules") + " · " + getTranslation("app.name");
    }
}
