package org.tuopin.dashboard;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.tuopin.access.Scope;
import org.tuopin.access.ScopeSql;

/**
 * The roster's own count: the officials (by official id number, once each) whose posting in a region in scope
 * was running at some time in the year, by the role and rank of that posting. Shown beside the published
 * counts, never added to them: they may describe the same people.
 *
 * <p>An official counts once per year, role and rank, in the region of his latest-starting posting with that
 * role and rank that ran in the year, so that the counts of regions add up to their parent's and the
 * country's is the number of distinct people. The counts come from {@code roster_count}, which the database keeps
 * exact in the same transaction as every roster write, for every reporting year (V10,
 * docs/design-decisions/DD012-roster-counts.md); a year that is not a reporting year has none.
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
        // counters exist for every reporting year (V10 fills a year when it is added); a year that is not one has
        // no roster counts, and the dashboard offers none
        return jdbc.sql("""
                        select c.role, c.rank, sum(c.officials)
                        from roster_count c
                        where c.year = :year and c.region_path like :scope
                        group by c.role, c.rank having sum(c.officials) > 0 order by c.role, c.rank""")
                .param("year", year).param("scope", ScopeSql.param(scope))
                .query((rs, n) -> new RoleRankCount(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
    }
}
