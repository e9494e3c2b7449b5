package org.tuopin.dashboard.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

import org.jspecify.annotations.Nullable;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.ui.Formats;
import org.tuopin.dashboard.DashboardService;
import org.tuopin.dashboard.RegionPageService;
import org.tuopin.dashboard.RegionPageService.Comparison;
import org.tuopin.dashboard.RegionPageService.Dispatch;
import org.tuopin.dashboard.RegionPageService.Pairing;
import org.tuopin.dashboard.RegionPageService.Profile;
import org.tuopin.figures.FigureRow;
import org.tuopin.figures.Unit;
import org.tuopin.region.RegionRef;

/**
 * Everything about one region on one page: where it sits, its figures of every year, the regions below it
 * with their sums against its own figures, officials dispatched, pairings, and its history. The lists are
 * one region's own rows (at most a few hundred), so they are read whole.
 */
@Route("regions/:code")
@PermitAll
class RegionPageView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    final Nav breadcrumb = new Nav();
    final Grid<FigureRow> figures = new Grid<>();
    final Grid<RegionRef> below = new Grid<>();
    final Grid<Comparison> comparison = new Grid<>();
    /** The year whose figures are compared with the regions below ({@code ?year=}); one year keeps China's page fast. */
    final Select<Integer> comparisonYear = new Select<>();
    final Grid<Dispatch> dispatches = new Grid<>();
    final Grid<Pairing> pairings = new Grid<>();
    final Anchor history = new Anchor();
    final Anchor allFigures = new Anchor();

    private final RegionPageService pages;
    private final DashboardService dashboard;
    private String title = "";
    private String code = "";

    RegionPageView(RegionPageService pages, DashboardService dashboard) {
        this.pages = pages;
        this.dashboard = dashboard;
        setWidthFull();
        comparisonYear.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                getUI().ifPresent(ui -> ui.navigate(regionHref(code),
                        QueryParameters.of("year", String.valueOf(e.getValue()))));
            }
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String code = event.getRouteParameters().get("code").orElse("");
        Integer year = event.getLocation().getQueryParameters().getSingleParameter("year")
                .filter(y -> y.matches("\\d{4}")).map(Integer::valueOf).orElse(null);
        try {
            show(code, year);
        } catch (NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
        }
    }

    private void show(String code, @Nullable Integer chosenYear) {
        this.code = code;
        Profile profile = pages.profile(code);
        Locale locale = getLocale();
        RegionRef region = profile.region();
        removeAll();
        title = region.name(locale);

        breadcrumb.removeAll();
        breadcrumb.addClassName("breadcrumb");
        breadcrumb.getElement().setAttribute("aria-label", getTranslation("regionPage.breadcrumb"));
        for (RegionRef up : profile.breadcrumb()) {
            breadcrumb.add(new Anchor(regionHref(up.code()), up.name(locale)), separator());
        }
        Span current = new Span(region.name(locale));
        current.getElement().setAttribute("aria-current", "page");
        breadcrumb.add(current);

        H2 heading = new H2(region.code() + " " + region.name(locale));
        heading.addClassName("view-title");
        Span level = new Span(getTranslation("level." + region.level().name()));
        level.getElement().getThemeList().add("badge");

        history.setHref("audit?" + QueryParameters.simple(Map.of("region", region.code())).getQueryString());
        history.setText(getTranslation("regionPage.history"));
        allFigures.setHref("figures?" + QueryParameters.simple(Map.of("region", region.code())).getQueryString());
        allFigures.setText(getTranslation("regionPage.allFigures"));
        HorizontalLayout links = new HorizontalLayout(level, allFigures, history);
        links.setAlignItems(Alignment.BASELINE);
        add(breadcrumb, heading, links);

        List<FigureRow> own = pages.figures(code);
        section("regionPage.figures", figures, own, () -> {
            figures.removeAllColumns();
            figures.addColumn(FigureRow::year).setHeader(getTranslation("column.year")).setAutoWidth(true);
            figures.addColumn(r -> getTranslation(r.metric().messageKey())).setHeader(getTranslation("column.metric"))
                    .setAutoWidth(true);
            figures.addColumn(r -> getTranslation(r.kind().messageKey())).setHeader(getTranslation("column.kind"))
                    .setAutoWidth(true);
            figures.addColumn(r -> Formats.withUnit(r.value(), r.unit(), locale, getTranslation("unit." + r.unit().code())))
                    .setHeader(getTranslation("column.value")).setPartNameGenerator(r -> "numeric").setAutoWidth(true);
            figures.addColumn(r -> r.source() == null ? "" : r.source()).setHeader(getTranslation("column.source"))
                    .setAutoWidth(true);
            figures.addColumn(r -> getTranslation(r.state().messageKey())).setHeader(getTranslation("column.state"))
                    .setAutoWidth(true);
        });

        section("regionPage.below", below, profile.below(), () -> {
            below.removeAllColumns();
            below.addColumn(RegionRef::code).setHeader(getTranslation("column.code")).setAutoWidth(true).setFlexGrow(0);
            below.addComponentColumn(r -> new Anchor(regionHref(r.code()), r.name(locale)))
                    .setHeader(getTranslation("column.region")).setAutoWidth(true);
            below.addColumn(r -> getTranslation("level." + r.level().name())).setHeader(getTranslation("column.level"))
                    .setAutoWidth(true);
        });

        List<Integer> years = new java.util.ArrayList<>(dashboard.years());
        own.stream().map(FigureRow::year).filter(y -> !years.contains(y)).forEach(years::add);
        years.sort(null);
        // the chosen year, else the latest with a figure of the region's own, else the latest reporting year
        int year = chosenYear != null ? chosenYear : own.stream().map(FigureRow::year).max(Integer::compare)
                .orElse(years.isEmpty() ? java.time.Year.now().getValue() : years.getLast());
        if (!years.contains(year)) {
            years.add(year);
            years.sort(null);
        }
        List<Comparison> sums = pages.belowAgainstOwn(code, year);
        comparisonYear.setLabel(getTranslation("regionPage.comparisonYear"));
        comparisonYear.setItems(years);
        comparisonYear.setValue(year);
        section("regionPage.comparison", comparisonYear, comparison, sums, () -> {
            comparison.removeAllColumns();
            comparison.addColumn(Comparison::year).setHeader(getTranslation("column.year")).setAutoWidth(true);
            comparison.addColumn(c -> getTranslation(c.metric().messageKey())).setHeader(getTranslation("column.metric"))
                    .setAutoWidth(true);
            comparison.addColumn(c -> getTranslation(c.kind().messageKey())).setHeader(getTranslation("column.kind"))
                    .setAutoWidth(true);
            comparison.addColumn(c -> c.own() == null ? "–" : Formats.number(c.own(), c.metric().unit(), locale))
                    .setHeader(getTranslation("regionPage.own")).setKey("own").setPartNameGenerator(c -> "numeric")
                    .setAutoWidth(true);
            comparison.addColumn(c -> Formats.number(c.below(), c.metric().unit(), locale))
                    .setHeader(getTranslation("regionPage.sumBelow")).setKey("below")
                    .setPartNameGenerator(c -> "numeric").setAutoWidth(true);
            comparison.addColumn(Comparison::regionsBelow).setHeader(getTranslation("regionPage.regionsBelow"))
                    .setAutoWidth(true);
            comparison.addComponentColumn(this::flag).setHeader(getTranslation("regionPage.check")).setKey("check")
                    .setAutoWidth(true);
            comparison.setPartNameGenerator(c -> c.differs() ? "differs" : null);
        });
        if (sums.stream().anyMatch(Comparison::differs)) {
            Paragraph note = new Paragraph(getTranslation("regionPage.differsNote",
                    sums.stream().filter(Comparison::differs).count()));
            note.addClassName("region-differs-note");
            addComponentAtIndex(indexOf(comparison), note);
        }

        section("regionPage.dispatches", dispatches, pages.dispatches(code), () -> {
            dispatches.removeAllColumns();
            dispatches.addColumn(Dispatch::year).setHeader(getTranslation("column.year")).setAutoWidth(true);
            dispatches.addColumn(Dispatch::sendingBody).setHeader(getTranslation("regionPage.sendingBody"))
                    .setAutoWidth(true);
            dispatches.addColumn(d -> getTranslation("dashboard.role." + d.role()))
                    .setHeader(getTranslation("dashboard.column.role")).setAutoWidth(true);
            dispatches.addColumn(d -> getTranslation("dashboard.rank." + (d.rank() == null ? "NONE" : d.rank())))
                    .setHeader(getTranslation("regionPage.rank")).setAutoWidth(true);
            dispatches.addColumn(d -> Formats.number(java.math.BigDecimal.valueOf(d.count()), Unit.PERSONS, locale))
                    .setHeader(getTranslation("regionPage.count")).setPartNameGenerator(d -> "numeric").setAutoWidth(true);
            dispatches.addColumn(d -> d.source() == null ? "" : d.source()).setHeader(getTranslation("column.source"))
                    .setAutoWidth(true);
        });

        section("regionPage.pairings", pairings, pages.pairings(code), () -> {
            pairings.removeAllColumns();
            pairings.addColumn(Pairing::donor).setHeader(getTranslation("regionPage.donor")).setAutoWidth(true);
            pairings.addColumn(p -> getTranslation("regionPage.donorType." + p.donorType()))
                    .setHeader(getTranslation("regionPage.donorType")).setAutoWidth(true);
            pairings.addColumn(Pairing::year).setHeader(getTranslation("column.year")).setAutoWidth(true);
            pairings.addColumn(p -> p.source() == null ? "" : p.source()).setHeader(getTranslation("column.source"))
                    .setAutoWidth(true);
        });
    }

    private Component flag(Comparison c) {
        Span badge = new Span(getTranslation(c.own() == null ? "regionPage.notReported"
                : c.differs() ? "regionPage.differs" : "regionPage.matches"));
        badge.getElement().getThemeList().add("badge");
        if (c.differs()) {
            badge.getElement().getThemeList().add("error");
        } else if (c.own() != null) {
            badge.getElement().getThemeList().add("success");
        } else {
            badge.getElement().getThemeList().add("contrast");
        }
        return badge;
    }

    /** A heading and the grid, or a line saying there is nothing, so an empty section is not an empty box. */
    private <T> void section(String titleKey, Grid<T> grid, List<T> rows, Runnable columns) {
        section(titleKey, null, grid, rows, columns);
    }

    private <T> void section(String titleKey, @Nullable Component filter, Grid<T> grid, List<T> rows,
                             Runnable columns) {
        add(new H3(getTranslation(titleKey)));
        if (filter != null) {
            add(filter);
        }
        if (rows.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("regionPage.none"));
            none.addClassName("chart-empty");
            add(none);
            return;
        }
        columns.run();
        grid.setItems(rows);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        add(grid);
    }

    private static Span separator() {
        Span s = new Span("/");
        s.getElement().setAttribute("aria-hidden", "true");
        s.addClassName("breadcrumb-separator");
        return s;
    }

    @Override
    public String getPageTitle() {
        return title + " · " + getTranslation("app.name");
    }

    /** The address of a region's page (dashboard/ui/RegionPageView). */
    static String regionHref(String code) {
        return "regions/" + code;
    }
}
