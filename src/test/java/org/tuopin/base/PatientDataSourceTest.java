package org.tuopin.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.tuopin.TuopinTest;

/**
 * A request that finds every connection in use waits for one far longer than the pool's own time-out, and when it
 * finally gives up it is told "busy", not "database unavailable"; a database that cannot be reached is still
 * reported after the pool's short time-out.
 */
@TuopinTest
class PatientDataSourceTest {

    @Autowired
    EmbeddedPostgres postgres;
    @Autowired
    DataSource application;

    private HikariDataSource pool(String url, int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(0);
        pool.setConnectionTimeout(250);
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    @Test
    void theApplicationsPoolIsSizedForAHundredUsersAndWaitsPatiently() throws SQLException {
        assertThat(application).isInstanceOf(PatientDataSource.class);
        HikariDataSource hikari = application.unwrap(HikariDataSource.class);
        assertThat(hikari.getMaximumPoolSize()).isEqualTo(30);
        assertThat(hikari.getConnectionTimeout()).isEqualTo(5000);
    }

    @Test
    void aBusyPoolKeepsTheRequestWaitingUntilAConnectionIsFree() throws Exception {
        try (HikariDataSource hikari = pool(postgres.getJdbcUrl("postgres", "postgres"), 1);
             PatientDataSource patient = new PatientDataSource(hikari, Duration.ofSeconds(10))) {
            Connection held = patient.getConnection();
            CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
                try (Connection c = patient.getConnection()) {
                    return c.isValid(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // four of the pool's own time-outs pass; the second request is still waiting, not failed
            Thread.sleep(1000);
            assertThat(waiter).isNotDone();
            held.close();
            assertThat(waiter.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aPoolBusyForTheWholeWaitAnswersBusyNotUnavailable() throws Exception {
        try (HikariDataSource hikari = pool(postgres.getJdbcUrl("postgres", "postgres"), 1);
             PatientDataSource patient = new PatientDataSource(hikari, Duration.ofMillis(800));
             Connection held = patient.getConnection()) {
            assertThat(held.isValid(1)).isTrue();
            long start = System.nanoTime();
            Throwable failure = catchFailure(patient);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
            assertThat(DatabaseUnavailable.busy(failure)).isTrue();
            assertThat(DatabaseUnavailable.causedBy(failure)).isFalse();
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsReportedAfterThePoolsShortTimeout() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (HikariDataSource hikari = pool("jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres", 2);
             PatientDataSource patient = new PatientDataSource(hikari, Duration.ofSeconds(30))) {
            long start = System.nanoTime();
            Throwable failure = catchFailure(patient);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(DatabaseUnavailable.causedBy(failure)).isTrue();
            assertThat(DatabaseUnavailable.busy(failure)).isFalse();
        }
    }

    /** What a service would see: Spring's translation of the pool's failure. */
    private static Throwable catchFailure(DataSource ds) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> DataSourceUtils.getConnection(ds).close())
                .isInstanceOf(CannotGetJdbcConnectionException.class)
                .satisfies(t -> caught[0] = t);
        return caught[0];
    }
}
