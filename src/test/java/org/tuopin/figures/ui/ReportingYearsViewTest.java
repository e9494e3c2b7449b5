package org.tuopin.figures.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.notification.Notification;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tuopin.SignIn;
import org.tuopin.TestAccounts;
import org.tuopin.TuopinTest;
import org.tuopin.figures.ReportingYearService;

/**
 * The reporting years page: an administrator whose change comes after someone else's is told so and reloads,
 * and a provincial administrator is not offered the national open and close (DD023).
 */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class ReportingYearsViewTest extends SpringBrowserlessTest {

    static final int YEAR = 2019;
    static final String OTHER_NATIONAL = "yearsview.national";
    static final String PROVINCIAL = "yearsview.sichuan";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserDetailsService users;
    @Autowired
    ReportingYearService years;

    @BeforeEach
    void administrators() {
        TestAccounts.add(jdbc, OTHER_NATIONAL, "ADMIN", "CN");
        TestAccounts.add(jdbc, PROVINCIAL, "ADMIN", "510000");
    }

    /** No test transaction: each click commits or is refused on its own, as in the running app. */
    @AfterEach
    void putBack() {
        jdbc.sql("update reporting_year set open = false where year = :y").param("y", YEAR).update();
        jdbc.sql("delete from account where username in (:u)").param("u", List.of(OTHER_NATIONAL, PROVINCIAL)).update();
    }

    private ReportingYearsView open() {
        UI.getCurrent().navigate("admin/years");
        return (ReportingYearsView) getCurrentView();
    }

    private int row(ReportingYearsView view, int year) {
        var grid = test(view.years);
        return IntStream.range(0, grid.size()).filter(i -> grid.getRow(i).year() == year).findFirst().orElseThrow();
    }

    private List<String> notifications() {
        return find(Notification.class).all().stream().map(n -> n.getElement().getProperty("text", "")).toList();
    }

    @Test
    void theSecondAdministratorIsToldTheYearChangedMeanwhileAndReloads() {
        SignIn.as(users, "admin");
        ReportingYearsView view = open();
        int at = row(view, YEAR);
        assertThat(test(view.years).getCellText(at, 1)).isEqualTo("Closed");
        assertThat(view.reload.isVisible()).isFalse();

        // another national administrator opens 2019 while this page still shows it closed
        SignIn.as(users, OTHER_NATIONAL, () -> {
            long version = years.years().stream().filter(y -> y.year() == YEAR).findFirst().orElseThrow().version();
            years.setOpen(YEAR, version, true);
            return null;
        });
        SignIn.as(users, "admin");
        Button toggle = (Button) test(view.years).getCellComponent(at, 2);
        assertThat(toggle.getText()).isEqualTo("Open");
        test(toggle).click();

        assertThat(notifications()).anySatisfy(t -> assertThat(t).startsWith("Someone else changed this year"));
        assertThat(view.stale.isVisible()).isTrue();
        assertThat(view.reload.isVisible()).isTrue();
        assertThat(jdbc.sql("select open from reporting_year where year = :y").param("y", YEAR)
                .query(Boolean.class).single()).as("their change stands").isTrue();

        test(view.reload).click();
        assertThat(view.reload.isVisible()).isFalse();
        assertThat(test(view.years).getCellText(row(view, YEAR), 1)).isEqualTo("Open");
        Button close = (Button) test(view.years).getCellComponent(row(view, YEAR), 2);
        assertThat(close.getText()).isEqualTo("Close");
        test(close).click();
        assertThat(jdbc.sql("select open from reporting_year where year = :y").param("y", YEAR)
                .query(Boolean.class).single()).as("after reloading, the change goes through").isFalse();
    }

    @Test
    void aProvincialAdministratorGrantsExceptionsButIsNotOfferedTheNationalSwitch() {
        SignIn.as(users, PROVINCIAL);
        ReportingYearsView view = open();
        assertThat(view.years.getColumns()).as("no open/close column").hasSize(2);
        assertThat(view.addYear.getParent().orElseThrow().isVisible()).isFalse();
        assertThat(view.nationalOnly.isVisible()).isTrue();
        assertThat(view.grant.isVisible()).isTrue();
    }
}
