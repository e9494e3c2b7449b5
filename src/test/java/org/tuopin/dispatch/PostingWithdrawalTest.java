package org.tuopin.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.audit.AuditQueryService;
import org.tuopin.audit.AuditQueryService.AuditFilter;
import org.tuopin.audit.AuditQueryService.AuditRow;
import org.tuopin.audit.FieldChange;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;

/**
 * Withdrawing a posting entered by mistake, against the real database: it leaves every read of the roster, the
 * audit trail keeps its last values and the reason, and everything that is refused leaves the posting in place. No
 * test transaction: a refused withdrawal must roll back on its own, and the stale refusal is audited in a
 * transaction of its own; the postings are removed afterwards.
 */
@TuopinTest
class PostingWithdrawalTest {

    static final String ZHAOJUE = "513431";
    static final String LUSHUI = "533301";

    @Autowired
    DispatchService dispatches;
    @Autowired
    AuditQueryService audit;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void removePostings() {
        SecurityContextHolder.clearContext();
        jdbc.sql("delete from official_posting where official_no like 'WD-%'").update();
    }

    void signIn(String username) {
        SignIn.as(users, username);
    }

    static PostingInput posting(String no, String region) {
        return new PostingInput(no, "Aniu Ashi", OfficialRank.SECTION_LEVEL, "Sichuan Provincial Department of Finance",
                DispatchRole.FIRST_SECRETARY, region, "Sanhe Village", LocalDate.of(2016, 3, 1),
                LocalDate.of(2018, 2, 28), true, null);
    }

    boolean stored(long id) {
        return jdbc.sql("select count(*) from official_posting where id = :id").param("id", id).query(Long.class)
                .single() == 1;
    }

    long entries(String action, long id) {
        return jdbc.sql("""
                        select count(*) from audit_entry where action = :action and entity_type = 'dispatch'
                          and entity_id = :id""").param("action", action).param("id", String.valueOf(id))
                .query(Long.class).single();
    }

    @Test
    void aClerkWithdrawsADuplicateAndTheAuditorReadsWhatWasRemovedAndWhy() {
        signIn("clerk.liangshan");
        PostingRow kept = dispatches.create(posting("WD-1", ZHAOJUE));
        PostingRow duplicate = dispatches.create(new PostingInput("WD-2", "Aniu Ashi", OfficialRank.SECTION_LEVEL,
                "Sichuan Provincial Department of Finance", DispatchRole.TEMPORARY_POST, ZHAOJUE, null,
                LocalDate.of(2016, 3, 1), null, false, "entered twice"));
        assertThat(dispatches.count(PostingFilter.none())).isEqualTo(2);

        dispatches.withdraw(duplicate.id(), duplicate.version(), "  Duplicate of posting " + kept.id() + "  ");

        assertThat(dispatches.find(PostingFilter.none(), List.of(), 0, 50)).extracting(PostingRow::id)
                .containsExactly(kept.id());
        assertThat(dispatches.page(PostingFilter.none(), List.of(), null, 0, 50).rows()).extracting(PostingRow::id)
                .containsExactly(kept.id());
        assertThat(dispatches.count(PostingFilter.none())).isEqualTo(1);
        assertThat(dispatches.totals(PostingFilter.none()).role(DispatchRole.TEMPORARY_POST)).isZero();
        assertThatThrownBy(() -> dispatches.get(duplicate.id())).isInstanceOf(NotFoundException.class);

        signIn("auditor");
        List<AuditRow> history = audit.find(
                AuditFilter.history(DispatchService.ENTITY_TYPE, String.valueOf(duplicate.id())), 0, 10);
        assertThat(history).extracting(r -> r.action().name()).containsExactly("DELETE", "CREATE");
        AuditRow deletion = history.getFirst();
        assertThat(deletion.account()).isEqualTo("clerk.liangshan");
        assertThat(deletion.role()).isEqualTo("DATA_ENTRY");
        assertThat(deletion.regionCode()).isEqualTo(ZHAOJUE);
        assertThat(deletion.reason()).as("trimmed").isEqualTo("Duplicate of posting " + kept.id());
        // the last values as before-values, nothing after; fields without a value are left out, as on creation
        assertThat(deletion.changes()).containsExactly(
                new FieldChange("officialNo", "WD-2", null),
                new FieldChange("name", "Aniu Ashi", null),
                new FieldChange("rank", "SECTION_LEVEL", null),
                new FieldChange("sendingOrganisation", "Sichuan Provincial Department of Finance", null),
                new FieldChange("role", "TEMPORARY_POST", null),
                new FieldChange("region", ZHAOJUE, null),
                new FieldChange("startDate", "2016-03-01", null),
                new FieldChange("bilingual", "false", null),
                new FieldChange("note", "entered twice", null));
        // the posting that stays is untouched
        assertThat(dispatches.get(kept.id())).isEqualTo(kept);
    }

