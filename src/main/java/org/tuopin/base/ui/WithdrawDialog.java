package org.tuopin.base.ui;

import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;

import org.tuopin.base.WithdrawalReason;

/**
 * Asks why a record entered by mistake is withdrawn, and hands the reason to the record's form on confirmation
 * (docs/design-decisions/DD018). The form calls the service and handles its answer: a refused reason is shown
 * here, under the field; anything else closes this dialog and is shown as the form shows its other errors.
 */
public class WithdrawDialog extends Dialog {

    public final Paragraph explanation = new Paragraph();
    public final TextArea reason = new TextArea();
    public final Button confirm = new Button();
    public final Button cancel = new Button();

    public WithdrawDialog(String title, String consequence, Consumer<String> onConfirm) {
        setHeaderTitle(title);
        setWidth("34rem");
        explanation.setText(consequence);
        reason.setLabel(getTranslation("withdraw.reason"));
        reason.setHelperText(getTranslation("withdraw.reasonHelp"));
        reason.setRequiredIndicatorVisible(true);
        reason.setMaxLength(WithdrawalReason.MAX_LENGTH);
        reason.setManualValidation(true);
        reason.setWidthFull();
        add(explanation, reason);

        confirm.setText(getTranslation("withdraw.confirm"));
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        // a double click withdraws once; a refused reason enables it again
        confirm.setDisableOnClick(true);
        confirm.addClickListener(e -> {
            reason.setInvalid(false);
            onConfirm.accept(reason.getValue());
        });
        cancel.setText(getTranslation("action.cancel"));
        cancel.addClickListener(e -> close());
        getFooter().add(cancel, confirm);
    }

    /** A refused reason: said under the field, the dialog stays open with what was typed. */
    public void refuseReason(String message) {
        reason.setErrorMessage(message);
        reason.setInvalid(true);
        confirm.setEnabled(true);
    }
}
