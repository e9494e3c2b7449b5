package org.tuopin.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.tuopin.base.ReadFromPrimary;
import org.tuopin.audit.AuditCheckpoints.Checkpoint;

/**
 * Walks the whole chain in order and recomputes every hash, then compares it with the latest signed checkpoint
 * (DD025). The entries and the head are read by one statement, so that they come from one snapshot: entries
 * appended meanwhile are simply not part of it, and only real tampering is reported. It reads the primary: a
 * replica that lags behind the latest checkpoint would look like a trail whose end was cut off.
 */
@Service
public class AuditVerification {

    /**
     * Either intact with the number of entries, or the first entry that does not match and why; {@code checkpoint}
     * is the signed checkpoint the chain was compared with (null when there is none yet, or for {@link #verifyChain}).
     */
    public record Result(boolean intact, long entries, @Nullable Long firstBadSeq, @Nullable String problem,
                         @Nullable Checkpoint checkpoint) {
    }

    private final JdbcTemplate streaming;
    private final @Nullable AuditCheckpoints checkpoints;

    @Autowired
    AuditVerification(JdbcTemplate jdbc, AuditCheckpoints checkpoints) {
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(1000);
        this.checkpoints = checkpoints;
    }

    /** The chain alone, without checkpoints: for a database of its own (a test's, a copy being examined). */
    AuditVerification(JdbcTemplate jdbc) {
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(1000);
        this.checkpoints = null;
    }

    /** The chain, and the latest signed checkpoint against it. */
    @ReadFromPrimary
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN', 'SUPERVISOR')")
    public Result verify() {
        Checkpoint checkpoint = checkpoints == null ? null : checkpoints.latest().orElse(null);
        return walk(checkpoint);
    }

    /**
     * The chain in itself: every hash and link and the head. Someone with the owner's rights who rewrote the entries
     * and every hash after them passes this; {@link #verify} does not.
     */
    @ReadFromPrimary
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN', 'SUPERVISOR')")
    public Result verifyChain() {
        return walk(null);
    }

    private Result walk(@Nullable Checkpoint checkpoint) {
        if (checkpoint != null && checkpoints != null && !checkpoints.signatureVerifies(checkpoint)) {
            return new Result(false, 0, checkpoint.seq(), "the signature of the checkpoint of " + checkpoint.at()
                    + " does not verify: the checkpoint file was altered or signed with another key", checkpoint);
        }
        var state = new Object() {
            long expectedSeq = 1;
            String prevHash = "0".repeat(64);
            int version = 1;
            long count;
            long headSeq;
            String headHash;
            Long badSeq;
            String problem;
            String hashAtCheckpoint;
        };
        // the head joined to every entry (and alone when there is none): one statement, one snapshot
        streaming.query("""
                select h.seq as head_seq, h.hash as head_hash, e.seq, e.at, e.account, e.role, e.client_address,
                       e.action, e.entity_type, e.entity_id, e.region_id, e.changes, e.reason, e.prev_hash, e.hash,
                       e.hash_version
                from audit_head h left join audit_entry e on true
                where h.id = 1 order by e.seq""", (RowCallbackHandler) rs -> {
            state.headSeq = rs.getLong("head_seq");
            state.headHash = rs.getString("head_hash");
            if (state.badSeq != null || rs.getObject("seq") == null) {
                return;
            }
            long seq = rs.getLong("seq");
            int version = rs.getInt("hash_version");
            String problem = version < state.version ? "its hash version " + version + " follows version "
                    + state.version + ": the old encoding is never written again"
                    : check(rs, seq, version, state.expectedSeq, state.prevHash);
            if (problem != null) {
                state.badSeq = seq;
                state.problem = problem;
                return;
            }
            if (checkpoint != null && seq == checkpoint.seq()) {
                state.hashAtCheckpoint = rs.getString("hash");
            }
            state.version = version;
            state.prevHash = rs.getString("hash");
            state.expectedSeq = seq + 1;
            state.count++;
        });
        if (state.badSeq != null) {
            return new Result(false, state.count, state.badSeq, state.problem, checkpoint);
        }
        // entries cut off the end leave a shorter chain that is intact in itself: the head remembers the last one
        if (state.headSeq != state.count || !state.prevHash.equals(state.headHash)) {
            return new Result(false, state.count, state.count + 1, "entries after " + state.count + " are missing",
                    checkpoint);
        }
        if (checkpoint != null) {
            String differs = againstCheckpoint(checkpoint, state.count, state.hashAtCheckpoint);
            if (differs != null) {
                return new Result(false, state.count, Math.min(checkpoint.seq(), state.count + 1), differs, checkpoint);
            }
        }
        return new Result(true, state.count, null, null, checkpoint);
    }

    private static @Nullable String againstCheckpoint(Checkpoint checkpoint, long entries, @Nullable String hashThere) {
        if (checkpoint.seq() > entries) {
            return "the signed checkpoint of " + checkpoint.at() + " names entry " + checkpoint.seq()
                    + ", but the chain ends at entry " + entries + ": entries were removed and the head set back";
        }
        if (checkpoint.seq() > 0 && !checkpoint.hash().equals(hashThere)) {
            return "entry " + checkpoint.seq() + " has the hash " + hashThere + ", but the signed checkpoint of "
                    + checkpoint.at() + " says " + checkpoint.hash() + ": the trail up to that entry was rewritten "
                    + "after the checkpoint, hashes and all";
        }
        return null;
    }

    private static @Nullable String check(ResultSet rs, long seq, int version, long expectedSeq, String prevHash)
            throws SQLException {
        if (seq != expectedSeq) {
            return "entry " + expectedSeq + " is missing";
        }
        if (!prevHash.equals(rs.getString("prev_hash"))) {
            return "the link to the previous entry is broken";
        }
        Instant at = rs.getTimestamp("at").toInstant();
        Long region = rs.getObject("region_id") == null ? null : rs.getLong("region_id");
        String account = rs.getString("account");
        String role = rs.getString("role");
        String client = rs.getString("client_address");
        String action = rs.getString("action");
        String type = rs.getString("entity_type");
        String id = rs.getString("entity_id");
        String changes = rs.getString("changes");
        String reason = rs.getString("reason");
        String canonical = switch (version) {
            case 1 -> AuditTrail.canonicalV1(seq, at, account, role, client, action, type, id, region, changes, reason);
            case 2 -> AuditTrail.canonical(seq, at, account, role, client, action, type, id, region, changes, reason);
            default -> null;
        };
        if (canonical == null) {
            return "its hash version " + version + " is unknown";
        }
        if (!AuditTrail.hash(prevHash, canonical).equals(rs.getString("hash"))) {
            return "the content does not match its hash";
        }
        return null;
    }
}
