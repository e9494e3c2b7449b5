package org.tuopin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.support.TransactionTemplate;
import org.tuopin.TuopinTest;
import org.tuopin.base.DatabaseOwner;

@TuopinTest
class AuditTrailTest {

    @Autowired
    AuditTrail audit;
    @Autowired
    AuditVerification verification;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DatabaseOwner owner;
    @Autowired
    AuditCheckpoints checkpoints;

    private long append(String entityId, String after) {
        return audit.record(new AuditTrail.Event(new AuditTrail.Actor("tester", "ADMIN"), AuditAction.UPDATE, "test",
                entityId, null, List.of(FieldChange.of("note", "before \"quoted\"\n", after)), "because"));
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteEntries() {
        long seq = append("immutable", "x");
        // even the tables' owner meets the triggers, as long as it leaves them on
        JdbcClient jdbc = JdbcClient.create(owner.dataSource());
        assertThatThrownBy(() -> jdbc.sql("update audit_entry set reason = 'rewritten' where seq = :s").param("s", seq)
                .update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where seq = :s").param("s", seq).update())
                .hasMessageContaining("append-only");
    }

    @Test
    @WithUserDetails("auditor")
    void concurrentWritersFormOneIntactChain() throws Exception {
        long before = jdbc.sql("select seq from audit_head").query(Long.class).single();
        var pool = Executors.newFixedThreadPool(8);
        List<Callable<Long>> writers = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            writers.add(() -> transactions.execute(status -> append("concurrent-" + n, "value " + n)));
        }
        for (var f : pool.invokeAll(writers)) {
            f.get();
        }
        pool.shutdown();
        List<Long> seqs = jdbc.sql("select seq from audit_entry where seq > :b order by seq").param("b", before)
                .query(Long.class).list();
        assertThat(seqs).hasSize(40);
        assertThat(seqs.getLast() - seqs.getFirst()).isEqualTo(39);
        var result = verification.verify();
        assertThat(result.intact()).as(String.valueOf(result)).isTrue();
        assertThat(result.entries()).isEqualTo(jdbc.sql("select count(*) from audit_entry").query(Long.class).single());
    }

    @Test
    @WithUserDetails("auditor")
    void verificationNamesTheFirstEntryThatWasTamperedWith() {
        long seq = append("tampered", "original");
        append("after-tampered", "y");
        // an attacker with the table owner's rights switches the trigger off to rewrite one entry
        JdbcClient asOwner = JdbcClient.create(owner.dataSource());
        String original = asOwner.sql("select changes from audit_entry where seq = :s").param("s", seq)
                .query(String.class).single();
        try {
            asOwner.sql("alter table audit_entry disable trigger audit_entry_no_update_or_delete").update();
            asOwner.sql("update audit_entry set changes = replace(changes, 'original', 'forged') where seq = :s")
                    .param("s", seq).update();
            var result = verification.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBadSeq()).isEqualTo(seq);
            assertThat(result.problem()).contains("does not match");
        } finally {
            asOwner.sql("update audit_entry set changes = :c where seq = :s").param("c", original).param("s", seq)
                    .update();
            asOwner.sql("alter table audit_entry enable trigger audit_entry_no_update_or_delete").update();
        }
        assertThat(verification.verify().intact()).isTrue();
    }

