package org.tuopin.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.access.CurrentScope;
import org.tuopin.access.Role;
import org.tuopin.access.Scope;
import org.tuopin.base.StreamingJdbc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the audit trail for the audit view, its exports and the API. A local office (DATA_ENTRY) reads
 * only its own entries; supervisors, auditors and administrators read the entries about regions in their
 * scope, and entries about no region (sign-ins, role policy) only when their scope is the whole country.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("isAuthenticated()")
public class AuditQueryService {

    /** What the auditor narrowed the trail to; every field is optional. */
    public record AuditFilter(@Nullable Instant from, @Nullable Instant to, @Nullable String account,
                              @Nullable String regionCode, @Nullable String entityType, @Nullable String entityId,
                              @Nullable AuditAction action) {

        public static AuditFilter none() {
            return new AuditFilter(null, null, null, null, null, null, null);
        }

        public static AuditFilter history(String entityType, String entityId) {
            return new AuditFilter(null, null, null, null, entityType, entityId, null);
        }
    }

    public record AuditRow(long seq, Instant at, @Nullable String account, @Nullable String role,
                           @Nullable String clientAddress, AuditAction action, @Nullable String entityType,
                           @Nullable String entityId, @Nullable String regionCode, List<FieldChange> changes,
                           @Nullable String reason, String hash) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final CurrentScope currentScope;

    AuditQueryService(NamedParameterJdbcTemplate jdbc, CurrentScope currentScope) {
        this.jdbc = jdbc;
        this.streaming = StreamingJdbc.on(jdbc.getJdbcTemplate().getDataSource());
        this.currentScope = currentScope;
    }

    private static final String SELECT = """
            select e.seq, e.at, e.account, e.role, e.client_address, e.action, e.entity_type, e.entity_id,
                   r.code as region_code, e.changes, e.reason, e.hash
            from audit_entry e left join region r on r.id = e.region_id
            """;

    public List<AuditRow> find(AuditFilter filter, int offset, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, params);
        params.addValue("limit", limit).addValue("offset", offset);
        return jdbc.query(SELECT + where + " order by e.seq desc limit :limit offset :offset", params,
                AuditQueryService::map);
    }

    public int count(AuditFilter filter) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, params);
        Integer n = jdbc.queryForObject("select count(*) from audit_entry e left join region r on r.id = e.region_id"
                + where, params, Integer.class);
        return n == null ? 0 : n;
    }

    /** Every matching entry, oldest first, without holding them all in memory. */
    public long stream(AuditFilter filter, Consumer<AuditRow> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, params);
        long[] n = {0};
        streaming.query(SELECT + where + " order by e.seq", params, (RowCallbackHandler) rs -> {
            sink.accept(map(rs, 0));
            n[0]++;
        });
        return n[0];
    }

    private String where(AuditFilter f, MapSqlParameterSource params) {
        Scope scope = currentScope.require();
        List<String> conditions = new ArrayList<>();
        if (scope.role() == Role.DATA_ENTRY) {
            conditions.add("e.account = :me");
        } else if ("CN/".equals(scope.path())) {
            conditions.add("(r.path like :scope or e.region_id is null or e.account = :me)");
        } else {
            conditions.add("(r.path like :scope or e.account = :me)");
        }
        params.addValue("me", scope.username()).addValue("scope", scope.path() + "%");
        if (f.from() != null) {
            conditions.add("e.at >= :from");
            params.addValue("from", Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            conditions.add("e.at < :to");
            params.addValue("to", Timestamp.from(f.to()));
        }
        if (f.account() != null && !f.account().isBlank()) {
            conditions.add("e.account = :account");
            params.addValue("account", f.account().trim());
        }
        if (f.regionCode() != null && !f.regionCode().isBlank()) {
            conditions.add("r.path like (select path from region where code = :region) || '%'");
            params.addValue("region", f.regionCode().trim());
        }
        if (f.entityType() != null && !f.entityType().isBlank()) {
            conditions.add("e.entity_type = :type");
            params.addValue("type", f.entityType());
        }
        if (f.entityId() != null && !f.entityId().isBlank()) {
            conditions.add("e.entity_id = :id");
            params.addValue("id", f.entityId().trim());
        }
        if (f.action() != null) {
            conditions.add("e.action = :action");
            params.addValue("action", f.action().name());
        }
        return " where " + String.join(" and ", conditions);
    }

    private static AuditRow map(ResultSet rs, int n) throws SQLException {
        return new AuditRow(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("account"),
                rs.getString("role"), rs.getString("client_address"), AuditAction.valueOf(rs.getString("action")),
                rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("region_code"),
                changes(rs.getString("changes")), rs.getString("reason"), rs.getString("hash"));
    }

    static List<FieldChange> changes(String json) {
        List<FieldChange> list = new ArrayList<>();
        for (JsonNode node : JSON.readTree(json)) {
            list.add(new FieldChange(node.get("field").asString(), text(node.get("before")), text(node.get("after"))));
        }
        return list;
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}
