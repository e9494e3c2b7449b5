package org.tuopin.figures.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormatSymbols;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;
import org.tuopin.base.ui.Formats;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ReportLocked;
import org.tuopin.figures.ReportModels.Change;
import org.tuopin.figures.ReportModels.Comment;
import org.tuopin.figures.ReportModels.Report;
import org.tuopin.figures.ReportModels.ReportValue;
import org.tuopin.figures.ReportModels.Transition;
import org.tuopin.figures.ReportModels.ValueInput;
import org.tuopin.figures.ReportService;
import org.tuopin.figures.RuleViolation;
import org.tuopin.figures.ValueKind;
import org.tuopin.figures.rules.Finding;
import org.tuopin.figures.rules.Severity;
import org.tuopin.figures.rules.ValueKey;

/**
 * One region's figures for one year: entry by the local office, review by the supervisor above.
 * Values are kept in the fields when a save is refused, so nothing typed is lost.
 */
@Route("figures/:regionCode/:year")
@PermitAll
class ReportFormView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** Metrics that have a yearly plan worth entering beside the outcome. */
    static final List<Metric> WITH_TARGET = List.of(Metric.PEOPLE_LIFTED_OUT, Metric.VILLAGES_EXITED,
            Metric.COUNTIES_EXITED, Metric.PEOPLE_RELOCATED);

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    /** The editable line of one value. */
    static final class ValueRow {
        final ValueKey key;
        final BigDecimalField value = new BigDecimalField();
        final TextField source = new TextField();
        final TextField note = new TextField();
        final Span previous = new Span();
        final Span achieved = new Span();
        final Checkbox followUp = new Checkbox();

        ValueRow(ValueKey key) {
            this.key = key;
        }

        /**
         * Typed text the field could not read as a number (it then holds no value), or read only by a rule the
         * reader may not have meant: an exponent ("1e5"), other digits than 0-9, signs or separators the field
         * lets through. Only plain decimals with the locale's separator are taken.
         */
        boolean unreadable() {
            // what the browser holds in the input, which it keeps even when "value" stays empty for bad input
            String typed = value.getElement().getProperty("_inputElementValue", "").strip();
            if (typed.isEmpty()) {
                typed = value.getElement().getProperty("value", "").strip();
            }
            if (value.isReadOnly() || typed.isEmpty()) {
                return false;
            }
            char separator = DecimalFormatSymbols.getInstance(value.getLocale()).getDecimalSeparator();
            return value.getValue() == null || !PLAIN_NUMBER.matcher(typed.replace(separator, '.')).matches();
        }
    }

    final H2 title = new H2();
    final Span state = new Span();
    final Map<ValueKey, ValueRow> rows = new LinkedHashMap<>();
    final UnorderedList findings = new UnorderedList();
    final TextArea explanation = new TextArea();
    final Button save = new Button();
    final Button submit = new Button();
    final Button approve = new Button();
    final Button sendBack = new Button();
    final Button reload = new Button();
    final VerticalLayout changes = new VerticalLayout();
    final VerticalLayout history = new VerticalLayout();
    final VerticalLayout comments = new VerticalLayout();
    final TextArea newComment = new TextArea();
    final Button addComment = new Button();

    private final ReportService reports;
    private String regionCode;
    private int year;
    private Report report;

    ReportFormView(ReportService reports) {
        this.reports = reports;
        setMaxWidth("80rem");
        title.addClassName("view-title");
        state.getElement().getThemeList().add("badge");

        save.setText(getTranslation("report.saveDraft"));
        save.addClickListener(e -> act(() -> reports.saveDraft(regionCode, year, report.version(), inputs()),
                "report.saved"));
        submit.setText(getTranslation("report.submit"));
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> act(() -> reports.saveAndSubmit(regionCode, year, report.version(), inputs(),
                explanation.getValue()), "report.submitted"));
        approve.setText(getTranslation("report.approve"));
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        approve.addClickListener(e -> act(() -> reports.approve(regionCode, year, report.version()), "report.approved"));
        sendBack.addThemeVariants(ButtonVariant.LUMO_ERROR);
        sendBack.addClickListener(e -> askReason());
        reload.setText(getTranslation("report.reload"));
        reload.addClickListener(e -> load());
        reload.setVisible(false);

        explanation.setLabel(getTranslation("report.explanation"));
        explanation.setHelperText(getTranslation("report.explanationHelp"));
        explanation.setWidthFull();
        explanation.setMaxLength(4000);

        newComment.setLabel(getTranslation("report.comment"));
        newComment.setWidthFull();
        newComment.setMaxLength(4000);
        addComment.setText(getTranslation("report.addComment"));
        addComment.addClickListener(e -> act(() -> reports.comment(regionCode, year, newComment.getValue()),
                "report.commented"));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        regionCode = event.getRouteParameters().get("regionCode").orElse("");
        try {
            year = Integer.parseInt(event.getRouteParameters().get("year").orElse(""));
            load();
        } catch (NumberFormatException | NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
        }
    }

    private void load() {
        report = reports.get(regionCode, year);
        reload.setVisible(false);
        build();
    }

    private void build() {
        removeAll();
        rows.clear();
        Locale locale = getLocale();
        title.setText(getTranslation("report.title", report.region().label(locale), String.valueOf(year)));
        state.setText(report.state() == null ? getTranslation("state.not_started")
                : getTranslation(report.state().messageKey()));
        HorizontalLayout header = new HorizontalLayout(title, state);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(header);
        if (!report.yearOpen()) {
            add(new Paragraph(getTranslation("report.locked.yearClosed")));
        }

        Div table = new Div();
        table.addClassName("report-table");
        table.add(cell(getTranslation("column.metric"), "head"), cell(getTranslation("column.value"), "head"),
                cell(getTranslation("report.previousYear", String.valueOf(year - 1)), "head"),
                cell(getTranslation("column.source"), "head"), cell(getTranslation("column.note"), "head"),
                cell(getTranslation("report.followUp"), "head"));
        for (Metric metric : Metric.values()) {
            addRow(table, new ValueKey(metric, ValueKind.ACTUAL), locale);
            if (WITH_TARGET.contains(metric)) {
                addRow(table, new ValueKey(metric, ValueKind.TARGET), locale);
            }
        }
        for (ReportValue v : report.values()) {
            if (!rows.containsKey(v.key())) {
                addRow(table, v.key(), locale);
            }
        }
        add(table, new Paragraph(getTranslation("dashboard.missingNotZero")));

        findings.removeAll();
        showFindings(report.findings());
        add(findings);

        if (report.editable()) {
            add(explanation);
        }
        save.setVisible(report.editable());
        submit.setVisible(report.editable());
        approve.setVisible(report.reviewable() && report.state() == org.tuopin.figures.ReportState.SUBMITTED);
        boolean canSendBack = report.reviewable() && (report.state() == org.tuopin.figures.ReportState.SUBMITTED
                || report.state() == org.tuopin.figures.ReportState.APPROVED);
        sendBack.setVisible(canSendBack);
        sendBack.setText(getTranslation(report.state() == org.tuopin.figures.ReportState.APPROVED
                ? "report.reopen" : "report.return"));
        add(new HorizontalLayout(save, submit, approve, sendBack, reload));

        changes.removeAll();
        changes.setPadding(false);
        if (report.lastApproved() != null) {
            if (report.changesSinceApproval().isEmpty()) {
                changes.add(new Paragraph(getTranslation("report.noChanges")));
            }
            for (Change c : report.changesSinceApproval()) {
                changes.add(new Span(getTranslation("report.change", label(c.key()), format(c.before(), c.key(), locale),
                        format(c.after(), c.key(), locale))));
            }
            add(new Details(getTranslation("report.changesSinceApproval"), changes));
        }

        history.removeAll();
        history.setPadding(false);
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneId.systemDefault());
        for (Transition t : report.transitions()) {
            String line = getTranslation("report.transition", when.format(t.at()), t.account(),
                    t.from() == null ? "–" : getTranslation(t.from().messageKey()), getTranslation(t.to().messageKey()));
            Span s = new Span(line + (t.reason() != null ? " · " + getTranslation("report.reason") + ": " + t.reason() : "")
                    + (t.explanation() != null ? " · " + getTranslation("report.explanation") + ": " + t.explanation() : ""));
            s.addClassName("transition");
            history.add(s);
        }
        Button auditHistory = new Button(getTranslation("audit.history"), e -> getUI().ifPresent(ui -> ui.navigate("audit",
                com.vaadin.flow.router.QueryParameters.simple(Map.of("entity", "report", "id", regionCode + "/" + year)))));
        auditHistory.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        history.add(auditHistory);
        add(new Details(getTranslation("report.history"), history));

        comments.removeAll();
        comments.setPadding(false);
        for (Comment c : report.comments()) {
            Span s = new Span(when.format(c.at()) + " · " + c.account() + ": " + c.text());
            s.addClassName("comment");
            comments.add(s);
        }
        if (report.state() != null) {
            comments.add(newComment, addComment);
            add(new H3(getTranslation("report.comments")), comments);
        }
    }

    private void addRow(Div table, ValueKey key, Locale locale) {
        ValueRow row = new ValueRow(key);
        rows.put(key, row);
        ReportValue current = report.value(key);
        String unit = getTranslation("unit." + key.metric().unit().code());
        String label = label(key) + " (" + unit + ")";
        row.value.setLocale(locale);
        row.value.setI18n(new BigDecimalField.BigDecimalFieldI18n()
                .setBadInputErrorMessage(getTranslation("report.error.notANumber")));
        row.value.setWidthFull();
        row.value.getElement().setAttribute("aria-label", label);
        row.source.setWidthFull();
        row.source.setMaxLength(300);
        row.source.getElement().setAttribute("aria-label", label + " · " + getTranslation("column.source"));
        row.note.setWidthFull();
        row.note.setMaxLength(1000);
        row.note.getElement().setAttribute("aria-label", label + " · " + getTranslation("column.note"));
        if (current != null) {
            row.value.setValue(current.value().stripTrailingZeros());
            row.source.setValue(current.source() == null ? "" : current.source());
            row.note.setValue(current.note() == null ? "" : current.note());
            row.followUp.setValue(current.followUp());
        }
        boolean editable = report.editable() && (key.kind() == ValueKind.ACTUAL || key.kind() == ValueKind.TARGET);
        row.value.setReadOnly(!editable);
        row.source.setReadOnly(!editable);
        row.note.setReadOnly(!editable);
        row.followUp.setEnabled(current != null && (report.editable() || report.reviewable()));
        row.followUp.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                act(() -> reports.setFollowUp(regionCode, year, key.metric(), key.kind(), e.getValue()), null);
            }
        });

        BigDecimal prev = report.previousYear().get(key);
        if (prev != null) {
            String text = format(prev, key, locale);
            if (current != null && prev.signum() != 0) {
                BigDecimal change = current.value().subtract(prev).multiply(BigDecimal.valueOf(100))
                        .divide(prev, 1, RoundingMode.HALF_UP);
                text += " (" + (change.signum() > 0 ? "+" : "") + change.toPlainString() + " %)";
            }
            row.previous.setText(text);
        }
        if (key.kind() == ValueKind.TARGET && current != null && current.value().signum() > 0) {
            ReportValue actual = report.value(new ValueKey(key.metric(), ValueKind.ACTUAL));
            if (actual != null) {
                row.achieved.setText(getTranslation("report.achieved", actual.value().multiply(BigDecimal.valueOf(100))
                        .divide(current.value(), 1, RoundingMode.HALF_UP).toPlainString()));
            }
        }
        Div name = cell(label, "label");
        if (key.kind() != ValueKind.ACTUAL) {
            name.getElement().getClassList().add("kind-" + key.kind().code());
        }
        table.add(name, new Div(row.value, row.achieved), new Div(row.previous), new Div(row.source),
                new Div(row.note), new Div(row.followUp));
    }

    private String label(ValueKey key) {
        String name = getTranslation(key.metric().messageKey());
        return key.kind() == ValueKind.ACTUAL ? name : name + " · " + getTranslation(key.kind().messageKey());
    }

    private String format(BigDecimal v, ValueKey key, Locale locale) {
        return v == null ? "–" : Formats.number(v, key.metric().unit(), locale);
    }

    private static Div cell(String text, String className) {
        Div d = new Div();
        d.setText(text);
        d.addClassName(className);
        return d;
    }

    List<ValueInput> inputs() {
        List<ValueInput> inputs = new ArrayList<>();
        for (ValueRow row : rows.values()) {
            if (row.value.isReadOnly()) {
                continue;
            }
            ReportValue current = report.value(row.key);
            BigDecimal v = row.value.getValue();
            boolean unchanged = current == null ? v == null
                    : v != null && v.compareTo(current.value()) == 0 && row.source.getValue().equals(nz(current.source()))
                    && row.note.getValue().equals(nz(current.note()));
            if (!unchanged) {
                inputs.add(new ValueInput(row.key.metric(), row.key.kind(), v, row.source.getValue(), row.note.getValue()));
            }
        }
        return inputs;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Runs an action; refusals become messages beside the fields, and the input stays as typed. */
    private void act(java.util.function.Supplier<Report> action, String doneKey) {
        // text that is not a number reaches the server as "no value": refuse rather than erase what was there
        List<ValueRow> unreadable = rows.values().stream().filter(ValueRow::unreadable).toList();
        for (ValueRow row : rows.values()) {
            row.value.setInvalid(false);
        }
        if (!unreadable.isEmpty()) {
            for (ValueRow row : unreadable) {
                row.value.setInvalid(true);
                row.value.setErrorMessage(getTranslation("report.error.notANumber"));
            }
            error(getTranslation("report.error.unreadable", unreadable.size()));
            return;
        }
        try {
            report = action.get();
        } catch (RuleViolation violation) {
            findings.removeAll();
            showFindings(violation.findings());
            if (violation.explanationMissing()) {
                explanation.setInvalid(true);
                explanation.setErrorMessage(getTranslation("report.error.explanationRequired"));
            }
            error(getTranslation(violation.explanationMissing() ? "report.error.explanationRequired"
                    : "report.error.rules"));
            return;
        } catch (UserError e) {
            error(getTranslation(e.messageKey(), translatedArgs(e.args())));
            return;
        } catch (ReportLocked e) {
            error(getTranslation(e.messageKey()));
            return;
        } catch (ObjectOptimisticLockingFailureException e) {
            error(getTranslation("report.error.stale"));
            reload.setVisible(true);
            return;
        }
        explanation.setInvalid(false);
        newComment.clear();
        build();
        if (doneKey != null) {
            Notification.show(getTranslation(doneKey), 3000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
    }

    private Object[] translatedArgs(Object[] args) {
        return java.util.Arrays.stream(args).map(a -> a instanceof String s && Metric.fromCode(s).isPresent()
                ? getTranslation(Metric.fromCode(s).get().messageKey()) : a).toArray();
    }

    private void showFindings(List<Finding> list) {
        for (Finding f : list) {
            ListItem item = new ListItem(getTranslation(f.severity() == Severity.ERROR ? "report.error" : "report.warning")
                    + ": " + FindingText.of(this, f));
            item.addClassName(f.severity() == Severity.ERROR ? "finding-error" : "finding-warning");
            findings.add(item);
            for (String field : f.fields()) {
                Metric.fromCode(field).ifPresent(m -> {
                    ValueRow row = rows.get(new ValueKey(m, ValueKind.ACTUAL));
                    if (row != null && f.severity() == Severity.ERROR) {
                        row.value.setInvalid(true);
                        row.value.setErrorMessage(FindingText.of(this, f));
                    }
                });
            }
        }
    }

    private void askReason() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(sendBack.getText());
        TextArea reason = new TextArea(getTranslation("report.reason"));
        reason.setWidth("30rem");
        reason.setMaxLength(2000);
        Button confirm = new Button(sendBack.getText(), e -> {
            boolean reopening = report.state() == org.tuopin.figures.ReportState.APPROVED;
            act(() -> reopening ? reports.reopen(regionCode, year, report.version(), reason.getValue())
                    : reports.returnReport(regionCode, year, report.version(), reason.getValue()), "report.returned");
            if (report.state() == org.tuopin.figures.ReportState.RETURNED) {
                dialog.close();
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
        dialog.add(reason);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), confirm);
        dialog.open();
    }

    private void error(String message) {
        Notification.show(message, 6000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    public String getPageTitle() {
        return regionCode + " " + year + " · " + getTranslation("app.name");
    }
}
