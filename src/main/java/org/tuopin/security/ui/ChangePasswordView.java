package org.tuopin.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

import org.tuopin.base.UserError;
import org.tuopin.security.AccountService;

/** Any signed-in user changes their own password here; a user with a one-time password is sent here first. */
@Route("account/password")
@PermitAll
public class ChangePasswordView extends VerticalLayout implements HasDynamicTitle {

    final PasswordField current = new PasswordField();
    final PasswordField chosen = new PasswordField();
    final PasswordField repeated = new PasswordField();
    final Button save = new Button();
    final Paragraph forced = new Paragraph();

    ChangePasswordView(AccountService accounts) {
        setMaxWidth("32rem");
        H2 title = new H2(getTranslation("password.title"));
        title.addClassName("view-title");
        forced.setText(getTranslation("password.mustChange"));
        forced.setVisible(accounts.mustChangePassword());

        current.setLabel(getTranslation("password.current"));
        chosen.setLabel(getTranslation("password.new"));
        chosen.setHelperText(getTranslation("password.rules"));
        repeated.setLabel(getTranslation("password.repeat"));
        for (PasswordField f : new PasswordField[]{current, chosen, repeated}) {
            f.setWidthFull();
            f.setMaxLength(128 * 2);
        }
        save.setText(getTranslation("password.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            chosen.setInvalid(false);
            current.setInvalid(false);
            if (!chosen.getValue().equals(repeated.getValue())) {
                repeated.setErrorMessage(getTranslation("password.mismatch"));
                repeated.setInvalid(true);
                return;
            }
            repeated.setInvalid(false);
            try {
                accounts.changeOwnPassword(current.getValue(), chosen.getValue());
            } catch (UserError error) {
                PasswordField field = error.messageKey().equals("password.currentWrong")
                        || error.messageKey().equals("password.locked") ? current : chosen;
                field.setErrorMessage(getTranslation(error.messageKey(), error.args()));
                field.setInvalid(true);
                return;
            }
            Notification.show(getTranslation("password.changed"), 4000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            getUI().ifPresent(ui -> ui.navigate(""));
        });
        add(title, forced, current, chosen, repeated, save);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("password.title") + " · " + getTranslation("app.name");
    }
}
