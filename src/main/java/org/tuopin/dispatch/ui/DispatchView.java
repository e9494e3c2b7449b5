package org.tuopin.dispatch.ui;

import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

import org.tuopin.access.CurrentScope;
import org.tuopin.access.Role;
import org.tuopin.base.ui.ComponentTexts;
import org.tuopin.base.ui.KeysetPaging;
import org.tuopin.dispatch.DispatchCountService;
import org.tuopin.dispatch.DispatchCountService.DispatchCount;
import org.tuopin.dispatch.DispatchRole;
import org.tuopin.dispatch.DispatchService;
import org.tuopin.dispatch.DispatchTotals;
import org.tuopin.dispatch.OfficialRank;
import org.tuopin.dispatch.PostingFilter;
import org.tuopin.dispatch.PostingRow;
import org.tuopin.dispatch.DispatchExports;
import org.tuopin.base.export.ExportService;
import org.tuopin.base.export.ui.ExportMenu;
import org.tuopin.region.RegionRef;
import org.tuopin.region.RegionService;

/**
 * The roster of officials dispatched in the user's scope: filtered, sorted and paged in the database, with the
 * roster's totals by role and rank for the filters beside the published counts of the reference data (which
 * stay counts with their source, never rows of the roster). Local offices record and edit; others read.
 */
