package org.tuopin.pairing;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.base.StreamingJdbc;
import org.tuopin.security.CurrentScope;
import org.tuopin.security.ScopeSql;

/** Pairing assistance received by regions in the caller's scope. */
@Service
@Transactional(readOnly = true)
@PreAuthorize("isAuthenticated()")
public class PairingService {

    public record Pairing(String donor, String donorType, String recipientCode, int year, @Nullable Long fundsRmb,
                          @Nullable Integer projects, @Nullable Long peopleHelped, @Nullable String source,
                          @Nullable String note) {
    }

    private final NamedParameterJdbcTemplate streaming;
    private final CurrentScope currentScope;

    PairingService(JdbcTemplate jdbc, CurrentScope currentScope) {
        this.streaming = StreamingJdbc.on(jdbc.getDataSource());
        this.currentScope = currentScope;
    }

    public long stream(Consumer<Pairing> sink) {
        long[] n = {0};
        streaming.query("""
                        select p.donor, p.donor_type, r.code, p.year, p.funds_rmb, p.projects, p.people_helped, p.source,
                               p.note
                        from pairing p join region r on r.id = p.recipient_region_id
                        where r.path like :scope order by r.path, p.year, p.id""",
                new MapSqlParameterSource("scope", ScopeSql.param(currentScope.require())),
                (RowCallbackHandler) rs -> {
                    sink.accept(new Pairing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            (Long) rs.getObject(5, Long.class), (Integer) rs.getObject(6, Integer.class),
                            (Long) rs.getObject(7, Long.class), rs.getString(8), rs.getString(9)));
                    n[0]++;
                });
        return n[0];
    }
}
