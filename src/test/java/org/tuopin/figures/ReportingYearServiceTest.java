package org.tuopin.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tuopin.SignIn;
import org.tuopin.TestAccounts;
import org.tuopin.TuopinTest;
import org.tuopin.base.NotFoundException;
import org.tuopin.figures.ReportModels.ValueInput;
import org.tuopin.figures.ReportingYearService.ReportingYear;
import org.tuopin.figures.ReportingYearService.YearException;

/**
 * Reporting years as administrators of different reach change them (DD023): the country opens and closes years,
 * a province lets its own regions into a closed year, two administrators on the same year or exception see the
 * second refused as stale, and every change and refusal is in the audit trail. No test transaction: each call
 * commits or rolls back on its own, as in the running app.
 */
@TuopinTest
class ReportingYearServiceTest {

    static final String PROVINCIAL = "years.sichuan";
    static final String SECOND_NATIONAL = "years.national";
    static final int YEAR = 2019;
    static final String LIANGSHAN = "513400";

    @Autowired
    ReportingYearService years;
    @Autowired
    ReportService reports;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;

    private Instant start;

    @BeforeEach
    void administrators() {
        start = jdbc.sql("select clock_timestamp()").query(Timestamp.class).single().toInstant();
        TestAccounts.add(jdbc, PROVINCIAL, "ADMIN", "510000");
        TestAccounts.add(jdbc, SECOND_NATIONAL, "ADMIN", "CN");
    }

    @AfterEach
    void putBack() {
        jdbc.sql("delete from reporting_year_exception where year = :y").param("y", YEAR).update();
        jdbc.sql("update reporting_year set open = false where year = :y").param("y", YEAR).update();
        jdbc.sql("delete from reporting_year where year = 2033").update();
        jdbc.sql("delete from yearly_report where year = :y and state = 'DRAFT' and created_by = 'clerk.liangshan'").param("y", YEAR).update();
        jdbc.sql("delete from account where username in (:u)").param("u", List.of(PROVINCIAL, SECOND_NATIONAL)).update();
    }

    private <T> T as(String username, Supplier<T> action) {
        return SignIn.as(users, username, action);
    }

    private void as(String username, Runnable action) {
        SignIn.as(users, username, () -> {
            action.run();
            return null;
        });
    }

    private ReportingYear year(int year) {
        return as("admin", () -> years.years().stream().filter(y -> y.year() == year).findFirst().orElseThrow());
    }

    private List<String> audited(String entityId) {
        return jdbc.sql("""
                        select action || ' ' || account || coalesce(' ' || changes, '') from audit_entry
                        where entity_type = 'reporting_year' and entity_id = :id and at >= :start order by seq""")
                .param("id", entityId).param("start", Timestamp.from(start)).query(String.class).list();
    }

