package org.tuopin.dashboard.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

import org.jspecify.annotations.Nullable;
import org.tuopin.base.ui.Formats;
import org.tuopin.dashboard.ChartData;
import org.tuopin.dashboard.DashboardService;
import org.tuopin.dashboard.DashboardService.Amount;
import org.tuopin.dashboard.DashboardService.Headlines;
import org.tuopin.dashboard.FigureBasis;
import org.tuopin.figures.Unit;
import org.tuopin.region.RegionRef;
import org.tuopin.region.RegionService;

/**
 * The signed-in user's scope at a glance: headline figures for a chosen year and charts, computed from the
 * database when the page opens or a choice changes. {@code ?year=2018&basis=ALL_STATES} opens it on a year
 * and basis. A chart is one {@link ChartPanel} plus one line in {@link #charts}.
 */
@Route("")
@Menu(order = 0, title = "menu.dashboard", icon = "vaadin:dashboard")
@PermitAll
class DashboardView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    final Select<Integer> year = new Select<>();
    final RadioButtonGroup<FigureBasis> basis = new RadioButtonGroup<>();
    final FlexLayout headlines = new FlexLayout();
    final Div charts = new Div();

    final ChartPanel incidence = new ChartPanel("incidence", "dashboard.chart.incidence", ChartOptions.Shape.LINE,
            "column.year", (data, s, c) -> figures(data.series().get(s).code(), data.categories().get(c).code()));
    final ChartPanel poorPopulation = new ChartPanel("poor-population", "dashboard.chart.poorPopulation",
            ChartOptions.Shape.HBAR, "column.region", this::regionFigures);
    final ChartPanel liftedOut = new ChartPanel("lifted-out", "dashboard.chart.liftedOut", ChartOptions.Shape.HBAR,
            "column.region", this::regionFigures);
    final ChartPanel funds = new ChartPanel("funds", "dashboard.chart.funds", ChartOptions.Shape.HBAR, "column.region",
            this::regionFigures);
    final ChartPanel officials = new ChartPanel("officials", "dashboard.chart.officials", ChartOptions.Shape.BAR,
            "dashboard.column.role", DashboardView::roster).noting("dashboard.officials.rosterRule");
    final ChartPanel pairing = new ChartPanel("pairing", "dashboard.chart.pairing", ChartOptions.Shape.BAR,
            "pairing.donorType", (data, s, c) -> Optional.of(new ChartPanel.Target("pairings",
                    Map.of("donorType", data.categories().get(c).code(), "year", String.valueOf(year.getValue())))));
    final ChartPanel completeness = new ChartPanel("completeness", "dashboard.chart.completeness",
            ChartOptions.Shape.BAR, "column.year", DashboardView::progress);

    private final DashboardService dashboard;
    private final RegionRef root;

    DashboardView(DashboardService dashboard, RegionService regions) {
        this.dashboard = dashboard;
        this.root = regions.scopeRoot();
        Locale locale = getLocale();

        H2 title = new H2(getTranslation("dashboard.title", root.name(locale)));
        title.addClassName("view-title");

        year.setLabel(getTranslation("column.year"));
        year.setItems(dashboard.years());
        basis.setLabel(getTranslation("dashboard.basis"));
        basis.setItems(FigureBasis.values());
        basis.setItemLabelGenerator(b -> getTranslation(b.messageKey()));
        basis.setValue(FigureBasis.APPROVED_ONLY);
        year.setValue(dashboard.latestYear(FigureBasis.APPROVED_ONLY));
        HorizontalLayout choices = new HorizontalLayout(year, basis);
        choices.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        choices.setWrap(true);

        headlines.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        headlines.getStyle().set("gap", "var(--lumo-space-m)");
        charts.addClassName("chart-grid");
        charts.add(incidence, poorPopulation, liftedOut, funds, officials, pairing, completeness);
        add(title, choices, headlines, charts);
        setWidthFull();

        year.addValueChangeListener(e -> refresh());
        basis.addValueChangeListener(e -> refresh());
        refresh();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
        Optional.ofNullable(params.get("basis")).map(List::getFirst).flatMap(b -> java.util.Arrays.stream(
                FigureBasis.values()).filter(v -> v.name().equals(b)).findFirst()).ifPresent(basis::setValue);
        Optional.ofNullable(params.get("year")).map(List::getFirst).filter(y -> y.matches("\\d{4}"))
                .map(Integer::valueOf).filter(dashboard.years()::contains).ifPresent(year::setValue);
    }

    void refresh() {
        Integer y = year.getValue();
        FigureBasis b = basis.getValue();
        if (y == null || b == null) {
            return;
        }
        DashboardService.YearFigures figures = dashboard.yearFigures(y, b);
        showHeadlines(figures.headlines());
        String place = root.name(getLocale());
        incidence.show(dashboard.incidenceTrend(b), place);
        poorPopulation.show(figures.poorPopulation(), String.valueOf(y));
        liftedOut.show(figures.liftedOut(), String.valueOf(y));
        funds.show(figures.funds(), String.valueOf(y));
        officials.show(dashboard.officialsByRoleAndRank(y), String.valueOf(y));
        pairing.show(dashboard.pairingFundsByDonorType(y), String.valueOf(y));
        completeness.show(dashboard.completeness(), place);
    }

    private void showHeadlines(Headlines h) {
        Locale locale = getLocale();
        headlines.removeAll();
        headlines.add(card("dashboard.headline.poorPopulation", amount(h.poorPopulation(), Unit.PERSONS),
                origin(h.poorPopulation())));
        String lifted = amount(h.liftedOut(), Unit.PERSONS);
        headlines.add(card("dashboard.headline.liftedOut", lifted, h.liftedOutTarget() == null ? origin(h.liftedOut())
                : getTranslation("dashboard.headline.target", amount(h.liftedOutTarget(), Unit.PERSONS))));
        headlines.add(card("dashboard.headline.villagesExited", amount(h.villagesExited(), Unit.VILLAGES),
                origin(h.villagesExited())));
        headlines.add(card("dashboard.headline.countiesExited", amount(h.countiesExited(), Unit.COUNTIES),
                origin(h.countiesExited())));
        Div awaiting = card("dashboard.headline.awaitingReview", Formats.number(
                java.math.BigDecimal.valueOf(h.awaitingReview()), Unit.PERSONS, locale), "");
        awaiting.add(link("progress", Map.of("from", "" + h.year(), "to", "" + h.year(), "state", "SUBMITTED")));
        Div returned = card("dashboard.headline.returned", Formats.number(
                java.math.BigDecimal.valueOf(h.returned()), Unit.PERSONS, locale), "");
        returned.add(link("progress", Map.of("from", "" + h.year(), "to", "" + h.year(), "state", "RETURNED")));
        headlines.add(awaiting, returned);
    }

    private Anchor link(String route, Map<String, String> params) {
        Anchor a = new Anchor(route + "?" + QueryParameters.simple(params).getQueryString(),
                getTranslation("dashboard.headline.open"));
        a.addClassName("headline-link");
        return a;
    }

    private String amount(@Nullable Amount amount, Unit unit) {
        if (amount == null) {
            return "–";
        }
        return Formats.compact(amount.value(), unit, getLocale()) + " " + getTranslation("unit." + unit.code());
    }

    /** Whether the scope's region reported the amount itself or it is the sum of regions below. */
    private String origin(@Nullable Amount amount) {
        if (amount == null) {
            return getTranslation("dashboard.headline.notReported");
        }
        return amount.own() ? getTranslation("dashboard.headline.own")
                : getTranslation("dashboard.headline.sumBelow", amount.regions());
    }

    private Div card(String labelKey, String value, String note) {
        Div card = new Div();
        card.addClassName("headline-card");
        Span l = new Span(getTranslation(labelKey));
        l.addClassName("headline-label");
        Span v = new Span(value);
        v.addClassName("headline-value");
        card.add(l, new Div(v));
        if (!note.isEmpty()) {
            Span s = new Span(note);
            s.addClassName("headline-source");
            card.add(new Div(s));
        }
        return card;
    }

    /** A bar of officials opens the roster on its role, and on its rank when the bar is the roster's own. */
    private static Optional<ChartPanel.Target> roster(ChartData data, int series, int category) {
        String role = data.categories().get(category).code();
        String code = data.series().get(series).code();
        return Optional.of(new ChartPanel.Target("dispatches", code.startsWith("dashboard.officials.roster:")
                ? Map.of("role", role, "rank", code.substring(code.indexOf(':') + 1)) : Map.of("role", role)));
    }

    private static Optional<ChartPanel.Target> figures(String regionCode, String year) {
        return Optional.of(new ChartPanel.Target("figures", Map.of("region", regionCode, "year", year)));
    }

    private Optional<ChartPanel.Target> regionFigures(ChartData data, int series, int category) {
        return figures(data.categories().get(category).code(), String.valueOf(year.getValue()));
    }

    private static Optional<ChartPanel.Target> progress(ChartData data, int series, int category) {
        String y = data.categories().get(category).code();
        String state = data.series().get(series).code();
        return Optional.of(new ChartPanel.Target("progress", "MISSING".equals(state) ? Map.of("from", y, "to", y)
                : Map.of("from", y, "to", y, "state", state)));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.dashboard") + " · " + getTranslation("app.name");
    }
}
