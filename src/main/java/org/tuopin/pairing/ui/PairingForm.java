package org.tuopin.pairing.ui;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;

import org.jspecify.annotations.Nullable;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;
import org.tuopin.base.ui.Formats;
import org.tuopin.base.ui.WithdrawDialog;
import org.tuopin.pairing.DonorType;
import org.tuopin.pairing.PairingInput;
import org.tuopin.pairing.PairingService;
import org.tuopin.pairing.PairingService.Pairing;
import org.tuopin.region.RegionRef;
import org.tuopin.region.RegionService;

/**
 * One pairing record: editable by the local office, which may also withdraw one entered by mistake, read-only for
 * everyone else. A refused save keeps what was typed and says why; a record changed by someone else meanwhile is
 * not overwritten (nor withdrawn) but offered for reloading.
 */
class PairingForm extends Dialog {

    final ComboBox<RegionRef> recipient = new ComboBox<>();
    final ComboBox<Integer> year = new ComboBox<>();
    final TextField donor = new TextField();
    final ComboBox<DonorType> donorType = new ComboBox<>();
    final BigDecimalField pledged = new BigDecimalField();
    final BigDecimalField delivered = new BigDecimalField();
    final Span ratio = new Span();
    final IntegerField projects = new IntegerField();
    final IntegerField peopleHelped = new IntegerField();
    final TextField source = new TextField();
    final TextArea note = new TextArea();
    final Span error = new Span();
    final Button save = new Button();
    final Button reload = new Button();
    final Button history = new Button();
    final Button close = new Button();
    /** Withdraws a record entered by mistake, after asking why (local offices, an existing record only). */
    final Button withdraw = new Button();
    /** The open confirmation of a withdrawal, for tests. */
    @Nullable WithdrawDialog withdrawal;

    private final PairingService pairings;
    private final RegionService regions;
    private final Consumer<Pairing> onSaved;
    private final Runnable onWithdrawn;
    private final boolean editable;
    private final Locale locale;
    private @Nullable Pairing record;