    @Test
    void aProvincialAdministratorCannotOpenOrCloseAYearForTheCountry() {
        ReportingYear closed = year(YEAR);
        assertThatThrownBy(() -> as(PROVINCIAL, () -> years.setOpen(YEAR, closed.version(), true)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(PROVINCIAL, () -> years.addYear(2033, true)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(year(YEAR).open()).isFalse();
        assertThat(as(PROVINCIAL, () -> years.mayOpenAndClose())).isFalse();
        assertThat(as("admin", () -> years.mayOpenAndClose())).isTrue();

        as("admin", () -> years.setOpen(YEAR, closed.version(), true));
        assertThat(year(YEAR).open()).isTrue();
        assertThat(year(YEAR).version()).isEqualTo(closed.version() + 1);
        assertThat(audited(String.valueOf(YEAR))).singleElement().asString().startsWith("UPDATE admin")
                .contains("open");
    }

    @Test
    void aProvincialAdministratorOpensAClosedYearForTheProvinceOnlyAndEndsItAgain() {
        as(PROVINCIAL, () -> years.grantException("510000", YEAR, LocalDate.now().plusDays(5), "late census", 0));
        // Sichuan's county enters 2019; Yunnan's does not
        assertThat(as("clerk.liangshan", () -> reports.saveDraft("513431", YEAR, 0, List.of(value("1200")))).state())
                .isEqualTo(ReportState.DRAFT);
        assertThatThrownBy(() -> as("clerk.nujiang", () -> reports.saveDraft("533301", YEAR, 0, List.of(value("10")))))
                .isInstanceOf(ReportLocked.class);
        // another province, or the country, is not theirs: not found, like a region that does not exist
        assertThatThrownBy(() -> as(PROVINCIAL, () -> years.grantException("530000", YEAR,
                LocalDate.now().plusDays(5), "late census", 0))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(PROVINCIAL, () -> years.grantException("CN", YEAR,
                LocalDate.now().plusDays(5), "late census", 0))).isInstanceOf(NotFoundException.class);

        YearException granted = as(PROVINCIAL, () -> years.exceptions()).stream()
                .filter(x -> x.regionCode().equals("510000") && x.year() == YEAR).findFirst().orElseThrow();
        assertThat(granted.version()).isEqualTo(1);
        as(PROVINCIAL, () -> years.endException("510000", YEAR, granted.version(), "census data arrived"));
        assertThatThrownBy(() -> as("clerk.liangshan", () -> reports.saveDraft("513432", YEAR, 0,
                List.of(value("5"))))).isInstanceOf(ReportLocked.class);
        assertThat(audited(YEAR + "/510000")).satisfiesExactly(
                created -> assertThat(created).startsWith("CREATE " + PROVINCIAL).contains("exceptionUntil"),
                ended -> assertThat(ended).startsWith("DELETE " + PROVINCIAL).contains("exceptionUntil"));
        assertThat(jdbc.sql("""
                        select reason from audit_entry where entity_id = :id and action = 'DELETE' and at >= :start""")
                .param("id", YEAR + "/510000").param("start", Timestamp.from(start)).query(String.class).single())
                .isEqualTo("census data arrived");
    }

    @Test
    void theSecondOfTwoAdministratorsChangingTheSameYearIsRefusedAsStale() {
        ReportingYear seen = year(YEAR);
        as("admin", () -> years.setOpen(YEAR, seen.version(), true));
        // the second administrator still sees it closed, at the old version: their change is refused, not merged
        assertThatThrownBy(() -> as(SECOND_NATIONAL, () -> years.setOpen(YEAR, seen.version(), false)))
                .isInstanceOf(ObjectOptimisticLockingFailureException.class);
        assertThat(year(YEAR).open()).as("the first change stands").isTrue();
        assertThat(audited(String.valueOf(YEAR))).satisfiesExactly(
                first -> assertThat(first).startsWith("UPDATE admin"),
                refused -> assertThat(refused).startsWith("STALE_REFUSED " + SECOND_NATIONAL)
                        .contains(String.valueOf(seen.version()), String.valueOf(seen.version() + 1)));
    }

    @Test
    void theSecondOfTwoAdministratorsChangingTheSameExceptionIsRefusedAsStale() {
        as(PROVINCIAL, () -> years.grantException(LIANGSHAN, YEAR, LocalDate.now().plusDays(5), "late", 0));
        // both saw version 1; the national administrator moves the date first
        as("admin", () -> years.grantException(LIANGSHAN, YEAR, LocalDate.now().plusDays(20), "later", 1));
        assertThatThrownBy(() -> as(PROVINCIAL, () -> years.endException(LIANGSHAN, YEAR, 1, "done")))
                .isInstanceOf(ObjectOptimisticLockingFailureException.class);
        // and one who saw no exception cannot grant over one that was granted meanwhile
        assertThatThrownBy(() -> as(PROVINCIAL, () -> years.grantException(LIANGSHAN, YEAR,
                LocalDate.now().plusDays(2), "sooner", 0))).isInstanceOf(ObjectOptimisticLockingFailureException.class);
        YearException standing = as("admin", () -> years.exceptions()).stream()
                .filter(x -> x.regionCode().equals(LIANGSHAN) && x.year() == YEAR).findFirst().orElseThrow();
        assertThat(standing.until()).isEqualTo(LocalDate.now().plusDays(20));
        assertThat(standing.version()).isEqualTo(2);
        assertThat(audited(YEAR + "/" + LIANGSHAN)).extracting(e -> e.substring(0, e.indexOf(' ')))
                .containsExactly("CREATE", "UPDATE", "STALE_REFUSED", "STALE_REFUSED");
    }

    private static ValueInput value(String number) {
        return new ValueInput(Metric.PEOPLE_RELOCATED, ValueKind.ACTUAL, new BigDecimal(number), "county office", null);
    }
}
