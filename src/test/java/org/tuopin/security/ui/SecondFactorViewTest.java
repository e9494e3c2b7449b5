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
import org.tuopin.access.Role;
import org.tuopin.security.AccountService;

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
                        org.tuopin.access.SecondFactor.PENDING))));
        UI.getCurrent().navigate("figures");
        assertThat(getCurrentView()).isInstanceOf(SecondFactorView.class);
        SecondFactorView view = (SecondFactorView) getCurrentView();
        test(view.code).setValue("000000");
        test(view.verify).click();
        assertThat(view.code.isInvalid()).isTrue();
        assertThat(view.code.getErrorMessage()).startsWith("The code is not correct");
    }

    @org.junit.jupiter.api.AfterEach
    void forgetWrongCodes() {
        jdbc.sql("delete from second_factor_failure where account_id = (select id from account where username = 'clerk.liangshan')")
                .update();
        jdbc.sql("update account set locked_until = null, totp_secret = null where username = 'clerk.liangshan'").update();
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void fiveWrongCodesEndTheWaitingSignInAndSayTheAccountIsLockedUntilWhen() {
        var user = users.loadUserByUsername("clerk.liangshan");
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user,
                null, java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(
                        org.tuopin.access.SecondFactor.PENDING))));
        UI.getCurrent().navigate("figures");
        SecondFactorView view = (SecondFactorView) getCurrentView();
        for (int i = 0; i < 5; i++) {
            test(view.code).setValue("000000");
            test(view.verify).click();
        }
        assertThat(view.prompt.getText()).startsWith("Too many wrong codes: your account is locked until ")
                .endsWith("Try again then, or ask an administrator to unlock it.");
        assertThat(view.code.isVisible()).isFalse();
        assertThat(view.cancel.getText()).isEqualTo("Back to sign-in");
        assertThat(SecurityContextHolder.getContext().getAuthentication()).as("the waiting sign-in is over").isNull();
        assertThat(jdbc.sql("select locked_until > now() from account where username = 'clerk.liangshan'")
                .query(Boolean.class).single()).isTrue();
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