    @Test
    void aBlankOrOverlongReasonIsRefusedAndNothingIsWithdrawn() {
        signIn("clerk.liangshan");
        PostingRow row = dispatches.create(posting("WD-3", ZHAOJUE));
        for (String blank : new String[]{null, "", "   \n\t "}) {
            assertThatThrownBy(() -> dispatches.withdraw(row.id(), row.version(), blank))
                    .isInstanceOfSatisfying(UserError.class,
                            e -> assertThat(e.messageKey()).isEqualTo("withdraw.error.reasonMissing"));
        }
        assertThatThrownBy(() -> dispatches.withdraw(row.id(), row.version(), "x".repeat(1001)))
                .isInstanceOfSatisfying(UserError.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("withdraw.error.reasonTooLong");
                    assertThat(e.args()).containsExactly(1000);
                });
        assertThat(stored(row.id())).isTrue();
        assertThat(entries("DELETE", row.id())).isZero();
        // exactly at the limit is accepted
        dispatches.withdraw(row.id(), row.version(), "y".repeat(1000));
        assertThat(stored(row.id())).isFalse();
    }

    @Test
    void aStaleVersionIsRefusedLikeAStaleSaveAndTheRefusalIsAudited() {
        signIn("clerk.liangshan");
        PostingRow row = dispatches.create(posting("WD-4", ZHAOJUE));
        PostingRow changed = dispatches.update(row.id(), row.version(), new PostingInput("WD-4", "Aniu Ashi",
                OfficialRank.DIVISION_LEVEL, "Sichuan Provincial Department of Finance", DispatchRole.FIRST_SECRETARY,
                ZHAOJUE, "Sanhe Village", LocalDate.of(2016, 3, 1), LocalDate.of(2018, 2, 28), true, null));

        assertThatThrownBy(() -> dispatches.withdraw(row.id(), row.version(), "wrong person"))
                .isInstanceOf(ObjectOptimisticLockingFailureException.class);
        assertThat(dispatches.get(row.id())).isEqualTo(changed);
        assertThat(entries("DELETE", row.id())).isZero();
        assertThat(entries("STALE_REFUSED", row.id())).isEqualTo(1);
        // whoever read the current version may withdraw it
        dispatches.withdraw(row.id(), changed.version(), "wrong person");
        assertThat(stored(row.id())).isFalse();
    }

    @Test
    void aPostingOutsideTheClerksScopeIsNotFoundExactlyLikeAMissingOne() {
        signIn("clerk.nujiang");
        PostingRow nujiang = dispatches.create(posting("WD-5", LUSHUI));
        signIn("clerk.liangshan");
        assertThatThrownBy(() -> dispatches.withdraw(nujiang.id(), nujiang.version(), "not ours"))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.what()).isEqualTo("Posting " + nujiang.id()));
        assertThatThrownBy(() -> dispatches.withdraw(Long.MAX_VALUE, 0, "not ours"))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.what()).isEqualTo("Posting " + Long.MAX_VALUE));
        assertThat(stored(nujiang.id())).isTrue();
        assertThat(entries("DELETE", nujiang.id())).isZero();
        assertThat(entries("STALE_REFUSED", nujiang.id())).as("not even the version is compared").isZero();
    }

    @Test
    void readersAreDenied() {
        signIn("clerk.liangshan");
        PostingRow row = dispatches.create(posting("WD-6", ZHAOJUE));
        for (String reader : List.of("supervisor.sichuan", "supervisor", "auditor", "admin")) {
            signIn(reader);
            assertThatThrownBy(() -> dispatches.withdraw(row.id(), row.version(), "not mine to withdraw"))
                    .as(reader).isInstanceOf(AccessDeniedException.class);
        }
        assertThat(stored(row.id())).isTrue();
        assertThat(entries("DELETE", row.id())).isZero();
    }

    @Test
    void aWithdrawalWaitsForTheLockOfThePersonsPostings() throws Exception {
        signIn("clerk.liangshan");
        PostingRow row = dispatches.create(posting("WD-7", ZHAOJUE));
        UserDetails clerk = users.loadUserByUsername("clerk.liangshan");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // threads of their own: the common pool may have a single thread on a small machine
        ExecutorService threads = Executors.newFixedThreadPool(2);
        // another save of the same person holds the lock that create and update take (namespace 7301)
        CompletableFuture<Void> otherSave = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s -> {
            jdbc.sql("select count(*) from (select pg_advisory_xact_lock(7301, hashtext('WD-7'))) l")
                    .query(Long.class).single();
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), threads);
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> withdrawal = CompletableFuture.runAsync(() -> {
            SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(clerk, null, clerk.getAuthorities()));
            try {
                dispatches.withdraw(row.id(), row.version(), "duplicate");
            } finally {
                SecurityContextHolder.clearContext();
            }
        }, threads);
        // it queues for the lock (seen in pg_locks) instead of deleting meanwhile
        boolean queued = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!queued && !withdrawal.isDone() && System.nanoTime() < deadline) {
            queued = jdbc.sql("""
                            select count(*) from pg_locks where locktype = 'advisory' and not granted
                              and classid = 7301""").query(Long.class).single() > 0;
            Thread.sleep(10);
        }
        assertThat(queued).as("waits for the person's lock").isTrue();
        assertThat(withdrawal).isNotDone();
        assertThat(stored(row.id())).isTrue();
        release.countDown();
        otherSave.get(30, TimeUnit.SECONDS);
        withdrawal.get(30, TimeUnit.SECONDS);
        threads.shutdown();
        assertThat(stored(row.id())).isFalse();
    }
}
