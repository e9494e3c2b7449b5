package org.tuopin.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.TuopinTest;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
class ChangePasswordViewTest extends SpringBrowserlessTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.tuopin.security.AccountService accounts;
    @Autowired
    jakarta.persistence.EntityManager entities;

    @Test
    @WithUserDetails("clerk.nujiang")
    @Transactional
    void aUserWithAOneTimePasswordIsSentToTheFormAndShownWhatIsWrong() {
        jdbc.sql("update account set must_change_password = true where username = 'clerk.nujiang'").update();
        entities.clear(); // the opening navigation loaded the account into this test's persistence context
        assertThat(accounts.mustChangePassword()).isTrue();
        navigate("figures", ChangePasswordView.class);
        ChangePasswordView view = (ChangePasswordView) getCurrentView();
        assertThat(view.forced.isVisible()).isTrue();

        test(view.current).setValue("tuopin-demo-2020");
        test(view.chosen).setValue("short");
        test(view.repeated).setValue("short");
        test(view.save).click();
        assertThat(view.chosen.isInvalid()).isTrue();
        assertThat(view.chosen.getErrorMessage()).isEqualTo("The password must have at least 12 characters.");

        test(view.chosen).setValue("nujiang river valley 2020");
        test(view.repeated).setValue("nujiang river valley 2021");
        test(view.save).click();
        assertThat(view.repeated.getErrorMessage()).isEqualTo("The two new passwords are not the same.");

        test(view.repeated).setValue("nujiang river valley 2020");
        test(view.save).click();
        assertThat(jdbc.sql("select must_change_password from account where username = 'clerk.nujiang'")
                .query(Boolean.class).single()).isFalse();
        com.vaadin.flow.component.UI.getCurrent().navigate("figures");
        assertThat(getCurrentView().getClass().getSimpleName()).isEqualTo("FiguresView");
    }
}
