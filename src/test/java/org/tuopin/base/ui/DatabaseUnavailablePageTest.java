package org.tuopin.base.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.SQLException;
import java.util.Locale;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.Location;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.CannotCreateTransactionException;
import org.tuopin.TuopinTest;

/**
 * While the database is down, a page that cannot open says so in the reader's language (503), an action that
 * fails says so in a notification, and anything else unexpected gets a reference instead of a stack trace (500).
 * The outage itself, with the real server and a killed PostgreSQL, is in {@code reliability.CrashRecoveryTest}.
 */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class DatabaseUnavailablePageTest extends SpringBrowserlessTest {

    @Autowired
    UiErrors errors;

    private static BeforeEnterEvent event() {
        BeforeEnterEvent event = mock(BeforeEnterEvent.class);
        when(event.getLocation()).thenReturn(new Location("figures"));
        return event;
    }

    private static Exception outage() {
        // what Spring throws when Hikari cannot get a connection for a new transaction
        return new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLException("Connection to localhost:5432 refused", "08001")));
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aPageThatCannotReachTheDatabaseSaysSoInEnglishAndChinese() {
        ServerErrorView page = new ServerErrorView();
        int status = page.setErrorParameter(event(), new ErrorParameter<>(Exception.class, outage()));
        assertThat(status).isEqualTo(503);
        assertThat(page.title.getText()).isEqualTo("Database unavailable");
        assertThat(page.text.getText()).startsWith("The database cannot be reached at the moment")
                .doesNotContain("JDBC", "Exception", "localhost");

        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        ServerErrorView chinese = new ServerErrorView();
        chinese.setErrorParameter(event(), new ErrorParameter<>(Exception.class, outage()));
        assertThat(chinese.title.getText()).isEqualTo("数据库不可用");
        assertThat(chinese.text.getText()).startsWith("目前无法连接数据库");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void anActionThatCannotReachTheDatabaseSaysSo() {
        assertThat(errors.messageFor(outage())).startsWith("The database cannot be reached at the moment");
        assertThat(errors.messageFor(new RuntimeException(new SQLException("terminating connection due to "
                + "administrator command", "57P01")))).startsWith("The database cannot be reached");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void anyOtherFailureGetsAReferenceNotAStackTrace() {
        ServerErrorView page = new ServerErrorView();
        int status = page.setErrorParameter(event(),
                new ErrorParameter<>(Exception.class, new IllegalStateException("column x does not exist")));
        assertThat(status).isEqualTo(500);
        assertThat(page.title.getText()).isEqualTo("Something went wrong");
        assertThat(page.text.getText()).containsPattern("reference [0-9a-f]{8}").doesNotContain("column x");
    }
}
