package org.tuopin.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.figures.ReportModels.Report;
import org.tuopin.figures.ReportModels.ReportKey;
import org.tuopin.figures.ReportModels.ValueInput;
import org.tuopin.figures.rules.Finding;
import org.tuopin.figures.rules.ValueKey;

/** The review loop as the issue tells it, through the services, for Liangshan's 2020 report. */
@TuopinTest
@Transactional
class ReportWorkflowTest {

    @Autowired
    ReportService reports;
    @Autowired
    BulkReviewService bulk;
    @Autowired
    ReportingYearService years;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;

    private <T> T as(String username, Supplier<T> action) {
        return SignIn.as(users, username, action);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private long auditEntries() {
        return jdbc.sql("select count(*) from audit_entry where entity_type = 'report' and entity_id = '513400/2020'")
                .query(Long.class).single();
    }

    static ValueInput value(Metric metric, String value) {
        return new ValueInput(metric, ValueKind.ACTUAL, value == null ? null : new BigDecimal(value), "Liangshan office",
                null);
    }

    @Test
    void anOfficeEntersSubmitsAndASupervisorReturnsAndApproves() {
        long auditBefore = auditEntries();
        Report empty = as("clerk.liangshan", () -> reports.get("513400", 2020));
        assertThat(empty.state()).isNull();
        assertThat(empty.version()).isZero();
        assertThat(empty.previousYear()).containsEntry(ValueKey.actual(Metric.PEOPLE_LIFTED_OUT), new BigDecimal("141000.00"));

        // an error: the funds by source add up to more than the total; nothing is stored
        assertThatThrownBy(() -> as("clerk.liangshan", () -> reports.saveDraft("513400", 2020, 0, List.of(
                value(Metric.FUNDS_TOTAL, "1000000"), value(Metric.FUNDS_CENTRAL, "2000000")))))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.findings()).extracting(Finding::ruleId)
                        .contains("E-FUNDS-EXCEED-TOTAL"));
        assertThat(as("clerk.liangshan", () -> reports.get("513400", 2020)).state()).isNull();

        // fixed; a fall of more than half in people lifted out is only a warning for a draft
        Report draft = as("clerk.liangshan", () -> reports.saveDraft("513400", 2020, 0, List.of(
                value(Metric.FUNDS_TOTAL, "1000000"), value(Metric.FUNDS_CENTRAL, "600000"),
                value(Metric.PEOPLE_LIFTED_OUT, "50000"))));
        assertThat(draft.state()).isEqualTo(ReportState.DRAFT);
        assertThat(draft.findings()).extracting(Finding::ruleId).contains("W-CHANGE-OVER-50");

