package org.tuopin.dispatch.ui;

import java.util.Map;
import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;

import org.jspecify.annotations.Nullable;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;
import org.tuopin.base.ui.ComponentTexts;
import org.tuopin.base.ui.WithdrawDialog;
import org.tuopin.dispatch.DispatchRole;
import org.tuopin.dispatch.DispatchService;
import org.tuopin.dispatch.OfficialRank;
import org.tuopin.dispatch.PostingInput;
import org.tuopin.dispatch.PostingRow;
import org.tuopin.region.RegionRef;
import org.tuopin.region.RegionService;

/**
 * Records a new posting (row null) or edits one, or withdraws one entered by mistake. A refusal stays in the form
 * with the service's message, so the clerk can correct the dates; a concurrent change closes the form and reloads
 * the list.
 */
class PostingForm extends Dialog {

    final TextField officialNo = new TextField();
    final TextField name = new TextField();
    final ComboBox<OfficialRank> rank = new ComboBox<>();
    final TextField organisation = new TextField();
    final ComboBox<DispatchRole> role = new ComboBox<>();
    final ComboBox<RegionRef> region = new ComboBox<>();
    final TextField village = new TextField();
    final DatePicker start = new DatePicker();
    final DatePicker end = new DatePicker();
    final Checkbox bilingual = new Checkbox();
    final TextArea note = new TextArea();
    final Span error = new Span();
    final Button save = new Button();
    final Button history = new Button();
    /** Withdraws a posting entered by mistake, after asking why (an existing posting only). */
    final Button withdraw = new Button();
    /** The open confirmation of a withdrawal, for tests. */
    @Nullable WithdrawDialog withdrawal;

    private final DispatchService dispatches;
    private final @Nullable PostingRow row;
    private final Consumer<PostingRow> onSaved;
    private final Runnable onStale;
    private final Consumer<PostingRow> onWithdrawn;

    PostingForm(DispatchService dispatches, RegionService regions, @Nullable PostingRow row, Consumer<PostingRow> onSaved,
                Runnable onStale, Consumer<PostingRow> onWithdrawn) {
        this.dispatches = dispatches;
        this.row = row;
        this.onSaved = onSaved;
        this.onStale = onStale;
        this.onWithdrawn = onWithdrawn;
        setHeaderTitle(row == null ? getTranslation("dispatch.add") : getTranslation("dispatch.editTitle", String.valueOf(row.id())));

        officialNo.setLabel(getTranslation("dispatch.officialNo"));
        officialNo.setMaxLength(40);
        officialNo.setRequiredIndicatorVisible(true);
        name.setLabel(getTranslation("dispatch.name"));
        name.setRequiredIndicatorVisible(true);
        rank.setLabel(getTranslation("dispatch.rank"));
        rank.setItems(OfficialRank.values());
        rank.setItemLabelGenerator(r -> getTranslation(r.messageKey()));
        rank.setRequiredIndicatorVisible(true);
        organisation.setLabel(getTranslation("dispatch.organisation"));
        organisation.setRequiredIndicatorVisible(true);
        role.setLabel(getTranslation("dispatch.role"));
        role.setItems(DispatchRole.values());
        role.setItemLabelGenerator(r -> getTranslation(r.messageKey()));
        role.setRequiredIndicatorVisible(true);
        region.setLabel(getTranslation("dispatch.region"));
        region.setItems(q -> regions.search(q.getFilter().orElse(""), false, q.getOffset(), q.getLimit()).stream(),
                q -> regions.searchCount(q.getFilter().orElse(""), false));
        region.setItemLabelGenerator(r -> r.label(getLocale()));
        region.setRequiredIndicatorVisible(true);
        village.setLabel(getTranslation("dispatch.village"));
        ComponentTexts.localise(start);
        ComponentTexts.localise(end);
        start.setLabel(getTranslation("dispatch.start"));
        start.setRequiredIndicatorVisible(true);
        end.setLabel(getTranslation("dispatch.end"));
        bilingual.setLabel(getTranslation("dispatch.bilingual"));
        note.setLabel(getTranslation("dispatch.note"));
        error.addClassName("form-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);

        if (row != null) {
            officialNo.setValue(row.officialNo());
            name.setValue(row.name());
            rank.setValue(row.rank());
            organisation.setValue(row.sendingOrganisation());
            role.setValue(row.role());
            region.setValue(regions.get(row.regionCode()));
            village.setValue(row.village() == null ? "" : row.village());
            start.setValue(row.startDate());
            end.setValue(row.endDate());
            bilingual.setValue(row.bilingual());
            note.setValue(row.note() == null ? "" : row.note());
        }

        FormLayout fields = new FormLayout(officialNo, name, rank, organisation, role, region, village, start, end,
                bilingual, note);
        fields.setColspan(note, 2);
        add(fields, error);

        save.setText(getTranslation("dispatch.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        history.setText(getTranslation("audit.history"));
        history.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        history.setVisible(row != null);
        history.addClickListener(e -> {
            close();
            if (row != null) {
                getUI().ifPresent(ui -> ui.navigate("audit", QueryParameters.simple(Map.of("entity",
                        DispatchService.ENTITY_TYPE, "id", String.valueOf(row.id())))));
            }
        });
        withdraw.setText(getTranslation("withdraw.button"));
        withdraw.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        // apart from Save, at the footer's start: a destructive action is not where the eye expects Save
        withdraw.getStyle().set("margin-inline-end", "auto");
        withdraw.setVisible(row != null);
        withdraw.addClickListener(e -> askWithdrawal());
        getFooter().add(withdraw, history, new Button(getTranslation("action.cancel"), e -> close()), save);
    }

    PostingInput input() {
        return new PostingInput(officialNo.getValue(), name.getValue(), rank.getValue(), organisation.getValue(),
                role.getValue(), region.getValue() == null ? null : region.getValue().code(), village.getValue(),
                start.getValue(), end.getValue(), bilingual.getValue(), note.getValue());
    }

    void save() {
        try {
            PostingRow saved = row == null ? dispatches.create(input()) : dispatches.update(row.id(), row.version(), input());
            close();
            onSaved.accept(saved);
        } catch (UserError refused) {
            showError(org.tuopin.base.ui.Messages.userError(this, refused));
        } catch (NotFoundException outside) {
            showError(getTranslation("error.notFound", outside.what()));
        } catch (ObjectOptimisticLockingFailureException stale) {
            close();
            onStale.run();
        }
    }

    private void askWithdrawal() {
        if (row == null) {
            return;
        }
        withdrawal = new WithdrawDialog(getTranslation("withdraw.posting.title", String.valueOf(row.id())),
                getTranslation("withdraw.posting.consequence"), this::withdraw);
        withdrawal.open();
    }

    /** Withdraws the posting with the reason given; a refused reason stays in the confirmation with what was typed. */
    void withdraw(String reason) {
        WithdrawDialog dialog = withdrawal;
        if (row == null || dialog == null) {
            return;
        }
        try {
            dispatches.withdraw(row.id(), row.version(), reason);
            dialog.close();
            close();
            onWithdrawn.accept(row);
        } catch (UserError refused) {
            dialog.refuseReason(org.tuopin.base.ui.Messages.userError(this, refused));
        } catch (NotFoundException outside) {
            dialog.close();
            showError(getTranslation("error.notFound", outside.what()));
        } catch (ObjectOptimisticLockingFailureException stale) {
            dialog.close();
            close();
            onStale.run();
        }
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }
}
