package org.tuopin.dashboard;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.tuopin.access.Scope;
import org.tuopin.access.ScopeSql;

/** The published aggregate counts of table {@code dispatch_count} (the same rows as {@code DispatchCountService}). */
@Component
class PublishedDispatchCounts implements OfficialsDispatchedSource {

    private final JdbcClient jdbc;

    PublishedDispatchCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String labelKey() {
        return "dashboard.officials.published";
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public List<RoleRankCount> counts(Scope scope, int year) {
        return jdbc.sql("""
                        select d.role, d.rank, sum(d.count)
                        from dispatch_count d left join region r on r.id = d.region_id
                        left join region_group g on g.id = d.group_id
                        where d.year = :year and """ + ScopeSql.OWNER_IN_SCOPE + """
                         group by d.role, d.rank order by d.role, d.rank nulls first""")
                .param("year", year).param("scope", ScopeSql.param(scope))
                .query((rs, n) -> new RoleRankCount(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
    }
}