        // submitting needs an explanation for the warning
        assertThatThrownBy(() -> as("clerk.liangshan", () -> reports.submit("513400", 2020, draft.version(), " ")))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.explanationMissing()).isTrue());
        Report submitted = as("clerk.liangshan", () -> reports.submit("513400", 2020, draft.version(),
                "The last 50,000 people were lifted out in 2020; the larger cohorts left in 2019."));
        assertThat(submitted.state()).isEqualTo(ReportState.SUBMITTED);
        assertThat(submitted.transitions().getLast().explanation()).startsWith("The last 50,000");

        // the supervisor sees it waiting, returns it with a reason, the office sees the reason
        assertThat(as("supervisor.sichuan", () -> reports.inbox())).anySatisfy(i -> {
            assertThat(i.regionCode()).isEqualTo("513400");
            assertThat(i.year()).isEqualTo(2020);
        });
        assertThatThrownBy(() -> as("supervisor.sichuan", () -> reports.returnReport("513400", 2020,
                submitted.version(), ""))).isInstanceOf(org.tuopin.base.UserError.class);
        Report returned = as("supervisor.sichuan", () -> reports.returnReport("513400", 2020, submitted.version(),
                "Give the source of the central funds."));
        assertThat(returned.state()).isEqualTo(ReportState.RETURNED);
        assertThat(as("clerk.liangshan", () -> reports.inbox())).anySatisfy(i ->
                assertThat(i.lastReason()).isEqualTo("Give the source of the central funds."));
        // the menu's badge counts the same list
        assertThat(as("clerk.liangshan", () -> reports.inboxCount()))
                .isEqualTo(as("clerk.liangshan", () -> reports.inbox()).size()).isPositive();
        assertThat(as("clerk.nujiang", () -> reports.inboxCount())).isZero();

        // corrected and resubmitted, then approved: locked
        Report corrected = as("clerk.liangshan", () -> reports.saveDraft("513400", 2020, returned.version(), List.of(
                new ValueInput(Metric.FUNDS_CENTRAL, ValueKind.ACTUAL, new BigDecimal("600000"), "Sichuan finance bureau",
                        null))));
        Report resubmitted = as("clerk.liangshan", () -> reports.submit("513400", 2020, corrected.version(),
                "As before: the last cohort."));
        Report approved = as("supervisor.sichuan", () -> reports.approve("513400", 2020, resubmitted.version()));
        assertThat(approved.state()).isEqualTo(ReportState.APPROVED);
        assertThatThrownBy(() -> as("clerk.liangshan", () -> reports.saveDraft("513400", 2020, approved.version(),
                List.of(value(Metric.FUNDS_TOTAL, "2000000")))))
                .isInstanceOfSatisfying(ReportLocked.class, e -> assertThat(e.messageKey()).isEqualTo("report.locked.approved"));
        assertThat(as("clerk.liangshan", () -> reports.get("513400", 2020)).editable()).isFalse();

        // reopened with a reason, changed, and the supervisor sees what changed since the approval
        Report reopened = as("supervisor.sichuan", () -> reports.reopen("513400", 2020, approved.version(),
                "The funds total was revised."));
        Report changed = as("clerk.liangshan", () -> reports.saveDraft("513400", 2020, reopened.version(), List.of(
                value(Metric.FUNDS_TOTAL, "1200000"))));
        var changes = as("supervisor.sichuan", () -> reports.get("513400", 2020)).changesSinceApproval();
        assertThat(changes).hasSize(1);
        assertThat(changes.getFirst().key()).isEqualTo(ValueKey.actual(Metric.FUNDS_TOTAL));
        assertThat(changes.getFirst().before()).isEqualByComparingTo("1000000");
        assertThat(changes.getFirst().after()).isEqualByComparingTo("1200000");
        assertThat(changed.transitions()).extracting(ReportModels.Transition::to).containsExactly(ReportState.SUBMITTED,
                ReportState.RETURNED, ReportState.SUBMITTED, ReportState.APPROVED, ReportState.RETURNED);
        assertThat(auditEntries() - auditBefore).as("create, 2 submits, return, correction, approve, reopen, change")
                .isEqualTo(8);
    }

    @Test
    void thePublishedNationalRowOf2019TripsTheContinuityWarning() {
        Report national = as("auditor", () -> reports.get("CN", 2019));
        assertThat(national.findings()).extracting(Finding::ruleId).contains("W-POOR-CONTINUITY");
        assertThat(as("auditor", () -> reports.get("CN", 2018)).findings()).extracting(Finding::ruleId)
                .doesNotContain("W-POOR-CONTINUITY");
    }

    @Test
    void theSecondOfTwoConcurrentEditsIsRefusedAndTheFirstKept() {
        Report first = as("clerk.liangshan", () -> reports.saveDraft("513431", 2020, 0, List.of(
                value(Metric.PEOPLE_RELOCATED, "1200"))));
        Report second = as("clerk.liangshan", () -> reports.saveDraft("513431", 2020, first.version(), List.of(
                value(Metric.PEOPLE_RELOCATED, "1300"))));
        assertThatThrownBy(() -> as("clerk.liangshan", () -> reports.saveDraft("513431", 2020, first.version(),
                List.of(value(Metric.PEOPLE_RELOCATED, "9999")))))
                .isInstanceOf(ObjectOptimisticLockingFailureException.class);
        assertThat(as("clerk.liangshan", () -> reports.get("513431", 2020)).value(ValueKey.actual(Metric.PEOPLE_RELOCATED))
                .value()).isEqualByComparingTo("1300");
        assertThat(second.version()).isGreaterThan(first.version());
    }

    @Test
    void aClosedYearRefusesEntriesUntilAnExceptionIsGranted() {
        assertThatThrownBy(() -> as("clerk.liangshan", () -> reports.saveDraft("513431", 2019, 0, List.of(
                value(Metric.PEOPLE_RELOCATED, "1200")))))
                .isInstanceOfSatisfying(ReportLocked.class, e -> assertThat(e.messageKey()).isEqualTo("report.locked.yearClosed"));
        as("admin", () -> {
            years.grantException("513400", 2019, LocalDate.now().plusDays(30), "Late census data for Liangshan", 0);
            return null;
        });
        Report saved = as("clerk.liangshan", () -> reports.saveDraft("513431", 2019, 0, List.of(
                value(Metric.PEOPLE_RELOCATED, "1200"))));
        assertThat(saved.state()).isEqualTo(ReportState.DRAFT);
        assertThatThrownBy(() -> as("clerk.nujiang", () -> reports.saveDraft("533301", 2019, 0, List.of(
                value(Metric.PEOPLE_RELOCATED, "10"))))).isInstanceOf(ReportLocked.class);
        as("admin", () -> {
            years.setOpen(2019, years.years().stream().filter(y -> y.year() == 2019).findFirst().orElseThrow().version(),
                    true);
            return null;
        });
        assertThat(as("clerk.nujiang", () -> reports.saveDraft("533301", 2019, 0, List.of(
                value(Metric.PEOPLE_RELOCATED, "10")))).state()).isEqualTo(ReportState.DRAFT);
    }

    @Test
    void valuesKeepTheirPrecisionOrAreRefused() {
        assertThatThrownBy(() -> as("clerk.liangshan", () -> reports.saveDraft("513431", 2020, 0, List.of(
                value(Metric.POVERTY_INCIDENCE, "1.234")))))
                .isInstanceOfSatisfying(org.tuopin.base.UserError.class,
                        e -> assertThat(e.messageKey()).isEqualTo("report.error.twoDecimals"));
        assertThatThrownBy(() -> as("clerk.liangshan", () -> reports.saveDraft("513431", 2020, 0, List.of(
                value(Metric.PEOPLE_RELOCATED, "10.5")))))
                .isInstanceOfSatisfying(org.tuopin.base.UserError.class,
                        e -> assertThat(e.messageKey()).isEqualTo("report.error.wholeNumber"));
        Report saved = as("clerk.liangshan", () -> reports.saveDraft("513431", 2020, 0, List.of(
                value(Metric.POVERTY_INCIDENCE, "1.25"), value(Metric.PEOPLE_RELOCATED, "0"))));
        assertThat(saved.value(ValueKey.actual(Metric.PEOPLE_RELOCATED)).value()).isEqualByComparingTo("0");
        Report removed = as("clerk.liangshan", () -> reports.saveDraft("513431", 2020, saved.version(), List.of(
                value(Metric.PEOPLE_RELOCATED, null))));
        assertThat(removed.value(ValueKey.actual(Metric.PEOPLE_RELOCATED))).as("empty is not zero").isNull();
    }

    @Test
    void commentsAndFollowUpFlagsAreSharedByBothSides() {
        as("clerk.liangshan", () -> reports.comment("513400", 2018, "Is the 2018 incidence before or after the census?"));
        Report seen = as("supervisor.sichuan", () -> reports.comment("513400", 2018, "After; see Suga 2019."));
        assertThat(seen.comments()).extracting(ReportModels.Comment::account)
                .containsExactly("clerk.liangshan", "supervisor.sichuan");
        as("supervisor.sichuan", () -> reports.setFollowUp("513400", 2018, Metric.POVERTY_INCIDENCE, ValueKind.ACTUAL,
                true));
        assertThat(as("clerk.liangshan", () -> reports.get("513400", 2018))
                .value(ValueKey.actual(Metric.POVERTY_INCIDENCE)).followUp()).isTrue();
        // the conversation and the marks are in the audit trail, each with who and what
        List<String> audited = jdbc.sql("""
                        select action || ' ' || account || ' ' || changes from audit_entry
                        where entity_type = 'report' and entity_id = '513400/2018' order by seq""")
                .query(String.class).list();
        assertThat(audited).hasSizeGreaterThanOrEqualTo(3);
        assertThat(audited.subList(audited.size() - 3, audited.size())).satisfiesExactly(
                first -> assertThat(first).startsWith("COMMENT clerk.liangshan").contains("comment", "before or after"),
                second -> assertThat(second).startsWith("COMMENT supervisor.sichuan").contains("see Suga 2019"),
                mark -> assertThat(mark).startsWith("UPDATE supervisor.sichuan").contains("poverty_incidence/actual/followUp"));
    }

    @Test
    void bulkApprovalAppliesTheChecksAndRecordsOneTransitionEach() {
        long butuo = submitted("513429");
        long meigu = submitted("513436");
        long draft = as("clerk.liangshan", () -> reports.saveDraft("513437", 2020, 0, List.of(
                value(Metric.PEOPLE_RELOCATED, "5")))).version();
        var results = as("supervisor.sichuan", () -> bulk.approveAll(List.of(new ReportKey("513429", 2020, butuo),
                new ReportKey("513436", 2020, meigu), new ReportKey("513437", 2020, draft))));
        assertThat(results).extracting(ReportModels.BulkResult::done).containsExactly(true, true, false);
        assertThat(results.get(2).problem()).isEqualTo("report.locked.draft");
        for (String code : List.of("513429", "513436")) {
            Report r = as("supervisor.sichuan", () -> reports.get(code, 2020));
            assertThat(r.state()).isEqualTo(ReportState.APPROVED);
            assertThat(r.transitions()).extracting(ReportModels.Transition::to)
                    .containsExactly(ReportState.SUBMITTED, ReportState.APPROVED);
        }
    }

    private long submitted(String code) {
        return as("clerk.liangshan", () -> {
            Report saved = reports.saveDraft(code, 2020, 0, List.of(value(Metric.PEOPLE_RELOCATED, "100")));
            return reports.submit(code, 2020, saved.version(), null).version();
        });
    }
}
