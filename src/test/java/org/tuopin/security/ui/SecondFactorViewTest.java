package org.tuopin.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.security.AccountService;
import org.tuopin.security.Role;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
class SecondFactorViewTest extends SpringBrowserlessTest {

    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountService accounts;

    @Test
    @WithUserDetails("clerk.liangshan")
    void aSessionWaitingForItsCodeSeesOnlyTheCodeForm() {
        var user = users.loadUserByUsername("clerk.liangshan");
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user,
                null, java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(
                        org.tuopin.security.SecondFactor.PENDING))));
        UI.getCurrent().navigate("figures");
        assertThat(getCurrentView()).isInstanceOf(SecondFactorView.class);
        SecondFactorView view = (SecondFactorView) getCurrentView();
        test(view.code).setValue("000000");
        test(view.verify).click();
        assertThat(view.code.isInvalid()).isTrue();
        assertThat(view.code.getErrorMessage()).startsWith("The code is not correct");
    }

    @Test
    @WithUserDetails("admin")
    void aRoleThatRequiresItSendsItsUsersToSetItUp() {
        try {
            accounts.setTotpRequired(Role.ADMIN, true);
            UI.getCurrent().navigate("figures");
            assertThat(getCurrentView()).isInstanceOf(TwoFactorView.class);
            TwoFactorView view = (TwoFactorView) getCurrentView();
            assertThat(view.status.getText()).isEqualTo("Your role requires two-factor sign-in. Set it up before you go on.");
            test(view.start).click();
            assertThat(view.secret.getText()).matches("[A-Z2-7]{32}");
            assertThat(view.link.getText()).startsWith("otpauth://totp/Tuopin:admin?secret=" + view.secret.getText());
        } finally {
            jdbc.sql("update role_policy set totp_required = false").update();
        }
    }
}
