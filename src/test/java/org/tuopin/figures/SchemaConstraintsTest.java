package org.tuopin.figures;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.TuopinTest;

/** The database is the second fence: it refuses what the services should never let through. */
@TuopinTest
@Transactional
class SchemaConstraintsTest {

    @Autowired
    JdbcClient jdbc;

    private long draftReport(String regionCode, int year) {
        return jdbc.sql("""
                        insert into yearly_report(region_id, year, state, created_by, updated_by)
                        values ((select id from region where code = :code), :year, 'DRAFT', 'test', 'test') returning id""")
                .param("code", regionCode).param("year", year).query(Long.class).single();
    }

    /** Runs a statement that the database must refuse, inside a savepoint so the test transaction goes on. */
    private void assertRefused(Runnable statement) {
        jdbc.sql("savepoint refused").update();
        assertThatThrownBy(statement::run).isInstanceOf(DataIntegrityViolationException.class);
        jdbc.sql("rollback to savepoint refused").update();
    }

    private void insertValue(long report, String metric, String unit, String value) {
        jdbc.sql("insert into figure_value(report_id, year, metric, kind, value, unit) "
                        + "values (:r, (select year from yearly_report where id = :r), :m, 'actual', :v::numeric, :u)")
                .param("r", report).param("m", metric).param("v", value).param("u", unit).update();
    }

    @Test
    void negativeCountsAndMoneyAreRefused() {
        long report = draftReport("513431", 2016);
        assertRefused(() -> insertValue(report, "people_lifted_out", "persons", "-1"));
        assertRefused(() -> insertValue(report, "funds_total", "RMB", "-100"));
    }

    @Test
    void incidenceMustLieBetweenZeroAndHundred() {
        long report = draftReport("513432", 2016);
        assertRefused(() -> insertValue(report, "poverty_incidence", "percent", "100.01"));
        assertThatCode(() -> insertValue(report, "poverty_incidence", "percent", "100")).doesNotThrowAnyException();
    }

    @Test
    void peopleAreWholeAndEachMetricHasItsOwnUnit() {
        long report = draftReport("513434", 2016);
        assertRefused(() -> insertValue(report, "poor_population", "persons", "10.5"));
        assertRefused(() -> insertValue(report, "poor_population", "RMB", "10"));
    }

    @Test
    void aMetricIsReportedOncePerKindAndAReportOncePerRegionAndYear() {
        long report = draftReport("513435", 2016);
        insertValue(report, "villages_exited", "villages", "3");
        assertRefused(() -> insertValue(report, "villages_exited", "villages", "4"));
        assertRefused(() -> draftReport("513435", 2016));
    }

    @Test
    void aReportBelongsToExactlyOneRegionOrGroup() {
        assertRefused(() -> jdbc.sql("""
                insert into yearly_report(region_id, group_id, year, state, created_by, updated_by)
                values ((select id from region where code = 'CN'), (select id from region_group limit 1), 2016, 'DRAFT', 't', 't')""")
                .update());
        assertRefused(() -> jdbc.sql("""
                insert into yearly_report(year, state, created_by, updated_by) values (2016, 'DRAFT', 't', 't')""")
                .update());
    }
}
