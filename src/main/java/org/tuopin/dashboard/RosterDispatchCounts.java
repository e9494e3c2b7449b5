package org.tuopin.dashboard;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tuopin.security.Scope;
import org.tuopin.security.ScopeSql;

/**
 * The roster's own count: the officials (by official id number, once each) whose posting in a region in scope
 * was running at some time in the year, by the role and rank of that posting. Shown beside the published
 * counts, never added to them: they may describe the same people.
 */
@Component
class RosterDispatchCounts implements OfficialsDispatchedSource {

    private final JdbcClient jdbc;

    RosterDispatchCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String labelKey() {
        return "dashboard.officials.roster";
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public String rankLabelKey(String rank) {
        return "dashboard.officials.roster." + rank;
    }

    @Override
    public List<RoleRankCount> counts(Scope scope, int year) {
        return jdbc.sql("""
                        select p.role, p.rank, count(distinct p.official_no)
                        from official_posting p
                        where p.region_path like :scope and p.start_date <= :last
                          and (p.end_date is null or p.end_date >= :first)
                        group by p.role, p.rank order by p.role, p.rank""")
                .param("scope", ScopeSql.param(scope))
                .param("first", LocalDate.of(year, 1, 1)).param("last", LocalDate.of(year, 12, 31))
                .query((rs, n) -> new RoleRankCount(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
    }
}
