package org.tuopin.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Repeated refusals (wrong passwords, attempts while locked, wrong one-time codes) recorded as one audit entry per
 * key and minute with their count, instead of one entry each (docs/design-decisions/DD022). {@link #count} is one
 * upsert into {@code refusal_tally}: no lock of the chain's head, so a flood of refusals neither waits for nor holds
 * up the application's audited work. Every {@value #FOLD_EVERY_MS} ms {@link #foldClosedMinutes} turns the minutes
 * that are over into chain entries in one {@link AuditTrail#recordAll}; with several instances each minute is
 * folded by exactly one of them (the rows are taken {@code for update skip locked} and deleted in the same
 * transaction). The tally is in the database, so a restart loses nothing that was counted.
 */
@Component
@EnableScheduling
public class RefusalTally {

    /** How often the closed minutes are folded: a refusal is in the chain at most a minute and this long after it. */
    public static final long FOLD_EVERY_MS = 10_000;
    /** The field of a folded entry that holds how many refusals it stands for, and the one naming the minute. */
    public static final String REFUSALS = "refusals";
    public static final String MINUTE = "minute";
    private static final int FOLD_BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(RefusalTally.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    @Autowired
    RefusalTally(JdbcClient jdbc, AuditTrail audit, TransactionTemplate transactions) {
        this(jdbc, audit, transactions, Clock.systemUTC());
    }

    RefusalTally(JdbcClient jdbc, AuditTrail audit, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Counts one refusal of this kind in the current minute. Joins the caller's transaction if there is one: a caller
     * whose transaction will roll back calls this outside it (as {@link AuditTrail#recordRefused} would write).
     */
    public void count(AuditTrail.Actor actor, AuditAction action, @Nullable String entityType, @Nullable String entityId,
                      @Nullable Long regionId, @Nullable String clientAddress, String why) {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        jdbc.sql("""
                        insert into refusal_tally(minute, action, account, role, entity_type, entity_id, region_id,
                                                  client_address, count, reasons)
                        values (:minute, :action, :account, :role, :type, :id, :region, :client, 1,
                                jsonb_build_object(cast(:why as text), 1))
                        on conflict (minute, action, account, entity_type, entity_id, client_address) do update
                            set count = refusal_tally.count + 1,
                                role = coalesce(refusal_tally.role, excluded.role),
                                region_id = coalesce(refusal_tally.region_id, excluded.region_id),
                                reasons = refusal_tally.reasons || jsonb_build_object(cast(:why as text),
                                        coalesce(cast(refusal_tally.reasons ->> cast(:why as text) as integer), 0) + 1)""")
                .param("minute", Timestamp.from(minute)).param("action", action.name())
                .param("account", key(actor.account(), 64)).param("role", actor.role())
                .param("type", key(entityType, 40)).param("id", key(entityId, 64)).param("region", regionId)
                .param("client", key(clientAddress, 64)).param("why", why.length() > 200 ? why.substring(0, 200) : why)
                .update();
    }

    /** Folds every minute that is over (the scheduler; also safe to call by hand). Returns the entries written. */
    @Scheduled(fixedDelay = FOLD_EVERY_MS, initialDelay = FOLD_EVERY_MS)
    public int foldClosedMinutes() {
        try {
            return foldBefore(clock.instant().truncatedTo(ChronoUnit.MINUTES));
        } catch (RuntimeException e) {
            // the rows stay in the tally and the next run folds them
            log.warn("Folding refusals into the audit trail failed; trying again in {} ms: {}", FOLD_EVERY_MS,
                    e.toString());
            return 0;
        }
    }

    /**
     * Folds every minute that began before {@code cutoff} into chain entries, oldest first. A cutoff after the
     * current minute's start also folds the minute still under way (tests, a last fold at shut-down); refusals counted
     * after that start a new tally for the same minute.
     */
    public int foldBefore(Instant cutoff) {
        int total = 0;
        int folded;
        do {
            Integer n = transactions.execute(status -> foldBatch(cutoff));
            folded = n == null ? 0 : n;
            total += folded;
        } while (folded == FOLD_BATCH);
        return total;
    }

    private int foldBatch(Instant cutoff) {
        record Row(long id, Instant minute, AuditAction action, String account, @Nullable String role,
                   String entityType, String entityId, @Nullable Long regionId, String client, int count,
                   String reasons) {
        }
        List<Row> rows = jdbc.sql("""
                        select id, minute, action, account, role, entity_type, entity_id, region_id, client_address,
                               count, cast(reasons as text)
                        from refusal_tally where minute < :cutoff
                        order by minute, id limit :batch
                        for update skip locked""")
                .param("cutoff", Timestamp.from(cutoff)).param("batch", FOLD_BATCH)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                        AuditAction.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getObject(8, Long.class), rs.getString(9), rs.getInt(10), rs.getString(11)))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        List<AuditTrail.Event> events = new ArrayList<>();
        List<@Nullable String> clients = new ArrayList<>();
        for (Row row : rows) {
            events.add(new AuditTrail.Event(new AuditTrail.Actor(absent(row.account()), row.role()), row.action(),
                    absent(row.entityType()), absent(row.entityId()), row.regionId(),
                    List.of(FieldChange.of(REFUSALS, null, row.count()), FieldChange.of(MINUTE, null, row.minute())),
                    reason(row.reasons())));
            clients.add(absent(row.client()));
        }
        audit.recordAll(events, clients);
        jdbc.sql("delete from refusal_tally where id = any(:ids)")
                .param("ids", rows.stream().map(Row::id).toArray(Long[]::new)).update();
        return rows.size();
    }

    /** "why × n" for each reason, most frequent first, e.g. "BadCredentialsException × 5; locked for this address × 195". */
    static String reason(String reasonsJson) {
        Map<String, Integer> reasons = new TreeMap<>(JSON.readValue(reasonsJson, new TypeReference<Map<String, Integer>>() {
        }));
        return String.join("; ", reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getKey() + " × " + e.getValue()).toList());
    }

    private static String key(@Nullable String part, int max) {
        if (part == null) {
            return "";
        }
        return part.length() > max ? part.substring(0, max) : part;
    }

    private static @Nullable String absent(String part) {
        return part.isEmpty() ? null : part;
    }
}
