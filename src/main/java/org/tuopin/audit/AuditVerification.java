package org.tuopin.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Walks the whole chain in order and recomputes every hash. */
@Service
public class AuditVerification {

    /** Either intact with the number of entries, or the first entry that does not match and why. */
    public record Result(boolean intact, long entries, @Nullable Long firstBadSeq, @Nullable String problem) {
    }

    private final JdbcTemplate streaming;

    AuditVerification(JdbcTemplate jdbc) {
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(1000);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN', 'SUPERVISOR')")
    public Result verify() {
        var state = new Object() {
            long expectedSeq = 1;
            String prevHash = "0".repeat(64);
            long count;
            Long badSeq;
            String problem;
        };
        streaming.query("""
                select seq, at, account, role, client_address, action, entity_type, entity_id, region_id, changes,
                       reason, prev_hash, hash from audit_entry order by seq""", (RowCallbackHandler) rs -> {
            if (state.badSeq != null) {
                return;
            }
            long seq = rs.getLong("seq");
            String problem = check(rs, seq, state.expectedSeq, state.prevHash);
            if (problem != null) {
                state.badSeq = seq;
                state.problem = problem;
                return;
            }
            state.prevHash = rs.getString("hash");
            state.expectedSeq = seq + 1;
            state.count++;
        });
        if (state.badSeq == null) {
            // entries cut off the end leave a shorter chain that is intact in itself: the head remembers the last one
            var head = streaming.queryForMap("select seq, hash from audit_head where id = 1");
            if (((Number) head.get("seq")).longValue() != state.count || !state.prevHash.equals(head.get("hash"))) {
                return new Result(false, state.count, state.count + 1, "entries after " + state.count + " are missing");
            }
        }
        return new Result(state.badSeq == null, state.count, state.badSeq, state.problem);
    }

    private static @Nullable String check(ResultSet rs, long seq, long expectedSeq, String prevHash) throws SQLException {
        if (seq != expectedSeq) {
            return "entry " + expectedSeq + " is missing";
        }
        if (!prevHash.equals(rs.getString("prev_hash"))) {
            return "the link to the previous entry is broken";
        }
        Instant at = rs.getTimestamp("at").toInstant();
        Long region = rs.getObject("region_id") == null ? null : rs.getLong("region_id");
        String expected = AuditTrail.hash(prevHash, AuditTrail.canonical(seq, at, rs.getString("account"),
                rs.getString("role"), rs.getString("client_address"), rs.getString("action"),
                rs.getString("entity_type"), rs.getString("entity_id"), region, rs.getString("changes"),
                rs.getString("reason")));
        if (!expected.equals(rs.getString("hash"))) {
            return "the content does not match its hash";
        }
        return null;
    }
}
