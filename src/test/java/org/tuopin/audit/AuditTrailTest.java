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

    private long append(String entityId, String after) {
        return audit.record(new AuditTrail.Event(new AuditTrail.Actor("tester", "ADMIN"), AuditAction.UPDATE, "test",
                entityId, null, List.of(FieldChange.of("note", "before \"quoted\"\n", after)), "because"));
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteEntries() {
        long seq = append("immutable", "x");
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
        transactions.execute(status -> {
            jdbc.sql("alter table audit_entry disable trigger audit_entry_no_update_or_delete").update();
            jdbc.sql("update audit_entry set changes = replace(changes, 'original', 'forged') where seq = :s")
                    .param("s", seq).update();
            var result = verification.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBadSeq()).isEqualTo(seq);
            assertThat(result.problem()).contains("does not match");
            status.setRollbackOnly();
            return null;
        });
        assertThat(verification.verify().intact()).isTrue();
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