    /** The application's own role may append and read, nothing else: not even with the triggers out of the way. */
    @Test
    void theApplicationsRoleCannotChangeDeleteTruncateOrUnprotectEntries() {
        long seq = append("protected", "x");
        assertThatThrownBy(() -> jdbc.sql("update audit_entry set reason = 'rewritten' where seq = :s").param("s", seq)
                .update()).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where seq = :s").param("s", seq).update())
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_entry").update()).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("alter table audit_entry disable trigger audit_entry_no_update_or_delete")
                .update()).rootCause().hasMessageContaining("must be owner");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_head").update()).rootCause().hasMessageContaining("permission denied");
        // the head it must move moves only forward, to an entry that exists
        assertThatThrownBy(() -> jdbc.sql("update audit_head set seq = seq - 1").update())
                .rootCause().hasMessageContaining("only moves forward");
        assertThatThrownBy(() -> jdbc.sql("update audit_head set hash = repeat('a', 64)").update())
                .rootCause().hasMessageContaining("existing entry");
        assertThat(jdbc.sql("select count(*) from audit_entry where seq = :s").param("s", seq).query(Long.class)
                .single()).isOne();
    }

    /**
     * Someone with the owner's rights rewrites a past entry and every hash after it and the head: the chain is
     * consistent again and passes on its own, but not against the signed checkpoint taken before.
     */
    @Test
    @WithUserDetails("auditor")
    void aRewrittenChainPassesOnItsOwnButNotAgainstTheSignedCheckpoint() {
        long seq = append("rewritten", "original");
        append("after-rewritten", "y");
        AuditCheckpoints.Checkpoint checkpoint = checkpoints.write();
        assertThat(checkpoint.seq()).isGreaterThan(seq);
        assertThat(verification.verify().intact()).isTrue();

        JdbcClient asOwner = JdbcClient.create(owner.dataSource());
        List<Object[]> saved = asOwner.sql("select seq, changes, prev_hash, hash from audit_entry where seq >= :s order by seq")
                .param("s", seq).query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)}).list();
        var head = asOwner.sql("select seq, hash from audit_head").query((rs, n) -> new Object[]{rs.getLong(1),
                rs.getString(2)}).single();
        try {
            asOwner.sql("alter table audit_entry disable trigger audit_entry_no_update_or_delete").update();
            asOwner.sql("alter table audit_head disable trigger audit_head_forward_only").update();
            asOwner.sql("update audit_entry set changes = replace(changes, 'original', 'forged') where seq = :s")
                    .param("s", seq).update();
            rehash(asOwner, seq);
            var chain = verification.verifyChain();
            assertThat(chain.intact()).as(String.valueOf(chain)).isTrue();

            var result = verification.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.checkpoint()).isEqualTo(checkpoint);
            assertThat(result.firstBadSeq()).isEqualTo(checkpoint.seq());
            assertThat(result.problem()).contains("signed checkpoint").contains("rewritten")
                    .contains(checkpoint.hash());
        } finally {
            for (Object[] row : saved) {
                asOwner.sql("update audit_entry set changes = :c, prev_hash = :p, hash = :h where seq = :s")
                        .param("c", row[1]).param("p", row[2]).param("h", row[3]).param("s", row[0]).update();
            }
            asOwner.sql("update audit_head set seq = :s, hash = :h").param("s", head[0]).param("h", head[1]).update();
            asOwner.sql("alter table audit_entry enable trigger audit_entry_no_update_or_delete").update();
            asOwner.sql("alter table audit_head enable trigger audit_head_forward_only").update();
        }
        assertThat(verification.verify().intact()).isTrue();
    }

    /** What a forger with the owner's rights does: every hash from {@code from} on recomputed, and the head. */
    private static void rehash(JdbcClient asOwner, long from) {
        String prev = asOwner.sql("select coalesce((select hash from audit_entry where seq = :p), repeat('0', 64))")
                .param("p", from - 1).query(String.class).single();
        List<Long> seqs = asOwner.sql("select seq from audit_entry where seq >= :s order by seq").param("s", from)
                .query(Long.class).list();
        for (long s : seqs) {
            var e = asOwner.sql("""
                    select at, account, role, client_address, action, entity_type, entity_id, region_id, changes, reason,
                           hash_version from audit_entry where seq = :s""").param("s", s).query((rs, n) -> {
                Long region = rs.getObject("region_id") == null ? null : rs.getLong("region_id");
                Object[] f = {rs.getTimestamp("at").toInstant(), rs.getString("account"), rs.getString("role"),
                        rs.getString("client_address"), rs.getString("action"), rs.getString("entity_type"),
                        rs.getString("entity_id"), region, rs.getString("changes"), rs.getString("reason"),
                        rs.getInt("hash_version")};
                return f;
            }).single();
            String canonical = ((int) e[10] == 1 ? AuditTrail.canonicalV1(s, (java.time.Instant) e[0], (String) e[1],
                    (String) e[2], (String) e[3], (String) e[4], (String) e[5], (String) e[6], (Long) e[7],
                    (String) e[8], (String) e[9])
                    : AuditTrail.canonical(s, (java.time.Instant) e[0], (String) e[1], (String) e[2], (String) e[3],
                    (String) e[4], (String) e[5], (String) e[6], (Long) e[7], (String) e[8], (String) e[9]));
            String hash = AuditTrail.hash(prev, canonical);
            asOwner.sql("update audit_entry set prev_hash = :p, hash = :h where seq = :s").param("p", prev)
                    .param("h", hash).param("s", s).update();
            prev = hash;
        }
        asOwner.sql("update audit_head set seq = :s, hash = :h").param("s", seqs.getLast()).param("h", prev).update();
    }

    /** Under the old encoding a null account and an account named by the null marker read alike; no longer. */
    @Test
    void entriesThatCollidedUnderTheSeparatorEncodingHashDifferentlyNow() {
        var at = java.time.Instant.parse("2020-01-01T00:00:00Z");
        String prev = "0".repeat(64);
        assertThat(AuditTrail.canonicalV1(1, at, null, "R", null, "A", null, null, null, "[]", null))
                .isEqualTo(AuditTrail.canonicalV1(1, at, "\u2400", "R", null, "A", null, null, null, "[]", null));
        assertThat(AuditTrail.canonicalV1(1, at, "a\u001f", "R", null, "A", null, null, null, "[]", null))
                .isEqualTo(AuditTrail.canonicalV1(1, at, "a\\u001f", "R", null, "A", null, null, null, "[]", null));
        assertThat(AuditTrail.hash(prev, AuditTrail.canonical(1, at, null, "R", null, "A", null, null, null, "[]", null)))
                .isNotEqualTo(AuditTrail.hash(prev, AuditTrail.canonical(1, at, "\u2400", "R", null, "A", null, null,
                        null, "[]", null)));
        assertThat(AuditTrail.hash(prev, AuditTrail.canonical(1, at, "a\u001f", "R", null, "A", null, null, null, "[]",
                null))).isNotEqualTo(AuditTrail.hash(prev, AuditTrail.canonical(1, at, "a\\u001f", "R", null, "A",
                null, null, null, "[]", null)));
    }

    /** Verification while another thread appends all the time: every snapshot is intact. */
    @Test
    @WithUserDetails("auditor")
    void verificationWhileEntriesAreAppendedReportsIntactEveryTime() throws Exception {
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var writer = Executors.newSingleThreadExecutor();
        var appended = writer.submit(() -> {
            long n = 0;
            while (!stop.get()) {
                transactions.executeWithoutResult(status -> append("while-verifying", "v"));
                n++;
            }
            return n;
        });
        try {
            for (int i = 0; i < 30; i++) {
                var result = verification.verify();
                assertThat(result.intact()).as("verification %d: %s", i, result).isTrue();
            }
        } finally {
            stop.set(true);
            writer.shutdown();
        }
        assertThat(appended.get()).isPositive();
    }

    @Test
    void theCanonicalTextSeparatesNullFromEmptyAndEscapesJson() {
        assertThat(AuditTrail.changesJson(List.of(FieldChange.of("a", null, "")))).isEqualTo(
                "[{\"field\":\"a\",\"before\":null,\"after\":\"\"}]");
        assertThat(AuditTrail.changesJson(List.of(FieldChange.of("b", "x\"\n\\", "凉山")))).isEqualTo(
                "[{\"field\":\"b\",\"before\":\"x\\\"\\n\\\\\",\"after\":\"凉山\"}]");
        var at = java.time.Instant.parse("2020-01-01T00:00:00Z");
        assertThat(AuditTrail.canonical(1, at, null, "R", null, "A", null, null, null, "[]", ""))
                .isNotEqualTo(AuditTrail.canonical(1, at, "", "R", null, "A", null, null, null, "[]", ""));
        assertThat(AuditTrail.canonical(7, at, "clerk", "R", null, "A", null, "a\"b", 3L, "[]", null)).isEqualTo(
                "{\"v\":2,\"seq\":7,\"at\":\"2020-01-01T00:00:00Z\",\"account\":\"clerk\",\"role\":\"R\","
                        + "\"client\":null,\"action\":\"A\",\"entityType\":null,\"entityId\":\"a\\\"b\","
                        + "\"regionId\":3,\"changes\":\"[]\",\"reason\":null}");
    }

    @Autowired
    javax.sql.DataSource dataSource;

    /**
     * As many refused saves at once as the pool has connections, each holding one: before, every refusal's audit
     * entry asked for a second connection while still holding the first, so they all waited on each other until
     * the pool timed out and the entries were lost. Now each entry is written after its transaction has given the
     * connection back: all are written, at once.
     */
    @Test
    @WithUserDetails("auditor")
    void asManySimultaneousRefusalsAsConnectionsAreAllAuditedWithoutWaiting() throws Exception {
        int connections = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize();
        var together = new java.util.concurrent.CyclicBarrier(connections);
        var pool = Executors.newFixedThreadPool(connections);
        String marker = "refused-at-once-" + System.nanoTime();
        List<Callable<Boolean>> refusals = new java.util.ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int n = i;
            refusals.add(() -> {
                try {
                    transactions.executeWithoutResult(status -> {
                        jdbc.sql("select 1").query(Integer.class).single(); // this transaction holds a connection
                        audit.recordRefused(new AuditTrail.Event(new AuditTrail.Actor("tester", "ADMIN"),
                                AuditAction.STALE_REFUSED, "test", marker, null, List.of(FieldChange.of("version", n, n + 1)),
                                null));
                        try {
                            together.await(20, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException("not all connections were taken at once", e);
                        }
                        throw new IllegalStateException("refused");
                    });
                } catch (IllegalStateException refused) {
                    return "refused".equals(refused.getMessage());
                }
                return false;
            });
        }
        for (var f : pool.invokeAll(refusals)) {
            assertThat(f.get()).isTrue();
        }
        pool.shutdown();
        assertThat(jdbc.sql("select count(*) from audit_entry where entity_id = :m and action = 'STALE_REFUSED'")
                .param("m", marker).query(Long.class).single()).isEqualTo(connections);
        assertThat(verification.verify().intact()).isTrue();
    }

    @Test
    void aRefusalOutsideAnyTransactionIsWrittenAtOnce() {
        String marker = "refused-alone-" + System.nanoTime();
        audit.recordRefused(new AuditTrail.Event(new AuditTrail.Actor("tester", "ADMIN"), AuditAction.STALE_REFUSED,
                "test", marker, null, List.of(), null));
        assertThat(jdbc.sql("select count(*) from audit_entry where entity_id = :m").param("m", marker)
                .query(Long.class).single()).isEqualTo(1);
    }
}
