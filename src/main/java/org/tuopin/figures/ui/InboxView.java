package org.tuopin.figures.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

import org.tuopin.access.AppRoles;
import org.tuopin.figures.ReportModels.InboxItem;
import org.tuopin.base.export.ExportService;
import org.tuopin.base.export.TableExport;
import org.tuopin.base.export.ui.ExportMenu;
import org.tuopin.figures.ReportService;

/** Returned reports for a local office, submitted reports for a supervisor: a click opens the report. */
@Route("inbox")
@Menu(order = 3, title = "menu.inbox", icon = "vaadin:inbox")
@RolesAllowed({AppRoles.DATA_ENTRY, AppRoles.SUPERVISOR})
class InboxView extends VerticalLayout implements HasDynamicTitle {

    final Grid<InboxItem> grid = new Grid<>();

    final ExportMenu exportMenu;

    InboxView(ReportService reports, ExportService exports) {
        Locale locale = getLocale();
        setSizeFull();
        H2 title = new H2(getTranslation("menu.inbox"));
        title.addClassName("view-title");
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneId.systemDefault());
        grid.addColumn(i -> i.regionCode() + " " + (locale.getLanguage().equals("zh") ? i.regionNameZh() : i.regionNameEn()))
                .setHeader(getTranslation("column.region")).setAutoWidth(true);
        grid.addColumn(InboxItem::year).setHeader(getTranslation("column.year")).setAutoWidth(true);
        grid.addColumn(i -> getTranslation(i.state().messageKey())).setHeader(getTranslation("column.state"))
                .setAutoWidth(true);
        grid.addColumn(i -> i.lastBy() == null ? "" : i.lastBy() + " · " + when.format(i.lastAt()))
                .setHeader(getTranslation("inbox.by")).setAutoWidth(true);
        grid.addColumn(i -> i.lastReason() != null ? i.lastReason() : i.lastExplanation() == null ? "" : i.lastExplanation())
                .setHeader(getTranslation("inbox.reason")).setFlexGrow(3);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        // an inbox holds what waits for this one user: a short, bounded list
        List<InboxItem> items = reports.inbox();
        grid.setItems(items);
        grid.addItemClickListener(e -> getUI().ifPresent(ui ->
                ui.navigate("figures/" + e.getItem().regionCode() + "/" + e.getItem().year())));
        exportMenu = ExportMenu.of("inbox", exports, () -> "", header -> List.of(
                new TableExport.Column<InboxItem>(header.apply("region_code"), InboxItem::regionCode),
                new TableExport.Column<>(header.apply("name_en"), InboxItem::regionNameEn),
                new TableExport.Column<>(header.apply("name_zh"), InboxItem::regionNameZh),
                new TableExport.Column<>(header.apply("year"), InboxItem::year),
                new TableExport.Column<>(header.apply("state"), InboxItem::state),
                new TableExport.Column<>(header.apply("version"), InboxItem::version),
                new TableExport.Column<>(header.apply("last_by"), InboxItem::lastBy),
                new TableExport.Column<>(header.apply("last_at"), InboxItem::lastAt),
                new TableExport.Column<>(header.apply("reason"), InboxItem::lastReason),
                new TableExport.Column<>(header.apply("explanation"), InboxItem::lastExplanation)),
                () -> items::forEach);
        add(title, new Paragraph(getTranslation("inbox.help")), exportMenu, grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.inbox") + " · " + getTranslation("app.name");
    }
}