    PairingForm(PairingService pairings, RegionService regions, @Nullable Pairing record, boolean editable,
                Consumer<Pairing> onSaved, Runnable onWithdrawn) {
        this.pairings = pairings;
        this.regions = regions;
        this.onSaved = onSaved;
        this.onWithdrawn = onWithdrawn;
        this.editable = editable;
        this.locale = getLocale();
        setWidth("52rem");

        recipient.setLabel(getTranslation("pairing.recipient"));
        recipient.setItems(q -> regions.search(q.getFilter().orElse(""), false, q.getOffset(), q.getLimit()).stream(),
                q -> regions.searchCount(q.getFilter().orElse(""), false));
        recipient.setItemLabelGenerator(r -> r.label(locale));
        year.setLabel(getTranslation("column.year"));
        year.setItems(IntStream.rangeClosed(PairingService.FIRST_YEAR, PairingService.LAST_YEAR).boxed().toList());
        donor.setLabel(getTranslation("pairing.donor"));
        donor.setMaxLength(300);
        donorType.setLabel(getTranslation("pairing.donorType"));
        donorType.setItems(DonorType.values());
        donorType.setItemLabelGenerator(t -> getTranslation(t.messageKey()));
        String rmb = getTranslation("pairing.unit.rmb");
        pledged.setLabel(getTranslation("pairing.pledged", rmb));
        delivered.setLabel(getTranslation("pairing.delivered", rmb));
        pledged.setHelperText(getTranslation("pairing.fundsHelp"));
        delivered.setHelperText(getTranslation("pairing.fundsHelp"));
        pledged.addValueChangeListener(e -> showRatio());
        delivered.addValueChangeListener(e -> showRatio());
        projects.setLabel(getTranslation("pairing.projects"));
        projects.setMin(0);
        peopleHelped.setLabel(getTranslation("pairing.peopleHelped"));
        peopleHelped.setMin(0);
        source.setLabel(getTranslation("column.source"));
        source.setMaxLength(300);
        note.setLabel(getTranslation("column.note"));
        note.setMaxLength(1000);
        error.addClassName("form-error");
        error.getElement().getThemeList().add("badge error");
        error.setVisible(false);

        FormLayout fields = new FormLayout(recipient, year, donor, donorType, pledged, delivered, ratio, projects,
                peopleHelped, source, note);
        fields.setColspan(note, 2);
        fields.setColspan(ratio, 2);
        add(fields, error);

        save.setText(getTranslation("accounts.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        save.setVisible(editable);
        reload.setText(getTranslation("report.reload"));
        reload.setVisible(false);
        reload.addClickListener(e -> {
            if (this.record != null) {
                try {
                    show(pairings.get(this.record.id()));
                } catch (NotFoundException withdrawn) {
                    // withdrawn by someone else meanwhile
                    refuse(getTranslation("error.notFound", withdrawn.what()));
                    reload.setVisible(false);
                }
            }
        });
        history.setText(getTranslation("audit.history"));
        history.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        history.addClickListener(e -> {
            if (this.record != null) {
                long id = this.record.id();
                // the UI is taken before closing: a closed dialog is no longer attached to it
                getUI().ifPresent(ui -> {
                    close();
                    ui.navigate("audit", QueryParameters.simple(
                            Map.of("entity", PairingService.ENTITY_TYPE, "id", String.valueOf(id))));
                });
            }
        });
        close.setText(getTranslation("action.close"));
        close.addClickListener(e -> close());
        withdraw.setText(getTranslation("withdraw.button"));
        withdraw.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        // apart from Save, at the footer's start: a destructive action is not where the eye expects Save
        withdraw.getStyle().set("margin-inline-end", "auto");
        withdraw.addClickListener(e -> askWithdrawal());
        getFooter().add(withdraw, history, close, reload, save);

        for (var field : new com.vaadin.flow.component.HasValue<?, ?>[]{recipient, year, donor, donorType, pledged,
                delivered, projects, peopleHelped, source, note}) {
            field.setReadOnly(!editable);
        }
        show(record);
    }

    /** Fills the form from a record (or empties it for a new one) and forgets any earlier refusal. */
    private void show(@Nullable Pairing shown) {
        this.record = shown;
        setHeaderTitle(shown == null ? getTranslation("pairing.new") : shown.donor() + " · " + shown.year());
        history.setVisible(shown != null);
        withdraw.setVisible(editable && shown != null);
        reload.setVisible(false);
        error.setVisible(false);
        note.setInvalid(false);
        if (shown != null) {
            recipient.setValue(regions.get(shown.recipientCode()));
            year.setValue(shown.year());
            donor.setValue(shown.donor());
            donorType.setValue(shown.donorType());
            pledged.setValue(shown.fundsPledgedRmb() == null ? null : BigDecimal.valueOf(shown.fundsPledgedRmb()));
            delivered.setValue(shown.fundsDeliveredRmb() == null ? null : BigDecimal.valueOf(shown.fundsDeliveredRmb()));
            projects.setValue(shown.projects());
            peopleHelped.setValue(shown.peopleHelped() == null ? null : Math.toIntExact(shown.peopleHelped()));
            source.setValue(shown.source());
            note.setValue(shown.note() == null ? "" : shown.note());
        }
        showRatio();
    }

    /** The delivery ratio as the user types; more delivered than pledged asks for a note. */
    private void showRatio() {
        BigDecimal p = pledged.getValue();
        BigDecimal d = delivered.getValue();
        if (p == null || d == null || p.signum() <= 0) {
            ratio.setText(getTranslation("pairing.ratioUnknown"));
            ratio.getElement().getThemeList().remove("badge");
            ratio.getElement().getThemeList().remove("warning");
            return;
        }
        BigDecimal fraction = d.divide(p, 4, java.math.RoundingMode.HALF_UP);
        boolean over = d.compareTo(p) > 0;
        ratio.setText(getTranslation("pairing.ratioIs", Formats.percent(fraction, locale))
                + (over ? " · " + getTranslation("pairing.overDelivered") : ""));
        ratio.getElement().getThemeList().set("badge", over);
        ratio.getElement().getThemeList().set("warning", over);
    }

    PairingInput input() {
        RegionRef r = recipient.getValue();
        return new PairingInput(donor.getValue(), donorType.getValue(), r == null ? null : r.code(), year.getValue(),
                pledged.getValue(), delivered.getValue(), projects.getValue(),
                peopleHelped.getValue() == null ? null : peopleHelped.getValue().longValue(), source.getValue(),
                note.getValue());
    }

    private void save() {
        error.setVisible(false);
        note.setInvalid(false);
        Pairing saved;
        try {
            saved = record == null ? pairings.create(input()) : pairings.update(record.id(), record.version(), input());
        } catch (UserError e) {
            refuse(getTranslation(e.messageKey(), e.args()));
            if ("pairing.error.overDelivery".equals(e.messageKey())) {
                note.setInvalid(true);
                note.setErrorMessage(getTranslation("pairing.noteRequired"));
            }
            return;
        } catch (NotFoundException e) {
            refuse(getTranslation("error.notFound", e.what()));
            return;
        } catch (ObjectOptimisticLockingFailureException e) {
            refuse(getTranslation("pairing.error.stale"));
            reload.setVisible(true);
            return;
        }
        onSaved.accept(saved);
        close();
        Notification.show(getTranslation("pairing.saved"), 3000, Notification.Position.TOP_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private void askWithdrawal() {
        if (record == null) {
            return;
        }
        withdrawal = new WithdrawDialog(getTranslation("withdraw.pairing.title", record.donor(),
                String.valueOf(record.year())), getTranslation("withdraw.pairing.consequence"), this::withdraw);
        withdrawal.open();
    }

    /**
     * Withdraws the record with the reason given. A refused reason stays in the confirmation with what was typed; a
     * record changed meanwhile is not withdrawn but offered for reloading, as a refused save is.
     */
    void withdraw(String reason) {
        WithdrawDialog dialog = withdrawal;
        if (record == null || dialog == null) {
            return;
        }
        error.setVisible(false);
        try {
            pairings.withdraw(record.id(), record.version(), reason);
        } catch (UserError e) {
            dialog.refuseReason(getTranslation(e.messageKey(), e.args()));
            return;
        } catch (NotFoundException e) {
            dialog.close();
            refuse(getTranslation("error.notFound", e.what()));
            return;
        } catch (ObjectOptimisticLockingFailureException e) {
            dialog.close();
            refuse(getTranslation("pairing.error.stale"));
            reload.setVisible(true);
            return;
        }
        dialog.close();
        close();
        onWithdrawn.run();
        Notification.show(getTranslation("pairing.withdrawn"), 3000, Notification.Position.TOP_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private void refuse(String message) {
        error.setText(message);
        error.setVisible(true);
    }
}
