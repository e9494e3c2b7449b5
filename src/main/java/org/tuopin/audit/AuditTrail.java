package org.tuopin.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.tuopin.base.AfterConnectionRelease;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Appends entries to the hash-chained audit trail, in the transaction of the change they record
 * (docs/design-decisions/DD004). Services call it; nothing else writes to {@code audit_entry}.
 */
@Service
public class AuditTrail {

    /** Who acted: an account with its role, or a name typed at the login form (role null). */
    public record Actor(@Nullable String account, @Nullable String role) {
    }

    /** What to record. {@code entityId} and {@code regionId} may be null for sign-ins and the like. */
    public record Event(Actor actor, AuditAction action, @Nullable String entityType, @Nullable String entityId,
                        @Nullable Long regionId, List<FieldChange> changes, @Nullable String reason) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate separate;

    AuditTrail(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records an attempt that is being refused, whose own transaction will roll back: the entry is written in a
     * transaction of its own once the caller's has ended, so that it survives the rollback and never waits for
     * locks the refused transaction still holds. It is written only after the refused transaction has given its
     * connection back ({@link AfterConnectionRelease}): a refusal never holds two pooled connections at once, so
     * any number of simultaneous refusals cannot drain the pool and wait on each other.
     */
    public void recordRefused(Event event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            AfterConnectionRelease.run(() -> separate.executeWithoutResult(status -> record(event)));
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                AfterConnectionRelease.run(() -> separate.executeWithoutResult(s -> record(event)));
            }
        });
    }

    /**
     * A save or transition on a version someone else has replaced, refused: recorded as {@link #recordRefused}
     * does, with the version the caller held and the one it met.
     */
    public void recordStaleRefusal(Actor actor, String entityType, String entityId, @Nullable Long regionId,
                                   long version, long current, @Nullable String attempted) {
        recordRefused(new Event(actor, AuditAction.STALE_REFUSED, entityType, entityId, regionId,
                List.of(FieldChange.of("version", version, current)), attempted));
    }

    /** Appends one entry; joins the caller's transaction, so the entry stands or falls with the change. */
    @Transactional(propagation = Propagation.REQUIRED)
    public long record(Event event) {
        // the row lock on the head serialises writers: one chain, no gaps, no forks
        var head = jdbc.sql("select seq, hash from audit_head where id = 1 for update")
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)}).single();
        long seq = (long) head[0] + 1;
        String prevHash = (String) head[1];
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String changes = changesJson(event.changes());
        String clientAddress = clientAddress().orElse(null);
        String hash = hash(prevHash, canonical(seq, at, event.actor().account(), event.actor().role(), clientAddress,
                event.action().name(), event.entityType(), event.entityId(), event.regionId(), changes, event.reason()));
        jdbc.sql("""
                        insert into audit_entry(seq, at, account, role, client_address, action, entity_type, entity_id,
                                                region_id, changes, reason, prev_hash, hash, hash_version)
                        values (:seq, :at, :account, :role, :client, :action, :type, :id, :region, :changes, :reason,
                                :prev, :hash, :version)""")
                .param("version", HASH_VERSION)
                .param("seq", seq).param("at", Timestamp.from(at)).param("account", event.actor().account())
                .param("role", event.actor().role()).param("client", clientAddress)
                .param("action", event.action().name()).param("type", event.entityType())
                .param("id", event.entityId()).param("region", event.regionId()).param("changes", changes)
                .param("reason", event.reason()).param("prev", prevHash).param("hash", hash)
                .update();
        jdbc.sql("update audit_head set seq = :seq, hash = :hash where id = 1")
                .param("seq", seq).param("hash", hash).update();
        return seq;
    }

    /**
     * Appends several entries in the order given, exactly as that many calls of {@link #record} would (same
     * fields, same chain), with one lock of the head, one insert and one update of the head: for a bulk change
     * such as an import, which records one entry per report it stores. Returns the sequence number of the last.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public long recordAll(List<Event> events) {
        String clientAddress = clientAddress().orElse(null);
        return append(events, java.util.Collections.nCopies(events.size(), clientAddress));
    }

    /**
     * As {@link #recordAll}, with each entry's client address given rather than taken from the current request: for
     * entries written after the fact, such as refusals folded from their tally ({@link RefusalTally}).
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public long recordAll(List<Event> events, List<@Nullable String> clientAddresses) {
        if (clientAddresses.size() != events.size()) {
            throw new IllegalArgumentException("one client address per event");
        }
        return append(events, clientAddresses);
    }

    private long append(List<Event> events, List<@Nullable String> clientAddresses) {
        var head = jdbc.sql("select seq, hash from audit_head where id = 1 for update")
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)}).single();
        long seq = (long) head[0];
        String prevHash = (String) head[1];
        if (events.isEmpty()) {
            return seq;
        }
        int n = events.size();
        Long[] seqs = new Long[n];
        String[] clients = new String[n];
        String[] ats = new String[n];
        String[] accounts = new String[n];
        String[] roles = new String[n];
        String[] actions = new String[n];
        String[] types = new String[n];
        String[] ids = new String[n];
        Long[] regions = new Long[n];
        String[] changes = new String[n];
        String[] reasons = new String[n];
        String[] prevHashes = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            Event event = events.get(i);
            seq++;
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String json = changesJson(event.changes());
            String clientAddress = clientAddresses.get(i);
            String hash = hash(prevHash, canonical(seq, at, event.actor().account(), event.actor().role(), clientAddress,
                    event.action().name(), event.entityType(), event.entityId(), event.regionId(), json, event.reason()));
            seqs[i] = seq;
            clients[i] = clientAddress;
            ats[i] = at.toString();
            accounts[i] = event.actor().account();
            roles[i] = event.actor().role();
            actions[i] = event.action().name();
            types[i] = event.entityType();
            ids[i] = event.entityId();
            regions[i] = event.regionId();
            changes[i] = json;
            reasons[i] = event.reason();
            prevHashes[i] = prevHash;
            hashes[i] = hash;
            prevHash = hash;
        }
        jdbc.sql("""
                        insert into audit_entry(seq, at, account, role, client_address, action, entity_type, entity_id,
                                                region_id, changes, reason, prev_hash, hash, hash_version)
                        select e.seq, e.at, e.account, e.role, e.client, e.action, e.type, e.id, e.region, e.changes,
                               e.reason, e.prev, e.hash, cast(:version as smallint)
                        from unnest(cast(:seq as bigint[]), cast(:at as timestamptz[]), cast(:account as text[]),
                                    cast(:role as text[]), cast(:client as text[]), cast(:action as text[]),
                                    cast(:type as text[]), cast(:id as text[]), cast(:region as bigint[]),
                                    cast(:changes as text[]), cast(:reason as text[]), cast(:prev as text[]),
                                    cast(:hash as text[]))
                             as e(seq, at, account, role, client, action, type, id, region, changes, reason, prev, hash)
                        order by e.seq""")
                .param("client", clients).param("version", HASH_VERSION).param("seq", seqs).param("at", ats)
                .param("account", accounts)
                .param("role", roles).param("action", actions).param("type", types).param("id", ids)
                .param("region", regions).param("changes", changes).param("reason", reasons)
                .param("prev", prevHashes).param("hash", hashes)
                .update();
        jdbc.sql("update audit_head set seq = :seq, hash = :hash where id = 1")
                .param("seq", seq).param("hash", prevHash).update();
        return seq;
    }

    /**
     * The hash {@link #record} would store for this event as entry {@code seq} after {@code prevHash}: for a bulk
     * loader (the synthetic national data set) that writes many entries with COPY and must keep the chain intact.
     */
    public static String chainHash(String prevHash, long seq, Instant at, @Nullable String clientAddress, Event event) {
        return hash(prevHash, canonical(seq, at, event.actor().account(), event.actor().role(), clientAddress,
                event.action().name(), event.entityType(), event.entityId(), event.regionId(),
                changesJson(event.changes()), event.reason()));
    }

    /**
     * The hash version new entries are written with (column {@code hash_version}, V17): 2, canonical JSON. Entries of
     * version 1 keep the hashes they were written with and are verified the old way (DD004, DD025).
     */
    public static final int HASH_VERSION = 2;

    private static final JsonMapper CANONICAL = JsonMapper.builder().build();

    /**
     * The text a version-2 entry's hash covers: one JSON object with every field under its own name, always in
     * the same order, null as JSON null, strings escaped by the JSON writer, so that no two different entries share
     * it. {@code changes} goes in as the stored text (a string), since the hash covers those exact characters.
     */
    static String canonical(long seq, Instant at, @Nullable String account, @Nullable String role,
                            @Nullable String client, String action, @Nullable String entityType,
                            @Nullable String entityId, @Nullable Long regionId, String changes, @Nullable String reason) {
        ObjectNode entry = CANONICAL.createObjectNode();
        entry.put("v", HASH_VERSION);
        entry.put("seq", seq);
        entry.put("at", at.truncatedTo(ChronoUnit.MICROS).toString());
        entry.put("account", account);
        entry.put("role", role);
        entry.put("client", client);
        entry.put("action", action);
        entry.put("entityType", entityType);
        entry.put("entityId", entityId);
        entry.put("regionId", regionId);
        entry.put("changes", changes);
        entry.put("reason", reason);
        return CANONICAL.writeValueAsString(entry);
    }

    /**
     * The text a version-1 entry's hash covers, as written before V17: the fields joined by a control character.
     * Ambiguous (a field holding the null marker or the escaped separator reads like another entry), so no longer
     * written; kept to verify the entries that were.
     */
    static String canonicalV1(long seq, Instant at, @Nullable String account, @Nullable String role,
                              @Nullable String client, String action, @Nullable String entityType,
                              @Nullable String entityId, @Nullable Long regionId, String changes, @Nullable String reason) {
        StringBuilder sb = new StringBuilder();
        for (Object field : new Object[]{seq, at.truncatedTo(ChronoUnit.MICROS).toString(), account, role, client, action,
                entityType, entityId, regionId, changes, reason}) {
            sb.append(field == null ? "\u2400" : field.toString().replace("\u001f", "\\u001f")).append('\u001f');
        }
        return sb.toString();
    }

    static String hash(String prevHash, String canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A JSON array of {field, before, after}, written by hand so that the text is stable. */
    public static String changesJson(List<FieldChange> changes) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < changes.size(); i++) {
            FieldChange c = changes.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"field\":").append(jsonString(c.field())).append(",\"before\":").append(jsonString(c.before()))
                    .append(",\"after\":").append(jsonString(c.after())).append('}');
        }
        return sb.append(']').toString();
    }

    private static String jsonString(@Nullable String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static Optional<String> clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return Optional.ofNullable(request.getRemoteAddr());
        }
        return Optional.empty();
    }
}
