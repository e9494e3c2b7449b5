package org.tuopin.security.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.tuopin.access.SecondFactor;
import org.tuopin.security.AccountService;

/** The second step of signing in for accounts with a one-time code. */
@Route(value = "login/code", autoLayout = false)
@PermitAll
public class SecondFactorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    final TextField code = new TextField();
    final Button verify = new Button();
    final Button cancel = new Button();
    final Paragraph prompt = new Paragraph();

    SecondFactorView(AccountService accounts, UserDetailsService users, AuthenticationContext authentication) {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        H1 title = new H1(getTranslation("app.name"));
        title.addClassName("app-title");
        code.setLabel(getTranslation("totp.code"));
        code.setHelperText(getTranslation("totp.codeHelp"));
        code.setMaxLength(6);
        code.setAllowedCharPattern("[0-9]");
        code.setAutofocus(true);
        code.getElement().setAttribute("autocomplete", "one-time-code");
        verify.setText(getTranslation("totp.verify"));
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        verify.addClickShortcut(Key.ENTER);
        verify.addClickListener(e -> {
            AccountService.CodeOutcome outcome = accounts.completeSecondFactor(code.getValue());
            if (outcome.accepted()) {
                UserDetails user = users.loadUserByUsername(
                        SecurityContextHolder.getContext().getAuthentication().getName());
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                        user.getAuthorities()));
                replaceSessionContext(context);
                getUI().ifPresent(ui -> ui.getPage().setLocation("/"));
            } else if (outcome.kind() == AccountService.CodeOutcome.Kind.LOCKED) {
                // the waiting sign-in ends here: the session is anonymous again, the next page is the login page
                replaceSessionContext(SecurityContextHolder.createEmptyContext());
                code.setVisible(false);
                verify.setVisible(false);
                prompt.setText(getTranslation("totp.locked", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                        .withLocale(getLocale()).withZone(ZoneId.systemDefault()).format(outcome.lockedUntil())));
                prompt.addClassName("totp-locked");
                cancel.setText(getTranslation("totp.backToSignIn"));
            } else {
                code.clear(); // first: clearing validates the field afresh
                code.setErrorMessage(getTranslation("totp.wrongCode"));
                code.setInvalid(true);
            }
        });
        cancel.setText(getTranslation("action.logout"));
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        cancel.addClickListener(e -> {
            if (SecondFactor.isPending()) {
                authentication.logout();
            } else {
                getUI().ifPresent(ui -> ui.getPage().setLocation("/login"));
            }
        });
        prompt.setText(getTranslation("totp.prompt"));
        add(title, prompt, code, verify, cancel);
    }

    private static void replaceSessionContext(SecurityContext context) {
        SecurityContextHolder.setContext(context);
        if (VaadinServletRequest.getCurrent() != null) {
            new HttpSessionSecurityContextRepository().saveContext(context,
                    VaadinServletRequest.getCurrent().getHttpServletRequest(),
                    VaadinServletResponse.getCurrent().getHttpServletResponse());
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!SecondFactor.isPending()) {
            event.forwardTo("");
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("totp.code") + " · " + getTranslation("app.name");
    }
}
