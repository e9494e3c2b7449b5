package org.tuopin.dashboard;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ValueKind;
import org.tuopin.security.Scope;
import org.tuopin.security.ScopeSql;

/**
 * Sums reported values over a region's subtree without counting any value twice. Figures are reported at
 * every level (China, a province, a prefecture, a county), so a value is left out when a region above it,
 * inside the part of the tree being summed, reported the same metric, kind and year: Sichuan's own figure
 * wins over Liangshan's, Liangshan's over its counties'. Ancestors come from the materialised path: a window
 * per level, partitioned by the path segment of that level, tells whether the ancestor there reported.
 */
@Component
class RegionRollup {

    /** How values are grouped. */
    enum Mode {
        /** One bucket, the root: its own value where it has one, else the sum of the topmost values below. */
        OWN_OR_BELOW,
        /** One bucket per region one level below the root, each its own value or the sum below it. */
        BY_CHILD,
        /** One bucket, the root, summing only the topmost values strictly below it (to compare with its own). */
        BELOW_ONLY
    }

    /** A summed amount: the region it belongs to ({@code bucket}), and whether that region reported it itself. */
    record Rolled(String bucket, int year, Metric metric, ValueKind kind, BigDecimal sum, int regions, boolean own) {
    }

    /** The depth of a county, the lowest level: 'CN/510000/513400/513431/'. */
    private static final int MAX_DEPTH = 4;

    private final JdbcClient jdbc;

    RegionRollup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param rootPath the path of the region whose subtree is summed; the caller has checked that it lies
     *                 in the scope, and the scope condition is applied again in the query
     * @param basis    approved reports only, or every state
     */
    List<Rolled> rollup(Scope scope, String rootPath, Mode mode, Set<Metric> metrics, Set<ValueKind> kinds,
                        int fromYear, int toYear, FigureBasis basis) {
        int depth = (int) rootPath.chars().filter(ch -> ch == '/').count();
        int bucketDepth = mode == Mode.BY_CHILD ? depth + 1 : depth;
        int shadowFrom = mode == Mode.OWN_OR_BELOW ? depth : depth + 1;
        // one window per level that can hide values below it: "did the region at depth d above this row report
        // the same metric, kind and year?" Levels are fixed (country, province, prefecture, county), so at most
        // three windows; no self-join, whose plan degrades badly when the statistics are stale.
        StringBuilder windows = new StringBuilder();
        StringBuilder hidden = new StringBuilder("false");
        for (int d = Math.max(shadowFrom, 1); d < MAX_DEPTH; d++) {
            windows.append(", bool_or(v.depth = ").append(d).append(") over (partition by v.year, v.metric, v.kind, ")
                    .append("split_part(v.path, '/', ").append(d).append(")) as at").append(d);
            hidden.append(" or (depth > ").append(d).append(" and at").append(d).append(')');
        }
        return jdbc.sql("""
                        with v as (
                            select r.code, r.path, length(r.path) - length(replace(r.path, '/', '')) as depth,
                                   yr.year, fv.metric, fv.kind, fv.value
                            from figure_value fv join yearly_report yr on yr.id = fv.report_id
                            join region r on r.id = yr.region_id
                            where r.path like :scope and r.path like :under and fv.metric in (:metrics)
                              and fv.kind in (:kinds) and yr.year between :from and :to and %s
                              and (:withRoot or r.path <> :root)
                        ),
                        marked as (select v.*%s from v)
                        select split_part(path, '/', :bucketDepth) as bucket, year, metric, kind, sum(value), count(*),
                               bool_or(code = split_part(path, '/', :bucketDepth))
                        from marked where not (%s)
                        group by 1, 2, 3, 4 order by 1, 2, 3, 4""".formatted(basis.condition(), windows, hidden))
                .param("scope", ScopeSql.param(scope)).param("under", rootPath + "%").param("root", rootPath)
                .param("withRoot", mode == Mode.OWN_OR_BELOW)
                .param("metrics", metrics.stream().map(Metric::code).toList())
                .param("kinds", kinds.stream().map(ValueKind::code).toList())
                .param("from", fromYear).param("to", toYear)
                .param("bucketDepth", bucketDepth)
                .query((rs, n) -> new Rolled(rs.getString(1), rs.getInt(2), Metric.fromCode(rs.getString(3)).orElseThrow(),
                        ValueKind.fromCode(rs.getString(4)).orElseThrow(), rs.getBigDecimal(5), rs.getInt(6),
                        rs.getBoolean(7)))
                .list();
    }
}
