package org.tuopin.figures.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
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

import org.tuopin.figures.ReportModels.InboxItem;
import org.tuopin.figures.ReportService;
import org.tuopin.security.AppRoles;

/** Returned reports for a local office, submitted reports for a supervisor: a click opens the report. */
@Route("inbox")
@Menu(order = 3, title = "menu.inbox", icon = "vaadin:inbox")
@RolesAllowed({AppRoles.DATA_ENTRY, AppRoles.SUPERVISOR})
class InboxView extends VerticalLayout implements HasDynamicTitle {

    final Grid<InboxItem> grid = new Grid<>();

    InboxView(ReportService reports) {
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
        grid.setItems(reports.inbox());
        grid.addItemClickListener(e -> getUI().ifPresent(ui ->
                ui.navigate("figures/" + e.getItem().regionCode() + "/" + e.getItem().year())));
        add(title, new Paragraph(getTranslation("inbox.help")), grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.inbox") + " · " + getTranslation("app.name");
    }
}
