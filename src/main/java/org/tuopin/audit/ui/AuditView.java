package org.tuopin.audit.ui;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import jakarta.annotation.security.PermitAll;

import org.tuopin.access.CurrentScope;
import org.tuopin.access.Role;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditCheckpoints;
import org.tuopin.audit.AuditExports;
import org.tuopin.audit.AuditLabels;
import org.tuopin.audit.AuditQueryService;
import org.tuopin.audit.AuditQueryService.AuditFilter;
import org.tuopin.audit.AuditQueryService.AuditRow;
import org.tuopin.audit.AuditVerification;
import org.tuopin.audit.FieldChange;
import org.tuopin.base.export.ExportService;
import org.tuopin.base.export.ui.ExportMenu;

/**
 * The audit trail, newest first: who changed what, when, from what to what, and why. Auditors, supervisors
 * and administrators read their scope; a local office reads its own entries. {@code ?entity=...&id=...}
 * opens a record's history.
 */
@Route("audit")
@Menu(order = 10, title = "menu.audit", icon = "vaadin:file-search")
@PermitAll
class AuditView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final List<String> ENTITY_TYPES = List.of("report", "account", "region", "reporting_year", "role_policy",
            "export", "pairing", "dispatch");

    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final TextField account = new TextField();
    final TextField region = new TextField();
    final Select<String> entityType = new Select<>();
    final TextField entityId = new TextField();
    final ComboBox<AuditAction> action = new ComboBox<>();
    final Grid<AuditRow> grid = new Grid<>();
    final Button verify = new Button();
    final Span verification = new Span();
    final ExportMenu exportMenu;

    final Anchor checkpointsDownload;

    AuditView(AuditQueryService audit, AuditVerification verifier, AuditCheckpoints checkpoints, ExportService exports,
              CurrentScope currentScope, List<AuditLabels> labelContributions) {
        setSizeFull();
        Locale locale = getLocale();
        H2 title = new H2(getTranslation("menu.audit"));
        title.addClassName("view-title");

        org.tuopin.base.ui.ComponentTexts.localise(from);
        org.tuopin.base.ui.ComponentTexts.localise(to);
        from.setLabel(getTranslation("audit.from"));
        to.setLabel(getTranslation("audit.to"));
        account.setLabel(getTranslation("export.header.account"));
        region.setLabel(getTranslation("export.header.region_code"));
        entityType.setLabel(getTranslation("export.header.entity_type"));
        entityType.setItems(ENTITY_TYPES);
        entityType.setItemLabelGenerator(t -> t == null ? getTranslation("audit.any") : getTranslation("audit.entity." + t));
        entityType.setEmptySelectionAllowed(true);
        entityType.setEmptySelectionCaption(getTranslation("audit.any"));
        entityId.setLabel(getTranslation("export.header.entity_id"));
        action.setLabel(getTranslation("export.header.action"));
        action.setItems(AuditAction.values());
        action.setItemLabelGenerator(a -> getTranslation("audit.action." + a.name()));
        action.setClearButtonVisible(true);
        for (TextField f : List.of(account, region, entityId)) {
            f.setValueChangeMode(ValueChangeMode.LAZY);
            f.setClearButtonVisible(true);
            f.addValueChangeListener(e -> refresh());
        }
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        entityType.addValueChangeListener(e -> refresh());
        action.addValueChangeListener(e -> refresh());

        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneId.systemDefault());
        grid.addColumn(AuditRow::seq).setHeader(getTranslation("export.header.seq")).setAutoWidth(true);
        grid.addColumn(r -> when.format(r.at())).setHeader(getTranslation("audit.time")).setAutoWidth(true);
        grid.addColumn(r -> r.account() == null ? "" : r.account()).setHeader(getTranslation("export.header.account"))
                .setAutoWidth(true);
        grid.addColumn(r -> getTranslation("audit.action." + r.action().name()))
                .setHeader(getTranslation("export.header.action")).setAutoWidth(true);
        grid.addColumn(r -> (r.entityType() == null ? "" : getTranslation("audit.entity." + r.entityType()))
                        + (r.entityId() == null ? "" : " " + r.entityId()))
                .setHeader(getTranslation("export.header.entity_id")).setAutoWidth(true);
        grid.addColumn(r -> r.regionCode() == null ? "" : r.regionCode())
                .setHeader(getTranslation("export.header.region_code")).setAutoWidth(true);
        ChangeLabels labels = new ChangeLabels(labelContributions, this::getTranslation, locale);
        grid.addColumn(labels::describe)
                .setHeader(getTranslation("export.header.changes")).setFlexGrow(3);
        grid.addColumn(r -> r.reason() == null ? "" : r.reason()).setHeader(getTranslation("export.header.reason"))
                .setFlexGrow(2);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        grid.setItems(q -> audit.find(filter(), q.getOffset(), q.getLimit()).stream(), q -> audit.count(filter()));
        grid.addItemClickListener(e -> showDetail(e.getItem(), when, labels));

        verify.setText(getTranslation("audit.verify"));
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        verify.setVisible(currentScope.find().map(s -> s.role() != Role.DATA_ENTRY).orElse(false));
        verify.addClickListener(e -> {
            AuditVerification.Result result = verifier.verify();
            verification.setText((result.intact() ? getTranslation("audit.intact", result.entries())
                    : getTranslation("audit.broken", result.firstBadSeq(), result.problem()))
                    + (result.checkpoint() == null ? " " + getTranslation("audit.noCheckpoint")
                    : " " + getTranslation("audit.checkpointCompared", result.checkpoint().seq(),
                    when.format(result.checkpoint().at()))));
            verification.getElement().getThemeList().set("badge", true);
            verification.getElement().getThemeList().set("success", result.intact());
            verification.getElement().getThemeList().set("error", !result.intact());
        });

        exportMenu = ExportMenu.of("audit", exports, () -> filter().toString(), AuditExports::columns, () -> {
            AuditFilter current = filter();
            return sink -> audit.stream(current, sink);
        });

        HorizontalLayout filters = new HorizontalLayout(from, to, account, region, entityType, entityId, action);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        // the signed checkpoints and the public key, for auditors to keep outside the server (DD025)
        checkpointsDownload = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] bytes = checkpoints.download().getBytes(StandardCharsets.US_ASCII);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "audit-checkpoints.txt", "text/plain",
                    bytes.length);
        }), getTranslation("audit.checkpoints"));
        checkpointsDownload.setVisible(verify.isVisible());
        HorizontalLayout tools = new HorizontalLayout(verify, verification, checkpointsDownload);
        tools.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(title, filters, tools, exportMenu, grid);
    }

    AuditFilter filter() {
        return new AuditFilter(from.getValue() == null ? null : from.getValue().atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.getValue() == null ? null : to.getValue().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                account.getValue(), region.getValue(), entityType.getValue(), entityId.getValue(), action.getValue());
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private void showDetail(AuditRow row, DateTimeFormatter when, ChangeLabels labels) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("audit.entry", row.seq()));
        Grid<FieldChange> changes = new Grid<>();
        // the label in the reader's language; the stored name, as the exports and the API give it, on hover
        changes.addColumn(c -> labels.label(row.entityType(), c.field())).setHeader(getTranslation("audit.field"))
                .setTooltipGenerator(c -> getTranslation("audit.storedAs", c.field())).setAutoWidth(true);
        boolean deleted = row.action() == AuditAction.DELETE;
        // a deleted record's entry holds its last values: one column of them, no "after"
        changes.addColumn(c -> labels.value(row.entityType(), c.field(), c.before()))
                .setHeader(getTranslation(deleted ? "audit.lastValue" : "audit.before"));
        if (!deleted) {
            changes.addColumn(c -> labels.value(row.entityType(), c.field(), c.after()))
                    .setHeader(getTranslation("audit.after"));
        }
        changes.setItems(row.changes());
        changes.setAllRowsVisible(true);
        changes.setWidth("48rem");
        dialog.add(new Paragraph(when.format(row.at()) + " · " + (row.account() == null ? "" : row.account())
                + (row.role() == null ? "" : " (" + getTranslation("role." + row.role()) + ")")
                + (row.clientAddress() == null ? "" : " · " + row.clientAddress())),
                new Paragraph(getTranslation("audit.action." + row.action().name())
                        + (row.entityType() == null ? "" : " · " + getTranslation("audit.entity." + row.entityType()))
                        + (row.entityId() == null ? "" : " " + row.entityId())),
                changes);
        if (row.reason() != null) {
            dialog.add(new Paragraph(getTranslation("export.header.reason") + ": " + row.reason()));
        }
        Span hash = new Span(getTranslation("export.header.hash") + ": " + row.hash());
        hash.getStyle().set("font-family", "monospace").set("font-size", "var(--lumo-font-size-xs)");
        dialog.add(hash);
        dialog.getFooter().add(new Button(getTranslation("action.close"), e -> dialog.close()));
        dialog.open();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters().getParameters();
        if (params.containsKey("entity") && ENTITY_TYPES.contains(params.get("entity").getFirst())) {
            entityType.setValue(params.get("entity").getFirst());
        }
        if (params.containsKey("id")) {
            entityId.setValue(params.get("id").getFirst());
        }
        if (params.containsKey("region")) {
            region.setValue(params.get("region").getFirst());
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.audit") + " · " + getTranslation("app.name");
    }

}
