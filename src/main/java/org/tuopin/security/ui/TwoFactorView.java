package org.tuopin.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

import org.tuopin.access.CurrentScope;
import org.tuopin.base.UserError;
import org.tuopin.security.AccountService;
import org.tuopin.security.Totp;

/** Any user turns sign-in with a one-time code on or off. */
@Route("account/two-factor")
@PermitAll
public class TwoFactorView extends VerticalLayout implements HasDynamicTitle {

    final Paragraph status = new Paragraph();
    final Button start = new Button();
    final Span secret = new Span();
    final Span link = new Span();
    final TextField code = new TextField();
    final Button confirm = new Button();
    final Button turnOff = new Button();

    private final AccountService accounts;
    private String pendingSecret;

    TwoFactorView(AccountService accounts, CurrentScope currentScope) {
        this.accounts = accounts;
        setMaxWidth("40rem");
        H2 title = new H2(getTranslation("totp.title"));
        title.addClassName("view-title");
        code.setLabel(getTranslation("totp.code"));
        code.setMaxLength(6);
        code.setAllowedCharPattern("[0-9]");
        secret.addClassName("totp-secret");
        link.addClassName("totp-link");
        link.getStyle().set("word-break", "break-all").set("font-size", "var(--lumo-font-size-s)");

        start.setText(getTranslation("totp.start"));
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> {
            pendingSecret = Totp.newSecret();
            secret.setText(pendingSecret);
            link.setText(Totp.otpauthUri("Tuopin", currentScope.require().username(), pendingSecret));
            show(true);
        });
        confirm.setText(getTranslation("totp.confirm"));
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickListener(e -> run(() -> accounts.enableTotp(pendingSecret, code.getValue()), "totp.enabled"));
        turnOff.setText(getTranslation("totp.turnOff"));
        turnOff.addThemeVariants(ButtonVariant.LUMO_ERROR);
        turnOff.addClickListener(e -> run(() -> accounts.disableTotp(code.getValue()), "totp.disabled"));

        add(title, status, start, new Paragraph(getTranslation("totp.scan")), secret, link, code, confirm, turnOff);
        refresh();
    }

    private void run(Runnable change, String doneKey) {
        try {
            change.run();
        } catch (UserError error) {
            code.setErrorMessage(getTranslation(error.messageKey(), error.args()));
            code.setInvalid(true);
            return;
        }
        code.clear();
        code.setInvalid(false);
        Notification.show(getTranslation(doneKey), 4000, Notification.Position.TOP_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        refresh();
    }

    private void refresh() {
        boolean on = accounts.totpEnabled();
        status.setText(getTranslation(on ? "totp.isOn" : accounts.totpSetupRequired() ? "totp.mustSetUp" : "totp.isOff"));
        pendingSecret = null;
        start.setVisible(!on);
        turnOff.setVisible(on);
        code.setVisible(on);
        show(false);
    }

    private void show(boolean enrolling) {
        secret.setVisible(enrolling);
        link.setVisible(enrolling);
        confirm.setVisible(enrolling);
        if (enrolling) {
            code.setVisible(true);
            start.setVisible(false);
        }
        getChildren().filter(c -> c instanceof Paragraph && c != status)
                .forEach(c -> c.setVisible(enrolling));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("totp.title") + " · " + getTranslation("app.name");
    }
}
