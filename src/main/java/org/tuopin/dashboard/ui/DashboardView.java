package org.tuopin.dashboard.ui;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

import org.tuopin.base.ui.Formats;
import org.tuopin.dashboard.DashboardService;
import org.tuopin.dashboard.DashboardService.Headline;
import org.tuopin.dashboard.DashboardService.Overview;
import org.tuopin.dashboard.DashboardService.YearFigures;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ReportState;
import org.tuopin.region.RegionRef;
import org.tuopin.region.RegionService;

/** The signed-in user's scope at a glance, computed from the database when the page opens. */
@Route("")
@Menu(order = 0, title = "menu.dashboard", icon = "vaadin:dashboard")
@PermitAll
class DashboardView extends VerticalLayout implements HasDynamicTitle {

    static final Metric[] YEAR_COLUMNS = {Metric.POOR_POPULATION, Metric.PEOPLE_LIFTED_OUT, Metric.POVERTY_INCIDENCE,
            Metric.VILLAGES_EXITED, Metric.COUNTIES_EXITED, Metric.FUNDS_TOTAL};

    final FlexLayout headlines = new FlexLayout();
    final FlexLayout reports = new FlexLayout();
    final Grid<YearFigures> years = new Grid<>();

    DashboardView(DashboardService dashboard, RegionService regions) {
        Locale locale = getLocale();
        RegionRef root = regions.scopeRoot();
        Overview overview = dashboard.overview();

        H2 title = new H2(getTranslation("dashboard.title", root.name(locale)));
        title.addClassName("view-title");
        add(title);

        headlines.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        headlines.getStyle().set("gap", "var(--lumo-space-m)");
        for (Headline h : overview.headlines()) {
            Div card = card(getTranslation(h.metric().messageKey()),
                    Formats.compact(h.value(), h.metric().unit(), locale) + (h.metric().unit() == org.tuopin.figures.Unit.PERCENT
                            ? " %" : " " + getTranslation("unit." + h.metric().unit().code())),
                    getTranslation("dashboard.asOf", String.valueOf(h.year()), h.source() == null ? "" : h.source()));
            // the exact value on hover, when the card shows 万 or 亿
            card.getElement().setAttribute("title", Formats.withUnit(h.value(), h.metric().unit(), locale,
                    getTranslation("unit." + h.metric().unit().code())));
            headlines.add(card);
        }
        if (overview.headlines().isEmpty()) {
            add(new Paragraph(getTranslation("dashboard.noFigures", root.name(locale))));
        } else {
            add(headlines);
        }

        add(new H3(getTranslation("dashboard.reports")));
        reports.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        reports.getStyle().set("gap", "var(--lumo-space-m)");
        for (Map.Entry<ReportState, Integer> e : overview.reportsByState().entrySet()) {
            reports.add(card(getTranslation(e.getKey().messageKey()), String.valueOf(e.getValue()), ""));
        }
        reports.add(card(getTranslation("dashboard.valuesInScope"), String.valueOf(overview.valuesInScope()), ""));
        add(reports);

        if (!overview.years().isEmpty()) {
            add(new H3(getTranslation("dashboard.byYear", root.name(locale))));
            years.addColumn(YearFigures::year).setHeader(getTranslation("column.year")).setAutoWidth(true);
            for (Metric m : YEAR_COLUMNS) {
                years.addColumn(y -> format(y.values().get(m), m, locale))
                        .setHeader(getTranslation(m.messageKey())).setPartNameGenerator(y -> "numeric").setAutoWidth(true);
            }
            years.setItems(overview.years());
            years.setAllRowsVisible(true);
            years.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            add(years);
            add(new Paragraph(getTranslation("dashboard.missingNotZero")));
        }
    }

    private String format(BigDecimal value, Metric m, Locale locale) {
        return value == null ? "–" : Formats.number(value, m.unit(), locale);
    }

    private Div card(String label, String value, String source) {
        Div card = new Div();
        card.addClassName("headline-card");
        Span v = new Span(value);
        v.addClassName("headline-value");
        Span l = new Span(label);
        l.addClassName("headline-label");
        card.add(l, new Div(v));
        if (!source.isEmpty()) {
            Span s = new Span(source);
            s.addClassName("headline-source");
            card.add(new Div(s));
        }
        return card;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.dashboard") + " · " + getTranslation("app.name");
    }
}
