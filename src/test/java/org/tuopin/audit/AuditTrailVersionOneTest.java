package org.tuopin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tuopin.referencedata.V2__Reference_data;

/**
 * Entries written before V17 (hash version 1, DD004/DD025) still verify after the upgrade, and tampering with one
 * is still found. A version-1 entry can only stand at the start of a chain (the verifier refuses one after a
 * version-2 entry), and the suite's shared database already holds version-2 entries, so each test builds a
 * database of its own the way a real upgrade leaves it: migrated up to V16, entries appended as the code of that
 * time appended them, then migrated to the current schema and appended to by the current {@link AuditTrail}.
 */
class AuditTrailVersionOneTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().setLocaleConfig("locale", "C.UTF-8")
                .setServerConfig("synchronous_commit", "off").setServerConfig("fsync", "off").start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void entriesWrittenBeforeV17StillVerifyWithNewEntriesAfterThem() throws SQLException {
        DataSource owner = databaseAtV16("v1_intact");
        long first = appendAsBeforeV17(owner, "clerk.liangshan", "CLERK", "10.0.0.7", "UPDATE", "yearly_report", "41",
                regionId(owner), "[{\"field\":\"note\",\"before\":null,\"after\":\"凉山 \\\"quoted\\\"\\n\"}]", null);
        long second = appendAsBeforeV17(owner, null, null, "10.0.0.8", "SIGN_IN_FAILED", null, null, null, "[]",
                "unknown name");
        migrateToCurrent(owner);
        long third = appendThroughTheApplication(owner);

        assertThat(hashVersions(owner)).containsExactly(1, 1, 2);
        AuditVerification.Result result = AuditChains.verify(owner);
        assertThat(result.intact()).as(String.valueOf(result)).isTrue();
        assertThat(result.entries()).isEqualTo(3);
        assertThat(List.of(first, second, third)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aVersionOneEntryTamperedWithIsNamed() throws SQLException {
        DataSource owner = databaseAtV16("v1_tampered");
        appendAsBeforeV17(owner, "clerk.liangshan", "CLERK", "10.0.0.7", "UPDATE", "yearly_report", "41",
                regionId(owner), "[]", "first");
        long tampered = appendAsBeforeV17(owner, "clerk.liangshan", "CLERK", "10.0.0.7", "SUBMIT", "yearly_report",
                "41", regionId(owner), "[]", "submitted on time");
        migrateToCurrent(owner);
        appendThroughTheApplication(owner);
        assertThat(AuditChains.verify(owner).intact()).isTrue();

        // the owner switches the trigger off and rewrites one field of the old entry, leaving its hash as it was
        JdbcClient asOwner = JdbcClient.create(owner);
        asOwner.sql("alter table audit_entry disable trigger audit_entry_no_update_or_delete").update();
        asOwner.sql("update audit_entry set reason = 'submitted late' where seq = :s").param("s", tampered).update();
        asOwner.sql("alter table audit_entry enable trigger audit_entry_no_update_or_delete").update();

        AuditVerification.Result result = AuditChains.verify(owner);
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBadSeq()).isEqualTo(tampered);
        assertThat(result.problem()).contains("does not match");
    }

    /** Someone with the owner's rights appends in the old, ambiguous encoding after V17: reported, not accepted. */
    @Test
    void aVersionOneEntryAfterAVersionTwoEntryIsReported() throws SQLException {
        DataSource owner = databaseAtV16("v1_after_v2");
        appendAsBeforeV17(owner, "clerk.liangshan", "CLERK", null, "UPDATE", null, null, null, "[]", null);
        migrateToCurrent(owner);
        appendThroughTheApplication(owner);
        long late = appendInTheOldEncoding(owner, true, "clerk.liangshan", "CLERK", null, "UPDATE", null, null, null,
                "[]", null);

        assertThat(hashVersions(owner)).containsExactly(1, 2, 1);
        AuditVerification.Result result = AuditChains.verify(owner);
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBadSeq()).isEqualTo(late);
        assertThat(result.problem()).contains("follows version 2");
    }

    /** A new database with the schema as it was before V17 (no hash_version column yet) and the reference data. */
    private static DataSource databaseAtV16(String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        // the embedded superuser owns the schema here and so plays the owner of DD025
        DataSource owner = postgres.getDatabase("postgres", name);
        flyway(owner).target("16").load().migrate();
        assertThat(JdbcClient.create(owner).sql("select count(*) from information_schema.columns "
                + "where table_name = 'audit_entry' and column_name = 'hash_version'").query(Integer.class).single())
                .as("the schema before V17").isZero();
        return owner;
    }

    private static void migrateToCurrent(DataSource owner) {
        flyway(owner).load().migrate();
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource ds) {
        return Flyway.configure().dataSource(ds).locations("classpath:db/migration")
                .javaMigrations(new V2__Reference_data());
    }

    private static long regionId(DataSource ds) {
        return JdbcClient.create(ds).sql("select id from region where code = '513400'").query(Long.class).single();
    }

    /**
     * One entry appended after the head as {@code AuditTrail.record} did before V17 (commit 64cfebd^): the same
     * insert without a version column, then the head moved to it. The hash is computed by {@link #encodingBeforeV17},
     * a copy of that code's encoding kept here, so that the test holds the verifier to what was really written, not
     * to whatever {@link AuditTrail#canonicalV1} says today.
     */
    private static long appendAsBeforeV17(DataSource owner, @Nullable String account, @Nullable String role,
                                          @Nullable String client, String action, @Nullable String entityType,
                                          @Nullable String entityId, @Nullable Long regionId, String changes,
                                          @Nullable String reason) {
        return appendInTheOldEncoding(owner, false, account, role, client, action, entityType, entityId, regionId,
                changes, reason);
    }

    /**
     * As {@link #appendAsBeforeV17}; with {@code markedVersionOne} the entry also says hash_version 1, as someone
     * writing the old encoding after V17 must (the column's default is 2 since then).
     */
    private static long appendInTheOldEncoding(DataSource owner, boolean markedVersionOne, @Nullable String account,
                                               @Nullable String role, @Nullable String client, String action,
                                               @Nullable String entityType, @Nullable String entityId,
                                               @Nullable Long regionId, String changes, @Nullable String reason) {
        JdbcClient jdbc = JdbcClient.create(owner);
        var head = jdbc.sql("select seq, hash from audit_head where id = 1")
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)}).single();
        long seq = (long) head[0] + 1;
        String prevHash = (String) head[1];
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String hash = sha256(prevHash, encodingBeforeV17(seq, at, account, role, client, action, entityType, entityId,
                regionId, changes, reason));
        jdbc.sql(markedVersionOne ? """
                        insert into audit_entry(seq, at, account, role, client_address, action, entity_type, entity_id,
                                                region_id, changes, reason, prev_hash, hash, hash_version)
                        values (:seq, :at, :account, :role, :client, :action, :type, :id, :region, :changes, :reason,
                                :prev, :hash, 1)""" : """
                        insert into audit_entry(seq, at, account, role, client_address, action, entity_type, entity_id,
                                                region_id, changes, reason, prev_hash, hash)
                        values (:seq, :at, :account, :role, :client, :action, :type, :id, :region, :changes, :reason,
                                :prev, :hash)""")
                .param("seq", seq).param("at", Timestamp.from(at)).param("account", account).param("role", role)
                .param("client", client).param("action", action).param("type", entityType).param("id", entityId)
                .param("region", regionId).param("changes", changes).param("reason", reason).param("prev", prevHash)
                .param("hash", hash)
                .update();
        jdbc.sql("update audit_head set seq = :seq, hash = :hash where id = 1").param("seq", seq).param("hash", hash)
                .update();
        return seq;
    }

    /** The pre-V17 {@code AuditTrail.canonical}, as it was: fields joined by U+001F, null as U+2400. */
    private static String encodingBeforeV17(long seq, Instant at, @Nullable String account, @Nullable String role,
                                            @Nullable String client, String action, @Nullable String entityType,
                                            @Nullable String entityId, @Nullable Long regionId, String changes,
                                            @Nullable String reason) {
        StringBuilder sb = new StringBuilder();
        for (Object field : new Object[]{seq, at.truncatedTo(ChronoUnit.MICROS).toString(), account, role, client,
                action, entityType, entityId, regionId, changes, reason}) {
            sb.append(field == null ? "\u2400" : field.toString().replace("\u001f", "\\u001f")).append('\u001f');
        }
        return sb.toString();
    }

    /** The pre-V17 {@code AuditTrail.hash}: SHA-256 over the previous hash and the encoded entry. */
    private static String sha256(String prevHash, String encoded) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha.update(encoded.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A normal entry appended by the current {@link AuditTrail}, in a transaction, as the application's role: a role
     * with only the rights DD025 leaves the application on the two audit tables, so the append goes through the
     * head's V17 guard exactly as in production.
     */
    private static long appendThroughTheApplication(DataSource owner) throws SQLException {
        String database = JdbcClient.create(owner).sql("select current_database()").query(String.class).single();
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            s.execute("do $$ begin if not exists (select from pg_roles where rolname = 'audit_app') then "
                    + "create role audit_app login; end if; end $$");
            s.execute("grant select, insert on audit_entry to audit_app");
            s.execute("grant select, update on audit_head to audit_app");
        }
        DataSource app = postgres.getDatabase("audit_app", database);
        AuditTrail trail = new AuditTrail(JdbcClient.create(app), new DataSourceTransactionManager(app));
        Long seq = new TransactionTemplate(new DataSourceTransactionManager(app)).execute(status -> trail.record(
                new AuditTrail.Event(new AuditTrail.Actor("reviewer.sichuan", "REVIEWER"), AuditAction.UPDATE,
                        "yearly_report", "41", null, List.of(FieldChange.of("state", "SUBMITTED", "APPROVED")),
                        "after the upgrade")));
        return seq;
    }

    private static List<Integer> hashVersions(DataSource ds) {
        return JdbcClient.create(ds).sql("select hash_version from audit_entry order by seq").query(Integer.class)
                .list();
    }
}
