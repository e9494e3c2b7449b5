package org.tuopin.security.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import org.springframework.security.web.WebAttributes;
import org.tuopin.security.SignInBusyException;

@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    final LoginForm login = new LoginForm();
    final LoginI18n i18n = LoginI18n.createDefault();

    public LoginView() {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);

        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.username"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("login.failed.title"));
        i18n.getErrorMessage().setMessage(getTranslation("login.failed.message"));
        i18n.getErrorMessage().setUsername(getTranslation("login.usernameRequired"));
        i18n.getErrorMessage().setPassword(getTranslation("login.passwordRequired"));
        login.setI18n(i18n);
        login.setForgotPasswordButtonVisible(false);
        login.setAction("login");

        H1 title = new H1(getTranslation("app.name"));
        title.addClassName("app-title");
        Paragraph source = new Paragraph(getTranslation("login.subtitle"));
        source.addClassName("login-source");
        add(title, login, source);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean failed = event.getLocation().getQueryParameters().getParameters().containsKey("error");
        // a password that could not be checked because too many were being checked is not a wrong password
        boolean busy = failed && VaadinSession.getCurrent() != null && VaadinSession.getCurrent().getSession() != null
                && VaadinSession.getCurrent().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
                instanceof SignInBusyException;
        // a session ended because the password was reset or changed elsewhere, or the account changed (DD021)
        boolean ended = !failed && event.getLocation().getQueryParameters().getParameters().containsKey("ended");
        String key = busy ? "login.busy" : ended ? "login.ended" : "login.failed";
        i18n.getErrorMessage().setTitle(getTranslation(key + ".title"));
        i18n.getErrorMessage().setMessage(getTranslation(key + ".message"));
        login.setI18n(i18n);
        login.setError(failed || ended);
    }
}
