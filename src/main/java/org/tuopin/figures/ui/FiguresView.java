package org.tuopin.figures.ui;

import java.util.Locale;
import java.util.stream.IntStream;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

import org.tuopin.base.export.ExportService;
import org.tuopin.figures.FigureExports;
import org.tuopin.base.export.ui.ExportMenu;
import org.tuopin.base.ui.Formats;
import org.tuopin.base.ui.KeysetPaging;
import org.tuopin.figures.FigureFilter;
import org.tuopin.figures.FigureQueryService;
import org.tuopin.figures.FigureRow;
import org.tuopin.region.Designation;
import org.tuopin.region.RegionRef;
import org.tuopin.region.RegionService;

/** Every reported value in the user's scope, filtered and sorted in the database, loaded page by page. */
@Route("figures")
@Menu(order = 1, title = "menu.figures", icon = "vaadin:table")
@PermitAll
class FiguresView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    final ComboBox<Integer> year = new ComboBox<>();
    final ComboBox<RegionRef> region = new ComboBox<>();
    final ComboBox<Designation> designation = new ComboBox<>();
    final Grid<FigureRow> grid = new Grid<>();
    /** Pages the grid by seeking from the boundaries it has read (DD013). */
    final KeysetPaging<FigureRow, FigureFilter> paging;
    final ExportMenu exportMenu;
    final com.vaadin.flow.component.button.Button open = new com.vaadin.flow.component.button.Button();

    private final FigureQueryService figures;
    private final RegionService regions;

    FiguresView(FigureQueryService figures, RegionService regions, ExportService exports) {
        this.figures = figures;
        this.regions = regions;
        Locale locale = getLocale();
        setSizeFull();

        H2 title = new H2(getTranslation("menu.figures"));
        title.addClassName("view-title");

        year.setLabel(getTranslation("column.year"));
        year.setItems(IntStream.rangeClosed(2012, 2020).boxed().toList());
        year.setClearButtonVisible(true);
        year.setWidth("8rem");

        region.setLabel(getTranslation("column.region"));
        region.setPlaceholder(getTranslation("figures.region.placeholder"));
        region.setItems(query -> regions.search(query.getFilter().orElse(""), query.getOffset(), query.getLimit()).stream(),
                query -> regions.searchCount(query.getFilter().orElse("")));
        region.setItemLabelGenerator(r -> r.label(locale));
        region.setClearButtonVisible(true);
        region.setWidth("22rem");

        designation.setLabel(getTranslation("column.designation"));
        designation.setItems(Designation.values());
        designation.setItemLabelGenerator(d -> getTranslation("designation." + d.name()));
        designation.setClearButtonVisible(true);

        year.addValueChangeListener(e -> refresh());
        region.addValueChangeListener(e -> refresh());
        designation.addValueChangeListener(e -> refresh());

        HorizontalLayout filters = new HorizontalLayout(year, region, designation);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        grid.addColumn(r -> r.regionCode() + " " + (isChinese(locale) ? r.regionNameZh() : r.regionNameEn()))
                .setHeader(getTranslation("column.region")).setKey("region").setSortable(true).setAutoWidth(true)
                .setFlexGrow(2);
        grid.addColumn(FigureRow::year).setHeader(getTranslation("column.year")).setKey("year").setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(r -> getTranslation(r.metric().messageKey())).setHeader(getTranslation("column.metric"))
                .setKey("metric").setSortable(true).setAutoWidth(true);
        grid.addColumn(r -> Formats.compact(r.value(), r.unit(), locale) + (r.unit() == org.tuopin.figures.Unit.PERCENT
                        ? " %" : " " + getTranslation("unit." + r.unit().code())))
                .setHeader(getTranslation("column.value")).setKey("value").setSortable(true).setAutoWidth(true)
                .setPartNameGenerator(r -> "numeric")
                .setTooltipGenerator(r -> Formats.withUnit(r.value(), r.unit(), locale, getTranslation("unit." + r.unit().code())));
        grid.addColumn(r -> getTranslation(r.kind().messageKey())).setHeader(getTranslation("column.kind"))
                .setKey("kind").setSortable(true).setAutoWidth(true);
        grid.addColumn(r -> r.source() == null ? "" : r.source()).setHeader(getTranslation("column.source"))
                .setKey("source").setSortable(true).setAutoWidth(true);
        grid.addColumn(r -> r.note() == null ? "" : r.note()).setHeader(getTranslation("column.note"))
                .setKey("note").setFlexGrow(3);
        grid.addColumn(r -> getTranslation(r.state().messageKey())).setHeader(getTranslation("column.state"))
                .setKey("state").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setMultiSort(true);
        grid.setSizeFull();
        paging = KeysetPaging.install(grid, this::filter, figures::page, query -> figures.count(filter()));

        grid.addItemClickListener(e -> {
            if (!e.getItem().regionCode().startsWith("GROUP:")) {
                getUI().ifPresent(ui -> ui.navigate("figures/" + e.getItem().regionCode() + "/" + e.getItem().year()));
            }
        });
        open.setText(getTranslation("figures.open"));
        open.getElement().setAttribute("title", getTranslation("figures.openHelp"));
        open.addClickListener(e -> {
            RegionRef chosen = region.getValue();
            if (chosen == null || chosen.group() || year.getValue() == null) {
                com.vaadin.flow.component.notification.Notification.show(getTranslation("figures.openHelp"));
                return;
            }
            getUI().ifPresent(ui -> ui.navigate("figures/" + chosen.code() + "/" + year.getValue()));
        });
        filters.add(open);
        exportMenu = ExportMenu.of("figures", exports, () -> filter().toString(),
                header -> FigureExports.longFormat(header, true), () -> {
                    FigureFilter current = filter();
                    return sink -> figures.stream(current, sink);
                });
        add(title, filters, exportMenu, grid);
    }

    /**
     * {@code ?region=513400&year=2019} opens the grid filtered (the dashboard's drill-down). A region outside
     * the scope or unknown is ignored, exactly as if it did not exist.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters().getParameters();
        if (params.containsKey("year")) {
            String y = params.get("year").getFirst();
            if (y.matches("\\d{4}")) {
                year.setValue(Integer.valueOf(y));
            }
        }
        if (params.containsKey("region")) {
            regions.find(params.get("region").getFirst()).ifPresent(region::setValue);
        }
    }

    FigureFilter filter() {
        return new FigureFilter(year.getValue(), region.getValue() == null ? null : region.getValue().code(),
                designation.getValue());
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private static boolean isChinese(Locale locale) {
        return Locale.CHINESE.getLanguage().equals(locale.getLanguage());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.figures") + " · " + getTranslation("app.name");
    }
}
