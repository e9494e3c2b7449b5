package org.tuopin.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.audit.AuditVerification;
import org.tuopin.dispatch.DispatchRole;
import org.tuopin.dispatch.DispatchService;
import org.tuopin.dispatch.OfficialRank;
import org.tuopin.dispatch.PostingInput;
import org.tuopin.dispatch.PostingRow;
import org.tuopin.figures.ReportModels.ValueInput;
import org.tuopin.pairing.DonorType;
import org.tuopin.pairing.PairingInput;
import org.tuopin.pairing.PairingService;
import org.tuopin.region.RegionService;
import org.tuopin.security.AccountService;

/**
 * Two people saving the same record at once, and many reviewers and offices acting on the same reports at
 * once: the second save is refused, nothing is lost, both attempts are in the audit trail, the final states
 * follow some serial order and the hash chain still verifies. No test transaction: every action commits or
 * rolls back on its own thread, as in the running app.
 */
@TuopinTest
class ConcurrentEditingTest {

    static final int YEAR = 2020;

    @Autowired
    ReportService reports;
    @Autowired
    AccountService accounts;
    @Autowired
    RegionService regions;
    @Autowired
    AuditVerification verification;
    @Autowired
    PairingService pairings;
    @Autowired
    DispatchService dispatch;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;

    private Instant start;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @BeforeEach
    void remember() {
        start = jdbc.sql("select clock_timestamp()").query(java.sql.Timestamp.class).single().toInstant();
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        SecurityContextHolder.clearContext();
        jdbc.sql("delete from yearly_report where year = 2020 and region_id in (select id from region where code like '5134%')")
                .update();
    }

    private <T> Callable<T> as(String username, Callable<T> action) {
        return () -> {
            SignIn.as(users, username);
            try {
                return action.call();
            } finally {
                SecurityContextHolder.clearContext();
            }
        };
    }

    private List<String> auditActions(String entityType, String entityId) {
        return jdbc.sql("""
                        select action from audit_entry where entity_type = :t and entity_id = :id and at >= :start
                        order by seq""")
                .param("t", entityType).param("id", entityId).param("start", java.sql.Timestamp.from(start))
                .query(String.class).list();
    }

