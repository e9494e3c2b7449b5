package org.tuopin.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.tuopin.TuopinTest;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
class LoginViewTest extends SpringBrowserlessTest {

    @Test
    @WithAnonymousUser
    void anAnonymousVisitorWhoOpensAViewLandsOnTheLoginForm() {
        navigate("figures", LoginView.class);
        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
        LoginView login = (LoginView) getCurrentView();
        assertThat(login.login.getAction()).isEqualTo("login");
        assertThat(login.login.isError()).isFalse();
    }

    @Test
    @WithAnonymousUser
    void aFailedSignInShowsTheGenericMessage() {
        com.vaadin.flow.component.UI.getCurrent().navigate("login", com.vaadin.flow.router.QueryParameters.of("error", ""));
        LoginView login = (LoginView) getCurrentView();
        assertThat(login.login.isError()).isTrue();
        assertThat(login.i18n.getErrorMessage().getMessage())
                .isEqualTo("The username or password is not correct, or the account cannot sign in right now.");
    }

    @Test
    @WithAnonymousUser
    void aSignInRefusedBecauseTooManyWereBeingCheckedSaysBusyNotWrongPassword() {
        var session = com.vaadin.flow.server.VaadinSession.getCurrent().getSession();
        session.setAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION,
                new org.tuopin.security.SignInBusyException("no check free"));
        try {
            com.vaadin.flow.component.UI.getCurrent().navigate("login", com.vaadin.flow.router.QueryParameters.of("error", ""));
            LoginView login = (LoginView) getCurrentView();
            assertThat(login.login.isError()).isTrue();
            assertThat(login.i18n.getErrorMessage().getTitle()).isEqualTo("Server busy");
            assertThat(login.i18n.getErrorMessage().getMessage()).startsWith("Too many people are signing in");
        } finally {
            session.removeAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION);
        }
    }

    @Test
    @WithAnonymousUser
    void aChineseReaderGetsTheFormAndItsRequiredHintsInChinese() {
        com.vaadin.flow.component.UI.getCurrent().setLocale(java.util.Locale.SIMPLIFIED_CHINESE);
        LoginView login = new LoginView(); // a first visit builds the view in the browser's language
        assertThat(login.i18n.getForm().getUsername()).isEqualTo("用户名");
        assertThat(login.i18n.getErrorMessage().getUsername()).isEqualTo("请输入用户名。");
        assertThat(login.i18n.getErrorMessage().getPassword()).isEqualTo("请输入密码。");
    }
}
