package org.tuopin.figures.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.data.provider.hierarchy.AbstractBackEndHierarchicalDataProvider;
import com.vaadin.flow.data.provider.hierarchy.HierarchicalQuery;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

import org.tuopin.access.CurrentScope;
import org.tuopin.access.Role;
import org.tuopin.base.ui.Formats;
import org.tuopin.figures.BulkReviewService;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ProgressService;
import org.tuopin.figures.ReportingYearService;
import org.tuopin.figures.ProgressService.Cell;
import org.tuopin.figures.ProgressService.Completeness;
import org.tuopin.figures.ReportModels.BulkResult;
import org.tuopin.figures.ReportModels.ReportKey;
import org.tuopin.figures.ReportState;
import org.tuopin.region.Designation;
import org.tuopin.region.RegionNode;
import org.jspecify.annotations.Nullable;
import org.tuopin.base.export.ExportService;
import org.tuopin.base.export.TableExport;
import org.tuopin.base.export.ui.ExportMenu;
import org.tuopin.region.RegionService;

/**
 * Regions in scope as a tree, years as columns: each cell the report's state and a headline value.
 * Children are fetched a level at a time, and cells for exactly the rows fetched, so the grid stays
 * fast with every county in it.
 */
@Route("progress")
@Menu(order = 2, title = "menu.progress", icon = "vaadin:grid-big")
@PermitAll
class ProgressView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    final TreeGrid<RegionNode> grid = new TreeGrid<>();
    final Select<Integer> fromYear = new Select<>();
    final Select<Integer> toYear = new Select<>();
    final Select<Metric> metric = new Select<>();
    final ComboBox<Designation> designation = new ComboBox<>();
    final Select<ReportState> state = new Select<>();
    final Select<Integer> bulkYear = new Select<>();
    final Button bulkApprove = new Button();
    final Button bulkReturn = new Button();
    final Grid<Completeness> completeness = new Grid<>();
    final ExportMenu exportMenu;

    private final ProgressService progress;
    private final RegionService regions;
    private final BulkReviewService bulk;
    private final Map<String, Cell> cells = new ConcurrentHashMap<>();
    /** Whether a fetched tree row has children, read with its page; forgotten whenever the tree refreshes. */
    private final Map<Long, Boolean> hasChildren = new ConcurrentHashMap<>();

    /** One cell of the grid as the export lists it: a region, a year, the report's state and the metric's value. */
    record ProgressLine(RegionService.RegionLine line, int year, @Nullable Cell cell) {
    }

    ProgressView(ProgressService progress, RegionService regions, BulkReviewService bulk, CurrentScope currentScope,
                 ExportService exports, ReportingYearService reportingYears) {
        this.progress = progress;
        this.regions = regions;
        this.bulk = bulk;
        setSizeFull();
        H2 title = new H2(getTranslation("menu.progress"));
        title.addClassName("view-title");

        // the years an administrator keeps (ReportingYearService); the last five of them at first
        List<Integer> years = reportingYears.years().stream().map(ReportingYearService.ReportingYear::year).toList();
        fromYear.setLabel(getTranslation("progress.from"));
        fromYear.setItems(years);
        toYear.setLabel(getTranslation("progress.to"));
        toYear.setItems(years);
        if (!years.isEmpty()) {
            fromYear.setValue(years.get(Math.max(0, years.size() - 5)));
            toYear.setValue(years.getLast());
        }
        metric.setLabel(getTranslation("column.metric"));
        metric.setItems(Metric.values());
        metric.setItemLabelGenerator(m -> getTranslation(m.messageKey()));
        metric.setValue(Metric.PEOPLE_LIFTED_OUT);
        designation.setLabel(getTranslation("column.designation"));
        designation.setItems(Designation.values());
        designation.setItemLabelGenerator(d -> getTranslation("designation." + d.name()));
        designation.setClearButtonVisible(true);
        state.setLabel(getTranslation("column.state"));
        state.setItems(ReportState.values());
        state.setItemLabelGenerator(s -> s == null ? getTranslation("progress.anyState") : getTranslation(s.messageKey()));
        state.setEmptySelectionAllowed(true);
        state.setEmptySelectionCaption(getTranslation("progress.anyState"));
        for (var field : List.of(fromYear, toYear, metric, state)) {
            field.addValueChangeListener(e -> rebuild());
        }
        designation.addValueChangeListener(e -> rebuild());

        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        grid.setDataProvider(new AbstractBackEndHierarchicalDataProvider<RegionNode, Void>() {
            @Override
            protected Stream<RegionNode> fetchChildrenFromBackEnd(HierarchicalQuery<RegionNode, Void> query) {
                List<RegionNode> page = regions.children(query.getParent(), designation.getValue(), query.getOffset(),
                        query.getLimit());
                cells.putAll(progress.cells(page.stream().map(RegionNode::id).toList(), fromYear.getValue(),
                        toYear.getValue(), metric.getValue()));
                // the expand toggles of the whole page in one query, not a count per row
                java.util.Set<Long> parents = regions.withChildren(page, designation.getValue());
                page.forEach(n -> hasChildren.put(n.id(), parents.contains(n.id())));
                return page.stream();
            }

            @Override
            public int getChildCount(HierarchicalQuery<RegionNode, Void> query) {
                return regions.childCount(query.getParent(), designation.getValue());
            }

            @Override
            public boolean hasChildren(RegionNode item) {
                Boolean known = hasChildren.get(item.id());
                return known != null ? known : regions.childCount(item, designation.getValue()) > 0;
            }

            @Override
            public Object getId(RegionNode item) {
                return item.id();
            }
        });
        grid.getDataProvider().addDataProviderListener(e -> hasChildren.clear());

        boolean supervisor = currentScope.find().map(s -> s.role() == Role.SUPERVISOR).orElse(false);
        bulkYear.setLabel(getTranslation("progress.bulkYear"));
        bulkYear.setItems(years);
        if (!years.isEmpty()) {
            bulkYear.setValue(years.getLast());
        }
        bulkApprove.setText(getTranslation("progress.bulkApprove"));
        bulkApprove.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        bulkApprove.addClickListener(e -> report(bulk.approveAll(selectedSubmitted())));
        bulkReturn.setText(getTranslation("progress.bulkReturn"));
        bulkReturn.addClickListener(e -> askReason());
        HorizontalLayout bulkBar = new HorizontalLayout(bulkYear, bulkApprove, bulkReturn);
        bulkBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        bulkBar.setVisible(supervisor);
        if (supervisor) {
            grid.setSelectionMode(Grid.SelectionMode.MULTI);
        }

        completeness.addColumn(Completeness::year).setHeader(getTranslation("column.year")).setAutoWidth(true);
        completeness.addColumn(Completeness::expected).setHeader(getTranslation("progress.expected"));
        completeness.addColumn(c -> c.approved() + " (" + percent(c.approved(), c.expected()) + ")")
                .setHeader(getTranslation("state.approved"));
        completeness.addColumn(Completeness::submitted).setHeader(getTranslation("state.submitted"));
        completeness.addColumn(Completeness::returned).setHeader(getTranslation("state.returned"));
        completeness.addColumn(Completeness::draft).setHeader(getTranslation("state.draft"));
        completeness.addColumn(c -> c.onTime() + " (" + percent(c.onTime(), c.expected()) + ")")
                .setHeader(getTranslation("progress.onTime"));
        completeness.addThemeVariants(GridVariant.LUMO_COMPACT);
        completeness.setAllRowsVisible(true);

        HorizontalLayout filters = new HorizontalLayout(fromYear, toYear, metric, designation, state);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        exportMenu = ExportMenu.of("progress", exports, this::filterText, header -> List.of(
                new TableExport.Column<ProgressLine>(header.apply("region_code"), p -> p.line().region().code()),
                new TableExport.Column<>(header.apply("parent_code"), p -> p.line().parentCode()),
                new TableExport.Column<>(header.apply("name_en"), p -> p.line().region().nameEn()),
                new TableExport.Column<>(header.apply("name_zh"), p -> p.line().region().nameZh()),
                new TableExport.Column<>(header.apply("year"), ProgressLine::year),
                new TableExport.Column<>(header.apply("state"),
                        p -> p.cell() == null ? "MISSING" : p.cell().state().name()),
                new TableExport.Column<>(header.apply("metric"), p -> metric.getValue().code()),
                new TableExport.Column<>(header.apply("value"), p -> p.cell() == null ? null : p.cell().value())),
                this::exportRows);
        add(title, filters, bulkBar, exportMenu, grid, new H3(getTranslation("progress.completeness")), completeness);
        rebuild();
        regions.children(null, 0, 1).forEach(grid::expand);
    }

    String filterText() {
        return "from=" + fromYear.getValue() + " to=" + toYear.getValue() + " metric=" + metric.getValue()
                + " designation=" + designation.getValue() + " state=" + state.getValue();
    }

    /**
     * Every region in scope (as the tree filters them, open or not) times every year of the range, in pages of 500
     * regions so that memory stays flat; the state filter keeps only cells in that state, as the grid does.
     */
    TableExport.RowSource<ProgressLine> exportRows() {
        int from = firstYear();
        int to = lastYear();
        Metric chosenMetric = metric.getValue();
        ReportState chosenState = state.getValue();
        Designation chosenDesignation = designation.getValue();
        return sink -> {
            List<RegionService.RegionLine> page = new java.util.ArrayList<>(500);
            Runnable flush = () -> {
                Map<String, Cell> found = progress.cells(page.stream().map(l -> l.region().id()).toList(), from, to,
                        chosenMetric);
                for (RegionService.RegionLine line : page) {
                    for (int year = from; year <= to; year++) {
                        Cell cell = found.get(line.region().id() + "/" + year);
                        if (chosenState == null || (cell != null && cell.state() == chosenState)) {
                            sink.accept(new ProgressLine(line, year, cell));
                        }
                    }
                }
                page.clear();
            };
            regions.streamTree(chosenDesignation, line -> {
                page.add(line);
                if (page.size() == 500) {
                    flush.run();
                }
            });
            flush.run();
        };
    }

    /**
     * {@code ?from=2018&to=2018&state=SUBMITTED&metric=poor_population} opens the grid on those choices
     * (the dashboard's drill-down); values the selects do not offer are ignored.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters().getParameters();
        year(params, "from").ifPresent(fromYear::setValue);
        year(params, "to").ifPresent(toYear::setValue);
        if (params.containsKey("metric")) {
            Metric.fromCode(params.get("metric").getFirst()).ifPresent(metric::setValue);
        }
        if (params.containsKey("state")) {
            java.util.Arrays.stream(ReportState.values()).filter(s -> s.name().equals(params.get("state").getFirst()))
                    .findFirst().ifPresent(state::setValue);
        }
    }

    private java.util.Optional<Integer> year(Map<String, List<String>> params, String name) {
        return java.util.Optional.ofNullable(params.get(name)).map(List::getFirst).filter(y -> y.matches("\\d{4}"))
                .map(Integer::valueOf).filter(fromYear.getListDataView().getItems().toList()::contains);
    }

    /** The earlier of the two chosen years: the range reads the same whichever box holds which end. */
    private int firstYear() {
        return Math.min(fromYear.getValue(), toYear.getValue());
    }

    private int lastYear() {
        return Math.max(fromYear.getValue(), toYear.getValue());
    }

    private void rebuild() {
        if (fromYear.getValue() == null || toYear.getValue() == null || metric.getValue() == null) {
            return;
        }
        int from = firstYear();
        int to = lastYear();
        Locale locale = getLocale();
        grid.removeAllColumns();
        grid.addHierarchyColumn(r -> r.code() + " " + (locale.getLanguage().equals("zh") ? r.nameZh() : r.nameEn()))
                .setHeader(getTranslation("column.region")).setAutoWidth(true).setFrozen(true).setSortable(false);
        for (int y = from; y <= to; y++) {
            int year = y;
            grid.addColumn(r -> cellText(r, year, locale)).setHeader(String.valueOf(year)).setKey("y" + year)
                    .setAutoWidth(true);
        }
        cells.clear();
        grid.getDataProvider().refreshAll();
        completeness.setItems(progress.completeness(from, to, designation.getValue()));
    }

    String cellText(RegionNode region, int year, Locale locale) {
        Cell cell = cells.get(region.id() + "/" + year);
        if (cell == null || (state.getValue() != null && cell.state() != state.getValue())) {
            return state.getValue() == null ? "–" : "";
        }
        String text = getTranslation(cell.state().messageKey());
        if (cell.value() != null) {
            text += " · " + Formats.number(cell.value(), metric.getValue().unit(), locale);
        }
        return text;
    }

    private List<ReportKey> selectedSubmitted() {
        List<ReportKey> keys = new ArrayList<>();
        for (RegionNode region : grid.getSelectedItems()) {
            Cell cell = cells.get(region.id() + "/" + bulkYear.getValue());
            if (cell != null && cell.state() == ReportState.SUBMITTED) {
                keys.add(new ReportKey(region.code(), bulkYear.getValue(), cell.version()));
            }
        }
        return keys;
    }

    private void askReason() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("progress.bulkReturn"));
        TextArea reason = new TextArea(getTranslation("report.reason"));
        reason.setWidth("30rem");
        Button confirm = new Button(getTranslation("progress.bulkReturn"), e -> {
            if (reason.getValue().isBlank()) {
                reason.setErrorMessage(getTranslation("report.error.reasonRequired"));
                reason.setInvalid(true);
                return;
            }
            report(bulk.returnAll(selectedSubmitted(), reason.getValue()));
            dialog.close();
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
        dialog.add(reason);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), confirm);
        dialog.open();
    }

    private void report(List<BulkResult> results) {
        long done = results.stream().filter(BulkResult::done).count();
        Notification.show(getTranslation("progress.bulkDone", done, results.size() - done), 5000,
                Notification.Position.TOP_CENTER);
        grid.deselectAll();
        rebuild();
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "–" : Math.round(100.0 * part / whole) + " %";
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.progress") + " · " + getTranslation("app.name");
    }
}
