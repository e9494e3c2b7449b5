package org.tuopin.pairing.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

import org.jspecify.annotations.Nullable;
import org.tuopin.access.CurrentScope;
import org.tuopin.access.Role;
import org.tuopin.base.ui.Formats;
import org.tuopin.base.ui.KeysetPaging;
import org.tuopin.base.export.ExportService;
import org.tuopin.pairing.PairingExports;
import org.tuopin.base.export.ui.ExportMenu;
import org.tuopin.pairing.DonorType;
import org.tuopin.pairing.PairingFilter;
import org.tuopin.pairing.PairingService;
import org.tuopin.pairing.PairingService.Pairing;
import org.tuopin.pairing.PairingTotal;
import org.tuopin.region.RegionRef;
import org.tuopin.region.RegionService;

/**
 * Pairing assistance received in the user's scope: filtered, sorted and paged in the database, with totals per
 * donor type and per recipient for the same filter. Local offices add and edit records in a form; everyone else
 * reads them. {@code ?recipient=513400&donorType=CENTRAL_UNIT&year=2019} opens the grid filtered.
 */
@Route("pairings")
@Menu(order = 8, title = "menu.pairings", icon = "vaadin:handshake")
@PermitAll
class PairingsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    final ComboBox<RegionRef> recipient = new ComboBox<>();
    final ComboBox<DonorType> donorType = new ComboBox<>();
    final ComboBox<Integer> year = new ComboBox<>();
    final Checkbox inWan = new Checkbox();
    final Button add = new Button();
    final Grid<Pairing> grid = new Grid<>();
    /** Pages the grid by seeking from the boundaries it has read (DD013). */
    final KeysetPaging<Pairing, PairingFilter> paging;
    final Grid<PairingTotal> byDonorType = new Grid<>();
    final Grid<PairingTotal> byRecipient = new Grid<>();
    final ExportMenu exportMenu;
    /** What the export links write: exactly the rows the filters show. */
    final ExportMenu.Writer exportWriter;
    /** The open form, for tests. */
    @Nullable PairingForm form;

    private final PairingService pairings;
    private final RegionService regions;
    private final boolean editor;
    private final Locale locale;
    private final Grid.Column<Pairing> pledgedColumn;
    private final Grid.Column<Pairing> deliveredColumn;
    private final List<Grid.Column<PairingTotal>> totalMoneyColumns;

    PairingsView(PairingService pairings, RegionService regions, ExportService exports, CurrentScope currentScope) {
        this.pairings = pairings;
        this.regions = regions;
        this.locale = getLocale();
        this.editor = currentScope.find().map(s -> s.role() == Role.DATA_ENTRY).orElse(false);
        // the page scrolls: the grid, then both tables of totals below it
        setWidthFull();

        H2 title = new H2(getTranslation("menu.pairings"));
        title.addClassName("view-title");

        recipient.setLabel(getTranslation("pairing.recipient"));
        recipient.setPlaceholder(getTranslation("pairing.recipient.placeholder"));
        recipient.setItems(q -> regions.search(q.getFilter().orElse(""), false, q.getOffset(), q.getLimit()).stream(),
                q -> regions.searchCount(q.getFilter().orElse(""), false));
        recipient.setItemLabelGenerator(r -> r.label(locale));
        recipient.setClearButtonVisible(true);
        recipient.setWidth("22rem");
        donorType.setLabel(getTranslation("pairing.donorType"));
        donorType.setItems(DonorType.values());
        donorType.setItemLabelGenerator(t -> getTranslation(t.messageKey()));
        donorType.setClearButtonVisible(true);
        donorType.setWidth("18rem");
        year.setLabel(getTranslation("column.year"));
        year.setItems(IntStream.rangeClosed(PairingService.FIRST_YEAR, PairingService.LAST_YEAR).boxed().toList());
        year.setClearButtonVisible(true);
        year.setWidth("8rem");
        inWan.setLabel(getTranslation("pairing.inWan"));
        add.setText(getTranslation("pairing.add"));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(editor);
        add.addClickListener(e -> openForm(null));
        recipient.addValueChangeListener(e -> refresh());
        donorType.addValueChangeListener(e -> refresh());
        year.addValueChangeListener(e -> refresh());
        inWan.addValueChangeListener(e -> showMoneyUnit());

        HorizontalLayout filters = new HorizontalLayout(recipient, donorType, year, inWan, add);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        // fixed widths: automatic ones shrink to the headers' first letters while a local office has no rows yet
        grid.addColumn(Pairing::donor).setHeader(getTranslation("pairing.donor")).setKey("donor").setSortable(true)
                .setWidth("13rem").setFlexGrow(1).setFrozen(true);
        grid.addColumn(p -> getTranslation(p.donorType().messageKey())).setHeader(getTranslation("pairing.donorType"))
                .setKey("donorType").setSortable(true).setWidth("11rem").setFlexGrow(0);
        grid.addColumn(p -> p.recipientCode() + " " + (isChinese() ? p.recipientNameZh() : p.recipientNameEn()))
                .setHeader(getTranslation("pairing.recipient")).setKey("recipient").setSortable(true).setWidth("13rem")
                .setFlexGrow(1);
        grid.addColumn(Pairing::year).setHeader(getTranslation("column.year")).setKey("year").setSortable(true)
                .setWidth("6.5rem").setFlexGrow(0);
        pledgedColumn = moneyColumn(grid, Pairing::fundsPledgedRmb, "pledged");
        deliveredColumn = moneyColumn(grid, Pairing::fundsDeliveredRmb, "delivered");
        grid.addColumn(p -> p.deliveryRatio() == null ? "–"
                        : Formats.percent(p.deliveryRatio(), locale) + (p.overDelivered() ? " ⚠" : ""))
                .setHeader(getTranslation("pairing.ratio")).setKey("ratio").setSortable(true).setWidth("11rem").setFlexGrow(0)
                .setPartNameGenerator(p -> p.overDelivered() ? "numeric warning" : "numeric")
                .setTooltipGenerator(p -> p.overDelivered() ? getTranslation("pairing.overDelivered") : null);
        grid.addColumn(p -> count(p.projects() == null ? null : p.projects().longValue()))
                .setHeader(getTranslation("pairing.projects")).setKey("projects").setSortable(true).setWidth("8rem").setFlexGrow(0)
                .setPartNameGenerator(p -> "numeric");
        grid.addColumn(p -> count(p.peopleHelped())).setHeader(getTranslation("pairing.peopleHelped"))
                .setKey("peopleHelped").setSortable(true).setWidth("10rem").setFlexGrow(0).setPartNameGenerator(p -> "numeric");
        grid.addColumn(Pairing::source).setHeader(getTranslation("column.source")).setKey("source").setSortable(true)
                .setWidth("12rem");
        grid.addColumn(p -> p.note() == null ? "" : p.note()).setHeader(getTranslation("column.note")).setKey("note")
                .setWidth("16rem")
                .setFlexGrow(3);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addClassName("pairings");
        grid.setMultiSort(true);
        grid.setHeight("30rem");
        paging = KeysetPaging.install(grid, this::filter, pairings::page, q -> pairings.count(filter()));
        grid.addItemClickListener(e -> openForm(e.getItem()));

        byDonorType.addColumn(t -> getTranslation(DonorType.valueOf(t.key()).messageKey()))
                .setHeader(getTranslation("pairing.donorType")).setAutoWidth(true).setFlexGrow(2);
        byRecipient.addColumn(t -> t.key() + " " + (isChinese() ? t.nameZh() : t.nameEn()))
                .setHeader(getTranslation("pairing.recipient")).setAutoWidth(true).setFlexGrow(2);
        totalMoneyColumns = new java.util.ArrayList<>();
        for (Grid<PairingTotal> totals : List.of(byDonorType, byRecipient)) {
            totals.addColumn(t -> count(t.records())).setHeader(getTranslation("pairing.totals.records"))
                    .setKey("records").setAutoWidth(true).setPartNameGenerator(t -> "numeric");
            totals.addColumn(t -> count(t.withFunds())).setHeader(getTranslation("pairing.totals.withFunds"))
                    .setKey("withFunds").setAutoWidth(true).setPartNameGenerator(t -> "numeric");
            totalMoneyColumns.add(moneyColumn(totals, PairingTotal::fundsPledgedRmb, "pledged"));
            totalMoneyColumns.add(moneyColumn(totals, PairingTotal::fundsDeliveredRmb, "delivered"));
            totals.addColumn(t -> t.deliveryRatio() == null ? "–" : Formats.percent(t.deliveryRatio(), locale))
                    .setHeader(getTranslation("pairing.ratio")).setKey("ratio").setAutoWidth(true)
                    .setPartNameGenerator(t -> "numeric");
            totals.addColumn(t -> count(t.projects())).setHeader(getTranslation("pairing.projects"))
                    .setKey("projects").setAutoWidth(true).setPartNameGenerator(t -> "numeric");
            totals.addColumn(t -> count(t.peopleHelped())).setHeader(getTranslation("pairing.peopleHelped"))
                    .setKey("peopleHelped").setAutoWidth(true).setPartNameGenerator(t -> "numeric");
            totals.addThemeVariants(GridVariant.LUMO_COMPACT);
            totals.addClassName("pairings");
        }
        byDonorType.setAllRowsVisible(true);
        byRecipient.setHeight("16rem");
        byRecipient.setItems(q -> pairings.totalsByRecipient(filter(), q.getOffset(), q.getLimit()).stream(),
                q -> pairings.recipientCount(filter()));
        showMoneyUnit();

        exportWriter = ExportMenu.writer("pairings", PairingExports::columns, () -> {
            PairingFilter current = filter();
            return sink -> pairings.stream(current, sink);
        });
        exportMenu = new ExportMenu("pairings", exports, () -> filter().toString(), exportWriter);

        add(title, filters, exportMenu, grid, new Paragraph(getTranslation("pairing.missingNotZero")),
                new H3(getTranslation("pairing.totals.byDonorType")), byDonorType,
                new H3(getTranslation("pairing.totals.byRecipient")), byRecipient);
        refreshTotals();
    }

    PairingFilter filter() {
        return new PairingFilter(recipient.getValue() == null ? null : recipient.getValue().code(),
                donorType.getValue(), year.getValue());
    }

    /** Opens the form on a record (read-only unless the user is a local office), or on a new one. */
    void openForm(@Nullable Pairing pairing) {
        form = new PairingForm(pairings, regions, pairing, editor, saved -> {
            grid.getDataProvider().refreshAll();
            refreshTotals();
        }, this::refresh);
        form.open();
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
        refreshTotals();
    }

    private void refreshTotals() {
        byDonorType.setItems(pairings.totalsByDonorType(filter()));
        byRecipient.getDataProvider().refreshAll();
    }

    /** Money in whole RMB, or in 万元 (10,000 RMB); the exact amount is always in the tooltip. */
    private <T> Grid.Column<T> moneyColumn(Grid<T> target, Function<T, @Nullable Long> amount, String key) {
        return target.addColumn(t -> amount.apply(t) == null ? "–" : Formats.money(amount.apply(t), locale, inWan.getValue()))
                .setKey(key).setSortable(target == grid).setWidth("12rem").setFlexGrow(0)
                .setPartNameGenerator(t -> "numeric")
                .setTooltipGenerator(t -> amount.apply(t) == null ? getTranslation("pairing.notReported")
                        : getTranslation("pairing.exactRmb", Formats.money(amount.apply(t), locale, false)));
    }

    private void showMoneyUnit() {
        String unit = getTranslation(inWan.getValue() ? "pairing.unit.wan" : "pairing.unit.rmb");
        pledgedColumn.setHeader(getTranslation("pairing.pledged", unit));
        deliveredColumn.setHeader(getTranslation("pairing.delivered", unit));
        for (Grid.Column<PairingTotal> c : totalMoneyColumns) {
            c.setHeader(getTranslation("pledged".equals(c.getKey()) ? "pairing.pledged" : "pairing.delivered", unit));
        }
        grid.getDataProvider().refreshAll();
        byDonorType.getDataProvider().refreshAll();
        byRecipient.getDataProvider().refreshAll();
    }

    private String count(@Nullable Long n) {
        return n == null ? "–" : java.text.NumberFormat.getIntegerInstance(locale).format(n);
    }

    private boolean isChinese() {
        return Locale.CHINESE.getLanguage().equals(locale.getLanguage());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters().getParameters();
        if (params.containsKey("recipient")) {
            regions.find(params.get("recipient").getFirst()).filter(r -> !r.group()).ifPresent(recipient::setValue);
        }
        if (params.containsKey("donorType")) {
            java.util.Arrays.stream(DonorType.values()).filter(t -> t.name().equals(params.get("donorType").getFirst()))
                    .findFirst().ifPresent(donorType::setValue);
        }
        if (params.containsKey("year")) {
            year.getListDataView().getItems().filter(y -> String.valueOf(y).equals(params.get("year").getFirst()))
                    .findFirst().ifPresent(year::setValue);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.pairings") + " · " + getTranslation("app.name");
    }
}