@Route("dispatches")
@Menu(order = 7, title = "menu.dispatches", icon = "vaadin:user-star")
@PermitAll
class DispatchView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    final ComboBox<RegionRef> region = new ComboBox<>();
    final ComboBox<DispatchRole> role = new ComboBox<>();
    final ComboBox<OfficialRank> rank = new ComboBox<>();
    final TextField organisation = new TextField();
    final DatePicker servingOn = new DatePicker();
    final Button add = new Button();
    final Button edit = new Button();
    final Button history = new Button();
    final Span readOnly = new Span();
    final Span capped = new Span();
    final Grid<PostingRow> grid = new Grid<>();
    /** Pages the grid by seeking from the boundaries it has read (DD013). */
    final KeysetPaging<PostingRow, PostingFilter> paging;
    final Span total = new Span();
    final Grid<Map.Entry<String, Long>> byRole = new Grid<>();
    final Grid<Map.Entry<String, Long>> byRank = new Grid<>();
    final Grid<DispatchCount> published = new Grid<>();
    final ExportMenu exportMenu;

    private final DispatchService dispatches;
    private final RegionService regions;

    DispatchView(DispatchService dispatches, DispatchCountService counts, RegionService regions,
                 ExportService exports, CurrentScope currentScope) {
        this.dispatches = dispatches;
        this.regions = regions;
        Locale locale = getLocale();
        setSizeFull();
        boolean mayEdit = currentScope.find().map(s -> s.role() == Role.DATA_ENTRY).orElse(false);

        H2 title = new H2(getTranslation("menu.dispatches"));
        title.addClassName("view-title");

        region.setLabel(getTranslation("column.region"));
        region.setItems(q -> regions.search(q.getFilter().orElse(""), false, q.getOffset(), q.getLimit()).stream(),
                q -> regions.searchCount(q.getFilter().orElse(""), false));
        region.setItemLabelGenerator(r -> r.label(locale));
        region.setClearButtonVisible(true);
        region.setWidth("20rem");
        role.setLabel(getTranslation("dispatch.role"));
        role.setItems(DispatchRole.values());
        role.setItemLabelGenerator(r -> getTranslation(r.messageKey()));
        role.setClearButtonVisible(true);
        rank.setLabel(getTranslation("dispatch.rank"));
        rank.setItems(OfficialRank.values());
        rank.setItemLabelGenerator(r -> getTranslation(r.messageKey()));
        rank.setClearButtonVisible(true);
        organisation.setLabel(getTranslation("dispatch.organisation"));
        organisation.setValueChangeMode(ValueChangeMode.LAZY);
        organisation.setClearButtonVisible(true);
        ComponentTexts.localise(servingOn);
        servingOn.setLabel(getTranslation("dispatch.servingOn"));
        servingOn.setClearButtonVisible(true);
        region.addValueChangeListener(e -> refresh());
        role.addValueChangeListener(e -> refresh());
        rank.addValueChangeListener(e -> refresh());
        organisation.addValueChangeListener(e -> refresh());
        servingOn.addValueChangeListener(e -> refresh());
        HorizontalLayout filters = new HorizontalLayout(region, role, rank, organisation, servingOn);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        grid.addColumn(PostingRow::officialNo).setHeader(getTranslation("dispatch.officialNo")).setKey("officialNo")
                .setSortable(true).setAutoWidth(true);
        grid.addColumn(PostingRow::name).setHeader(getTranslation("dispatch.name")).setKey("name").setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(r -> getTranslation(r.role().messageKey())).setHeader(getTranslation("dispatch.role"))
                .setKey("role").setSortable(true).setAutoWidth(true);
        grid.addColumn(r -> getTranslation(r.rank().messageKey())).setHeader(getTranslation("dispatch.rank"))
                .setKey("rank").setSortable(true).setAutoWidth(true);
        grid.addColumn(PostingRow::sendingOrganisation).setHeader(getTranslation("dispatch.organisation"))
                .setKey("organisation").setSortable(true).setAutoWidth(true).setFlexGrow(2);
        grid.addColumn(r -> r.regionCode() + " " + r.regionName(locale)).setHeader(getTranslation("column.region"))
                .setKey("region").setSortable(true).setAutoWidth(true);
        grid.addColumn(r -> r.village() == null ? "" : r.village()).setHeader(getTranslation("dispatch.village"))
                .setKey("village").setAutoWidth(true);
        grid.addColumn(r -> date.format(r.startDate())).setHeader(getTranslation("dispatch.start")).setKey("start")
                .setSortable(true).setAutoWidth(true);
        grid.addColumn(r -> r.endDate() == null ? getTranslation("dispatch.serving") : date.format(r.endDate()))
                .setHeader(getTranslation("dispatch.end")).setKey("end").setSortable(true).setAutoWidth(true);
        grid.addColumn(r -> r.bilingual() ? getTranslation("dispatch.yes") : "")
                .setHeader(getTranslation("dispatch.bilingual")).setKey("bilingual").setAutoWidth(true);
        grid.addColumn(r -> r.note() == null ? "" : r.note()).setHeader(getTranslation("dispatch.note")).setKey("note")
                .setFlexGrow(2);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setMultiSort(true);
        grid.setSizeFull();
        paging = KeysetPaging.install(grid, this::filter, dispatches::page, q -> dispatches.count(filter()));
        grid.addSelectionListener(e -> updateButtons());
        grid.addItemDoubleClickListener(e -> {
            if (mayEdit) {
                openForm(e.getItem());
            }
        });

        add.setText(getTranslation("dispatch.add"));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(mayEdit);
        add.addClickListener(e -> openForm(null));
        edit.setText(getTranslation("dispatch.edit"));
        edit.setVisible(mayEdit);
        edit.addClickListener(e -> grid.getSelectedItems().stream().findFirst().ifPresent(this::openForm));
        history.setText(getTranslation("audit.history"));
        history.addClickListener(e -> grid.getSelectedItems().stream().findFirst().ifPresent(r ->
                getUI().ifPresent(ui -> ui.navigate("audit", QueryParameters.simple(Map.of("entity",
                        DispatchService.ENTITY_TYPE, "id", String.valueOf(r.id())))))));
        readOnly.setText(getTranslation("dispatch.readOnly"));
        readOnly.setVisible(!mayEdit);
        capped.setText(getTranslation("dispatch.capped", DispatchService.COUNT_CAP));
        capped.setVisible(false);
        HorizontalLayout toolbar = new HorizontalLayout(add, edit, history, readOnly);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        exportMenu = new ExportMenu("dispatches", exports, () -> filter().toString(), this::export);

        for (Grid<Map.Entry<String, Long>> g : List.of(byRole, byRank)) {
            g.addColumn(Map.Entry::getKey).setHeader(getTranslation(g == byRole ? "dispatch.role" : "dispatch.rank"))
                    .setAutoWidth(true);
            g.addColumn(e -> String.format(locale, "%,d", e.getValue()))
                    .setHeader(getTranslation("dispatch.published.count")).setPartNameGenerator(e -> "numeric");
            g.addThemeVariants(GridVariant.LUMO_COMPACT);
            g.setAllRowsVisible(true);
            g.setWidth("20rem");
        }
        total.addClassName("dispatch-total");
        VerticalLayout totals = new VerticalLayout(new H3(getTranslation("dispatch.totals")), total,
                new HorizontalLayout(byRole, byRank));
        totals.setPadding(false);

        published.addColumn(c -> c.regionCode()).setHeader(getTranslation("column.region")).setAutoWidth(true);
        published.addColumn(DispatchCount::year).setHeader(getTranslation("column.year")).setAutoWidth(true);
        published.addColumn(c -> roleLabel(c.role())).setHeader(getTranslation("dispatch.role")).setAutoWidth(true);
        published.addColumn(c -> c.rank() == null ? "" : rankLabel(c.rank())).setHeader(getTranslation("dispatch.rank"))
                .setAutoWidth(true);
        published.addColumn(c -> String.format(locale, "%,d", c.count()))
                .setHeader(getTranslation("dispatch.published.count")).setPartNameGenerator(c -> "numeric")
                .setAutoWidth(true);
        published.addColumn(DispatchCount::sendingBody).setHeader(getTranslation("dispatch.published.sendingBody"))
                .setFlexGrow(2);
        published.addColumn(c -> c.source() == null ? "" : c.source()).setHeader(getTranslation("column.source"))
                .setFlexGrow(1);
        published.addThemeVariants(GridVariant.LUMO_COMPACT);
        published.setAllRowsVisible(true);
        List<DispatchCount> publishedRows = new ArrayList<>();
        counts.stream(publishedRows::add);
        published.setItems(publishedRows);
        VerticalLayout publishedBox = new VerticalLayout(new H3(getTranslation("dispatch.published")),
                new Paragraph(getTranslation("dispatch.publishedHelp")));
        publishedBox.setPadding(false);
        if (publishedRows.isEmpty()) {
            publishedBox.add(new Paragraph(getTranslation("dispatch.published.none")));
        } else {
            publishedBox.add(published);
        }

        HorizontalLayout summary = new HorizontalLayout(totals, publishedBox);
        summary.setWidthFull();
        summary.setFlexGrow(1, publishedBox);
        add(title, filters, toolbar, exportMenu, capped, grid, summary);
        setFlexGrow(1, grid);
        updateButtons();
        refresh();
    }

    PostingFilter filter() {
        return new PostingFilter(region.getValue() == null ? null : region.getValue().code(), role.getValue(),
                rank.getValue(), organisation.getValue(), servingOn.getValue());
    }

    /** Writes exactly the postings the filters show, every column; returns the number of rows. */
    long export(ExportMenu.Format format, UnaryOperator<String> header, OutputStream out) {
        return ExportMenu.writer("dispatches", DispatchExports::roster, () -> {
            PostingFilter current = filter();
            return sink -> dispatches.stream(current, sink);
        }).write(format, header, out);
    }

    /** Reloads the grid and the totals for the current filters. */
    /**
     * {@code ?role=FIRST_SECRETARY&rank=DIVISION_LEVEL} opens the roster filtered (the dashboard's drill-down);
     * values that name no role or rank are ignored.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
        java.util.Optional.ofNullable(params.get("role")).map(List::getFirst).flatMap(r -> java.util.Arrays
                .stream(DispatchRole.values()).filter(v -> v.name().equals(r)).findFirst()).ifPresent(role::setValue);
        java.util.Optional.ofNullable(params.get("rank")).map(List::getFirst).flatMap(r -> java.util.Arrays
                .stream(OfficialRank.values()).filter(v -> v.name().equals(r)).findFirst()).ifPresent(rank::setValue);
    }

    void refresh() {
        grid.getDataProvider().refreshAll();
        PostingFilter current = filter();
        DispatchTotals t = dispatches.totals(current);
        total.setText(getTranslation("dispatch.totals.all", t.total()));
        capped.setVisible(t.total() > DispatchService.COUNT_CAP);
        List<Map.Entry<String, Long>> roles = new ArrayList<>();
        for (DispatchRole r : DispatchRole.values()) {
            roles.add(Map.entry(getTranslation(r.messageKey()), t.role(r)));
        }
        byRole.setItems(roles);
        List<Map.Entry<String, Long>> ranks = new ArrayList<>();
        for (OfficialRank r : OfficialRank.values()) {
            ranks.add(Map.entry(getTranslation(r.messageKey()), t.rank(r)));
        }
        byRank.setItems(ranks);
    }

    void openForm(PostingRow row) {
        new PostingForm(dispatches, regions, row, saved -> {
            Notification.show(getTranslation("dispatch.saved", String.valueOf(saved.id())));
            refresh();
            grid.select(saved);
        }, () -> {
            Notification.show(getTranslation("dispatch.error.stale"), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            refresh();
            grid.deselectAll();
        }, withdrawn -> {
            Notification.show(getTranslation("dispatch.withdrawn", String.valueOf(withdrawn.id())), 4000,
                    Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
            grid.deselectAll();
        }).open();
    }

    private void updateButtons() {
        boolean selected = !grid.getSelectedItems().isEmpty();
        edit.setEnabled(selected);
        history.setEnabled(selected);
    }

    private String roleLabel(String code) {
        try {
            return getTranslation(DispatchRole.valueOf(code).messageKey());
        } catch (IllegalArgumentException unknown) {
            return code;
        }
    }

    private String rankLabel(String code) {
        try {
            return getTranslation(OfficialRank.valueOf(code).messageKey());
        } catch (IllegalArgumentException unknown) {
            return code;
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.dispatches") + " · " + getTranslation("app.name");
    }
}