    /** Runs both at the same instant; returns what each gave or threw. */
    private List<Object> race(Callable<?> first, Callable<?> second) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<Object>> futures = new ArrayList<>();
        for (Callable<?> task : List.of(first, second)) {
            futures.add(pool.submit(() -> {
                barrier.await(10, TimeUnit.SECONDS);
                try {
                    return task.call();
                } catch (Exception e) {
                    return e;
                }
            }));
        }
        List<Object> out = new ArrayList<>();
        for (Future<Object> f : futures) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        return out;
    }

    private static Object winner(List<Object> outcomes) {
        assertThat(outcomes).filteredOn(o -> o instanceof ObjectOptimisticLockingFailureException)
                .as("exactly one save is refused as stale: " + outcomes).hasSize(1);
        return outcomes.stream().filter(o -> !(o instanceof Exception)).findFirst().orElseThrow();
    }

    @Test
    void twoClerksSavingTheSameReportAtOnce() throws Exception {
        List<Object> outcomes = race(
                as("clerk.liangshan", () -> reports.saveDraft("513400", YEAR, 0,
                        List.of(new ValueInput(Metric.PEOPLE_RELOCATED, ValueKind.ACTUAL, new BigDecimal("1111"), "A", null)))),
                as("clerk.liangshan", () -> reports.saveDraft("513400", YEAR, 0,
                        List.of(new ValueInput(Metric.PEOPLE_RELOCATED, ValueKind.ACTUAL, new BigDecimal("2222"), "B", null)))));
        ReportModels.Report saved = (ReportModels.Report) winner(outcomes);

        ReportModels.Report now = as("auditor", () -> reports.get("513400", YEAR)).call();
        assertThat(now.version()).isEqualTo(1);
        assertThat(now.values()).singleElement().satisfies(v -> {
            assertThat(v.value()).as("the winner's value, whole").isEqualByComparingTo(saved.values().getFirst().value());
            assertThat(v.source()).isEqualTo(saved.values().getFirst().source());
        });
        assertThat(auditActions("report", "513400/" + YEAR)).containsExactlyInAnyOrder("CREATE", "STALE_REFUSED");
        assertThat(as("auditor", () -> verification.verify()).call().intact()).isTrue();
    }

    @Test
    void twoAdministratorsChangingTheSameAccountAtOnce() throws Exception {
        var row = jdbc.sql("select id, version, password_hash from account where username = 'clerk.nujiang'").query()
                .singleRow();
        long id = ((Number) row.get("id")).longValue();
        long version = ((Number) row.get("version")).longValue();
        try {
            List<Object> outcomes = race(
                    as("admin", () -> {
                        accounts.setEnabled(id, version, false, "left the office");
                        return "disabled";
                    }),
                    as("admin", () -> {
                        accounts.resetPassword(id, version);
                        return "reset";
                    }));
            Object done = winner(outcomes);
            assertThat(auditActions("account", "clerk.nujiang")).hasSize(2).contains("STALE_REFUSED")
                    .contains("disabled".equals(done) ? "ACCOUNT_DISABLED" : "PASSWORD_RESET");
            assertThat(jdbc.sql("select version from account where id = :id").param("id", id).query(Long.class).single())
                    .isEqualTo(version + 1);
        } finally {
            // a reset password would lock the demo account out of every later test
            jdbc.sql("""
                            update account set enabled = true, must_change_password = false, password_hash = :hash
                            where id = :id""").param("hash", row.get("password_hash")).param("id", id).update();
        }
    }

    @Test
    void twoAdministratorsRenamingTheSameRegionAtOnce() throws Exception {
        var row = jdbc.sql("select name_en, name_zh, version from region where code = '513431'").query().singleRow();
        long version = ((Number) row.get("version")).longValue();
        try {
            List<Object> outcomes = race(
                    as("admin", () -> regions.update("513431", version, "Zhaojue (first)", (String) row.get("name_zh"), null,
                            false)),
                    as("admin", () -> regions.update("513431", version, "Zhaojue (second)", (String) row.get("name_zh"), null,
                            false)));
            winner(outcomes);
            assertThat(auditActions("region", "513431")).containsExactlyInAnyOrder("UPDATE", "STALE_REFUSED");
        } finally {
            jdbc.sql("update region set name_en = :n where code = '513431'").param("n", row.get("name_en")).update();
        }
    }

    @Test
    void twoClerksEditingTheSamePairingAtOnce() throws Exception {
        long id = as("clerk.liangshan", () -> pairings.create(new PairingInput("Race test donor",
                DonorType.values()[0], "513431", 2019, null, new BigDecimal("1000"), 1, 10L, "race test", "created")))
                .call().id();
        PairingService.Pairing before = as("clerk.liangshan", () -> pairings.get(id)).call();
        try {
            List<Object> outcomes = race(
                    as("clerk.liangshan", () -> pairings.update(id, before.version(), pairingWithNote(before, "first"))),
                    as("clerk.liangshan", () -> pairings.update(id, before.version(), pairingWithNote(before, "second"))));
            PairingService.Pairing saved = (PairingService.Pairing) winner(outcomes);
            PairingService.Pairing now = as("auditor", () -> pairings.get(id)).call();
            assertThat(now.note()).as("the winner's edit, whole").isEqualTo(saved.note());
            assertThat(now.version()).isEqualTo(before.version() + 1);
            assertThat(auditActions(PairingService.ENTITY_TYPE, String.valueOf(id)))
                    .as("the successful edit is audited once").containsOnlyOnce("UPDATE");
        } finally {
            jdbc.sql("delete from pairing where id = :id").param("id", id).update();
        }
    }

    private static PairingInput pairingWithNote(PairingService.Pairing p, String note) {
        return new PairingInput(p.donor(), p.donorType(), p.recipientCode(), p.year(),
                p.fundsPledgedRmb() == null ? null : BigDecimal.valueOf(p.fundsPledgedRmb()),
                p.fundsDeliveredRmb() == null ? null : BigDecimal.valueOf(p.fundsDeliveredRmb()), p.projects(),
                p.peopleHelped(), p.source(), (p.note() == null ? "" : p.note() + " ") + note);
    }

    @Test
    void twoClerksEditingTheSamePostingAtOnce() throws Exception {
        long id = as("clerk.liangshan", () -> dispatch.create(new PostingInput("RACE-1", "Race Test",
                OfficialRank.values()[0], "Race test office", DispatchRole.FIRST_SECRETARY, "513431", "Sanhe Village",
                LocalDate.of(2019, 1, 1), null, false, "created"))).call().id();
        PostingRow before = as("clerk.liangshan", () -> dispatch.get(id)).call();
        try {
            List<Object> outcomes = race(
                    as("clerk.liangshan", () -> dispatch.update(id, before.version(), postingWithNote(before, "first"))),
                    as("clerk.liangshan", () -> dispatch.update(id, before.version(), postingWithNote(before, "second"))));
            PostingRow saved = (PostingRow) winner(outcomes);
            PostingRow now = as("auditor", () -> dispatch.get(id)).call();
            assertThat(now.note()).as("the winner's edit, whole").isEqualTo(saved.note());
            assertThat(now.version()).isEqualTo(before.version() + 1);
            assertThat(auditActions(DispatchService.ENTITY_TYPE, String.valueOf(id)))
                    .as("the successful edit is audited once").containsOnlyOnce("UPDATE");
        } finally {
            jdbc.sql("delete from official_posting where id = :id").param("id", id).update();
        }
    }

    private static PostingInput postingWithNote(PostingRow p, String note) {
        return new PostingInput(p.officialNo(), p.name(), p.rank(), p.sendingOrganisation(), p.role(), p.regionCode(),
                p.village(), p.startDate(), p.endDate(), p.bilingual(), (p.note() == null ? "" : p.note() + " ") + note);
    }

    /** Which state each action leads from, the workflow's table. */
    private static final Map<String, Set<ReportState>> FROM = Map.of(
            "SUBMIT", Set.of(ReportState.DRAFT, ReportState.RETURNED),
            "APPROVE", Set.of(ReportState.SUBMITTED),
            "RETURN", Set.of(ReportState.SUBMITTED, ReportState.APPROVED));

    @Test
    void fiftyConcurrentSubmissionsApprovalsAndReturnsFollowSomeSerialOrder() throws Exception {
        List<String> codes = jdbc.sql("""
                        select r.code from region r where r.parent_id = (select id from region where code = '513400')
                        and not exists (select 1 from yearly_report yr where yr.region_id = r.id and yr.year = 2020)
                        order by r.code limit 4""").query(String.class).list();
        assertThat(codes).hasSize(4);
        for (String code : codes) {
            as("clerk.liangshan", () -> reports.saveDraft(code, YEAR, 0, List.of(new ValueInput(Metric.PEOPLE_RELOCATED,
                    ValueKind.ACTUAL, new BigDecimal("10"), null, null)))).call();
        }
        Random random = new Random(20201231);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger stale = new AtomicInteger();
        Map<String, AtomicInteger> succeeded = new ConcurrentHashMap<>();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String code = codes.get(random.nextInt(codes.size()));
            String action = List.of("SUBMIT", "APPROVE", "RETURN").get(random.nextInt(3));
            String who = "SUBMIT".equals(action) ? "clerk.liangshan" : "supervisor.sichuan";
            futures.add(pool.submit(as(who, () -> {
                long version = reports.get(code, YEAR).version();
                try {
                    switch (action) {
                        case "SUBMIT" -> reports.submit(code, YEAR, version, "checked twice");
                        case "APPROVE" -> reports.approve(code, YEAR, version);
                        default -> reports.returnReport(code, YEAR, version, "please check the relocation count");
                    }
                    succeeded.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
                } catch (ObjectOptimisticLockingFailureException e) {
                    stale.incrementAndGet();
                } catch (ReportLocked e) {
                    // the report was no longer in a state this action leads from: refused, nothing changed
                } catch (RuntimeException e) {
                    unexpected.add(e);
                }
                done.incrementAndGet();
                return null;
            })));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        assertThat(unexpected).as("no failure other than a refusal").isEmpty();
        assertThat(done.get()).isEqualTo(50);

        int transitionsInAll = 0;
        for (String code : codes) {
            List<Map<String, Object>> transitions = jdbc.sql("""
                            select t.from_state, t.to_state from report_transition t join yearly_report yr on yr.id = t.report_id
                            join region r on r.id = yr.region_id where r.code = :c and yr.year = 2020 order by t.id""")
                    .param("c", code).query().listOfRows();
            // replayed one after the other, the transitions form one unbroken path through the workflow
            ReportState state = ReportState.DRAFT;
            List<String> expectedAudit = new ArrayList<>();
            for (Map<String, Object> t : transitions) {
                ReportState from = ReportState.valueOf((String) t.get("from_state"));
                ReportState to = ReportState.valueOf((String) t.get("to_state"));
                assertThat(from).as(code + ": each transition starts where the previous ended").isEqualTo(state);
                String action = switch (to) {
                    case SUBMITTED -> "SUBMIT";
                    case APPROVED -> "APPROVE";
                    case RETURNED -> "RETURN";
                    default -> throw new AssertionError("no transition leads to " + to);
                };
                assertThat(FROM.get(action)).contains(from);
                expectedAudit.add(action);
                state = to;
            }
            var report = jdbc.sql("""
                            select yr.state, yr.version from yearly_report yr join region r on r.id = yr.region_id
                            where r.code = :c and yr.year = 2020""").param("c", code).query().singleRow();
            assertThat(ReportState.valueOf((String) report.get("state"))).isEqualTo(state);
            assertThat(((Number) report.get("version")).longValue()).as("one version per transition")
                    .isEqualTo(1 + transitions.size());
            int ok = succeeded.getOrDefault(code, new AtomicInteger()).get();
            assertThat(transitions).as(code + ": every successful action is one transition").hasSize(ok);
            List<String> audited = auditActions("report", code + "/" + YEAR).stream()
                    .filter(a -> FROM.containsKey(a)).toList();
            assertThat(audited).as(code + ": every transition once in the audit trail, in order").isEqualTo(expectedAudit);
            transitionsInAll += transitions.size();
        }
        assertThat(transitionsInAll).as("some actions went through").isPositive();
        long staleAudited = jdbc.sql("""
                        select count(*) from audit_entry where action = 'STALE_REFUSED' and at >= :start""")
                .param("start", java.sql.Timestamp.from(start)).query(Long.class).single();
        assertThat(staleAudited).as("every refused stale attempt is audited").isEqualTo(stale.get());
        AuditVerification.Result chain = as("auditor", () -> verification.verify()).call();
        assertThat(chain.intact()).as(String.valueOf(chain.problem())).isTrue();
    }
}
