package org.tuopin.dashboard;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tuopin.access.Scope;
import org.tuopin.access.ScopeSql;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ValueKind;

/**
 * Sums reported values over a region's subtree without counting any value twice. Figures are reported at
 * every level (China, a province, a prefecture, a county), so a value is left out when a region above it,
 * inside the part of the tree being summed, reported the same metric, kind and year: Sichuan's own figure
 * wins over Liangshan's, Liangshan's over its counties'. A row's ancestors are its parent, grandparent and
 * great-grandparent (the levels are fixed); anti-joins on them tell whether one of them reported.
 */
@Component
class RegionRollup {

    /** How values are grouped. */
    enum Mode {
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
        // "did a region above this value, inside the part being summed, report the same metric, kind and year?" The
        // levels are fixed (country, province, prefecture, county), so a value has at most three regions above it,
        // the same for all its siblings: values are first summed per parent (a few thousand sums instead of a
        // hundred thousand values, in a hash table), then three anti-joins drop the sums whose parent, grandparent
        // or great-grandparent reported, looked up among the values of regions that have regions below them (few:
        // the bulk of the values are counties'). The window functions this replaced sorted every value of the
        // country three times (2.6 s for one year of China's region page on the national data set). The root's own
        // values are never among them: the modes sum what lies below it.
        String values = """
                from figure_value fv join yearly_report yr on yr.id = fv.report_id
                join region r on r.id = yr.region_id
                where r.path like :scope and r.path like :under and fv.metric in (:metrics)
                  and fv.kind in (:kinds) and yr.year between :from and :to and %s
                  and r.path <> :root""".formatted(basis.condition());
        // the per-parent sums are a hash aggregate of up to ~100,000 values: with the default 4 MB PostgreSQL
        // sorts them instead, which took most of the time at national scale
        Aggregation.prepare(jdbc);
        return jdbc.sql("""
                        with above as (select r.id, yr.year, fv.metric, fv.kind %1$s and r.level <> 'COUNTY'),
                        siblings as (
                            select r.parent_id as up1, split_part(r.path, '/', %2$d) as bucket, yr.year, fv.metric,
                                   fv.kind, sum(fv.value) as total, count(*) as regions,
                                   bool_or(r.code = split_part(r.path, '/', %2$d)) as own
                            %1$s
                            group by r.parent_id, split_part(r.path, '/', %2$d), yr.year, fv.metric, fv.kind)
                        select s.bucket, s.year, s.metric, s.kind, sum(s.total), sum(s.regions), bool_or(s.own)
                        from siblings s left join region p1 on p1.id = s.up1 left join region p2 on p2.id = p1.parent_id
                        where not exists (select 1 from above a where a.id = s.up1 and a.year = s.year
                                            and a.metric = s.metric and a.kind = s.kind)
                          and not exists (select 1 from above a where a.id = p1.parent_id and a.year = s.year
                                            and a.metric = s.metric and a.kind = s.kind)
                          and not exists (select 1 from above a where a.id = p2.parent_id and a.year = s.year
                                            and a.metric = s.metric and a.kind = s.kind)
                        group by 1, 2, 3, 4 order by 1, 2, 3, 4""".formatted(values, bucketDepth))
                .param("scope", ScopeSql.param(scope)).param("under", rootPath + "%").param("root", rootPath)
                .param("metrics", metrics.stream().map(Metric::code).toList())
                .param("kinds", kinds.stream().map(ValueKind::code).toList())
                .param("from", fromYear).param("to", toYear)
                .query((rs, n) -> new Rolled(rs.getString(1), rs.getInt(2), Metric.fromCode(rs.getString(3)).orElseThrow(),
                        ValueKind.fromCode(rs.getString(4)).orElseThrow(), rs.getBigDecimal(5), rs.getInt(6),
                        rs.getBoolean(7)))
                .list();
    }
}
