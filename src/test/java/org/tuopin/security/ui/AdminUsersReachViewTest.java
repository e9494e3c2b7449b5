package org.tuopin.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tuopin.SignIn;
import org.tuopin.TestAccounts;
import org.tuopin.TuopinTest;
import org.tuopin.access.Role;

/** The accounts page of a provincial administrator: the province's accounts, and no national role policy (DD023). */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class AdminUsersReachViewTest extends SpringBrowserlessTest {

    static final String PROVINCIAL = "usersview.sichuan";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserDetailsService users;

    @BeforeEach
    void provincialAdministrator() {
        TestAccounts.add(jdbc, PROVINCIAL, "ADMIN", "510000");
    }

    @AfterEach
    void remove() {
        jdbc.sql("delete from account where username = :u").param("u", PROVINCIAL).update();
    }

    @Test
    void theProvincialAdministratorSeesTheProvinceAndNoNationalPolicy() {
        SignIn.as(users, PROVINCIAL);
        AdminUsersView view = navigate(AdminUsersView.class);
        var grid = test(view.grid);
        assertThat(IntStream.range(0, grid.size()).mapToObj(i -> grid.getRow(i).username()))
                .contains("clerk.liangshan").doesNotContain("admin", "clerk.nujiang");
        assertThat(view.totpRequired.get(Role.AUDITOR).getParent().orElseThrow().isVisible()).isFalse();
    }

    @Test
    void theNationalAdministratorSetsThePolicy() {
        SignIn.as(users, "admin");
        AdminUsersView view = navigate(AdminUsersView.class);
        assertThat(view.totpRequired.get(Role.AUDITOR).getParent().orElseThrow().isVisible()).isTrue();
    }
}
