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
 * wins over Liangshan's, Liangshan's over its counties'. Ancestors come from the materialised path, so the
 * check is a hash join on the (at most four) path segments of each value, not a recursive query.
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
        return jdbc.sql("""
                        with v as (
                            select r.code, r.path, yr.year, fv.metric, fv.kind, fv.value
                            from figure_value fv join yearly_report yr on yr.id = fv.report_id
                            join region r on r.id = yr.region_id
                            where r.path like :scope and r.path like :under and fv.metric in (:metrics)
                              and fv.kind in (:kinds) and yr.year between :from and :to and %s
                              and (:withRoot or r.path <> :root)
                        ),
                        shadowed as (
                            select distinct v.code, v.year, v.metric, v.kind
                            from v cross join lateral unnest(string_to_array(rtrim(v.path, '/'), '/'))
                                 with ordinality as seg(code, depth)
                            join v a on a.code = seg.code and a.year = v.year and a.metric = v.metric and a.kind = v.kind
                            where seg.depth >= :shadowFrom and seg.code <> v.code
                        )
                        select split_part(v.path, '/', :bucketDepth) as bucket, v.year, v.metric, v.kind, sum(v.value),
                               count(*), bool_or(v.code = split_part(v.path, '/', :bucketDepth))
                        from v left join shadowed s
                             on s.code = v.code and s.year = v.year and s.metric = v.metric and s.kind = v.kind
                        where s.code is null
                        group by 1, 2, 3, 4 order by 1, 2, 3, 4""".formatted(basis.condition()))
                .param("scope", ScopeSql.param(scope)).param("under", rootPath + "%").param("root", rootPath)
                .param("withRoot", mode == Mode.OWN_OR_BELOW)
                .param("metrics", metrics.stream().map(Metric::code).toList())
                .param("kinds", kinds.stream().map(ValueKind::code).toList())
                .param("from", fromYear).param("to", toYear)
                .param("bucketDepth", bucketDepth).param("shadowFrom", shadowFrom)
                .query((rs, n) -> new Rolled(rs.getString(1), rs.getInt(2), Metric.fromCode(rs.getString(3)).orElseThrow(),
                        ValueKind.fromCode(rs.getString(4)).orElseThrow(), rs.getBigDecimal(5), rs.getInt(6),
                        rs.getBoolean(7)))
                .list();
    }
}
