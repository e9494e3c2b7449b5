package org.tuopin.dashboard;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ReportState;
import org.tuopin.security.CurrentScope;
import org.tuopin.security.Scope;
import org.tuopin.security.ScopeSql;

/**
 * Headline numbers for the signed-in account's scope, read from the database at the moment the page
 * opens: no analytics tables, no lag.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("isAuthenticated()")
public class DashboardService {

    /** The latest actual value of a metric for the scope's own region, with its year and source. */
    public record Headline(Metric metric, BigDecimal value, int year, @Nullable String source) {
    }

    /** The actual values of the scope's own region for one year, by metric. */
    public record YearFigures(int year, Map<Metric, BigDecimal> values) {
    }

    public record Overview(List<Headline> headlines, List<YearFigures> years, Map<ReportState, Integer> reportsByState,
                           int valuesInScope) {
    }

    private final JdbcClient jdbc;
    private final CurrentScope currentScope;

    DashboardService(JdbcClient jdbc, CurrentScope currentScope) {
        this.jdbc = jdbc;
        this.currentScope = currentScope;
    }

    public Overview overview() {
        Scope scope = currentScope.require();
        List<Headline> headlines = jdbc.sql("""
                        select distinct on (fv.metric) fv.metric, fv.value, yr.year, fv.source
                        from figure_value fv join yearly_report yr on yr.id = fv.report_id
                        where yr.region_id = :region and fv.kind = 'actual'
                        order by fv.metric, yr.year desc""")
                .param("region", scope.regionId())
                .query((rs, n) -> new Headline(Metric.fromCode(rs.getString(1)).orElseThrow(), rs.getBigDecimal(2),
                        rs.getInt(3), rs.getString(4)))
                .list()
                .stream().sorted((a, b) -> a.metric().compareTo(b.metric())).toList();

        Map<Integer, Map<Metric, BigDecimal>> byYear = new TreeMap<>();
        jdbc.sql("""
                        select yr.year, fv.metric, fv.value
                        from figure_value fv join yearly_report yr on yr.id = fv.report_id
                        where yr.region_id = :region and fv.kind = 'actual'""")
                .param("region", scope.regionId())
                .query(rs -> {
                    byYear.computeIfAbsent(rs.getInt(1), y -> new EnumMap<>(Metric.class))
                            .put(Metric.fromCode(rs.getString(2)).orElseThrow(), rs.getBigDecimal(3));
                });
        List<YearFigures> years = byYear.entrySet().stream().map(e -> new YearFigures(e.getKey(), e.getValue())).toList();

        Map<ReportState, Integer> states = new EnumMap<>(ReportState.class);
        for (ReportState s : ReportState.values()) {
            states.put(s, 0);
        }
        jdbc.sql("""
                        select yr.state, count(*) from yearly_report yr
                        left join region r on r.id = yr.region_id
                        left join region_group g on g.id = yr.group_id
                        where """ + ScopeSql.OWNER_IN_SCOPE + " group by yr.state")
                .param("scope", ScopeSql.param(scope))
                .query(rs -> {
                    states.put(ReportState.valueOf(rs.getString(1)), rs.getInt(2));
                });
        Integer values = jdbc.sql("""
                        select count(*) from figure_value fv join yearly_report yr on yr.id = fv.report_id
                        left join region r on r.id = yr.region_id
                        left join region_group g on g.id = yr.group_id
                        where """ + ScopeSql.OWNER_IN_SCOPE)
                .param("scope", ScopeSql.param(scope))
                .query(Integer.class).single();
        return new Overview(headlines, years, states, values);
    }

}
