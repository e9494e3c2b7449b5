package org.tuopin.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.figures.ReportModels.ValueInput;

/** Without a test transaction around it: a refused Submit must leave nothing behind in the database. */
@TuopinTest
class SubmissionAtomicityTest {

    @Autowired
    ReportService reports;
    @Autowired
    JdbcClient jdbc;

    private int reportsOf2020() {
        return jdbc.sql("select count(*) from yearly_report yr join region r on r.id = yr.region_id "
                + "where r.code = '513400' and yr.year = 2020").query(Integer.class).single();
    }

    @AfterEach
    void cleanUp() {
        jdbc.sql("delete from yearly_report where year = 2020 and region_id = (select id from region where code = '513400')")
                .update();
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aRefusedSubmissionLeavesNothingSaved() {
        long auditBefore = jdbc.sql("select count(*) from audit_entry").query(Long.class).single();
        assertThatThrownBy(() -> reports.saveAndSubmit("513400", 2020, 0, List.of(new ValueInput(
                Metric.PEOPLE_LIFTED_OUT, ValueKind.ACTUAL, new BigDecimal("50000"), "office", null)), null))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.explanationMissing()).isTrue());
        assertThat(reportsOf2020()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_entry").query(Long.class).single()).isEqualTo(auditBefore);
    }
}
