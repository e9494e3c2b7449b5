package org.tuopin.dispatch;

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
import org.tuopin.access.ScopeSql;
import org.tuopin.base.StreamingJdbc;

/** The published counts of officials dispatched, as the study gives them, within the caller's scope. */
@Service
@Transactional(readOnly = true)
@PreAuthorize("isAuthenticated()")
public class DispatchCountService {

    public record DispatchCount(String regionCode, int year, String sendingBody, String role, @Nullable String rank,
                                long count, @Nullable String source, @Nullable String note) {
    }

    private final NamedParameterJdbcTemplate streaming;
    private final CurrentScope currentScope;

    DispatchCountService(JdbcTemplate jdbc, CurrentScope currentScope) {
        this.streaming = StreamingJdbc.on(jdbc.getDataSource());
        this.currentScope = currentScope;
    }

    public long stream(Consumer<DispatchCount> sink) {
        long[] n = {0};
        streaming.query("""
                        select coalesce(r.code, g.code), d.year, d.sending_body, d.role, d.rank, d.count, d.source, d.note
                        from dispatch_count d left join region r on r.id = d.region_id
                        left join region_group g on g.id = d.group_id
                        where """ + ScopeSql.OWNER_IN_SCOPE + " order by coalesce(r.path, g.code), d.year, d.id",
                new MapSqlParameterSource("scope", ScopeSql.param(currentScope.require())),
                (RowCallbackHandler) rs -> {
                    sink.accept(new DispatchCount(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6), rs.getString(7), rs.getString(8)));
                    n[0]++;
                });
        return n[0];
    }
}
