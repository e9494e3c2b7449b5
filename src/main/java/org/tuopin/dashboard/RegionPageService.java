package org.tuopin.dashboard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.access.CurrentScope;
import org.tuopin.access.Scope;
import org.tuopin.base.NotFoundException;
import org.tuopin.dashboard.RegionRollup.Mode;
import org.tuopin.figures.FigureRow;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ReportState;
import org.tuopin.figures.Unit;
import org.tuopin.figures.ValueKind;
import org.tuopin.region.RegionLevel;
import org.tuopin.region.RegionRef;

/**
 * Everything about one region for its page: its place in the tree, its own figures of every year, the
 * regions below it with their sums against its own figures, the officials dispatched to it and the
 * pairings it receives. A region outside the caller's scope does not exist here either.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("isAuthenticated()")
public class RegionPageService {

    /**
     * @param breadcrumb the regions from the caller's own region down to this one's parent (those above the
     *                   caller's region are outside the scope and not shown)
     */
    public record Profile(RegionRef region, List<RegionRef> breadcrumb, List<RegionRef> below) {
    }

    /**
     * One metric, kind and year: the region's own value against the sum of the topmost regions below it that
     * reported it ({@code regionsBelow} of them). Rates are not added up and are not compared.
     */
    public record Comparison(int year, Metric metric, ValueKind kind, @Nullable BigDecimal own, BigDecimal below,
                             int regionsBelow) {

        /** True when the region reported a value and it is not the sum of what the regions below reported. */
        public boolean differs() {
            return own != null && own.compareTo(below) != 0;
        }
    }

    /** A published count of officials dispatched to the region. */
    public record Dispatch(int year, String sendingBody, String role, @Nullable String rank, long count,
                           @Nullable String source) {
    }

    /** A pairing the region receives: who, what kind of donor, when, and the source; the money is on the pairing pages. */
    public record Pairing(String donor, String donorType, int year, @Nullable String source) {
    }

    private final JdbcClient jdbc;
    private final CurrentScope currentScope;
    private final RegionRollup rollup;

    RegionPageService(JdbcClient jdbc, CurrentScope currentScope, RegionRollup rollup) {
        this.jdbc = jdbc;
        this.currentScope = currentScope;
        this.rollup = rollup;
    }

    private record Found(long id, String path, RegionRef ref) {
    }

    private Found region(Scope scope, String code) {
        return jdbc.sql("select id, code, name_en, name_zh, level, path from region where code = :code and path like :scope")
                .param("code", code).param("scope", scope.path() + "%")
                .query((rs, n) -> new Found(rs.getLong(1), rs.getString(6), new RegionRef(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), RegionLevel.valueOf(rs.getString(5)), false)))
                .optional().orElseThrow(() -> new NotFoundException("Region " + code));
    }

    public Profile profile(String code) {
        Scope scope = currentScope.require();
        Found region = region(scope, code);
        List<String> ancestors = new ArrayList<>(Arrays.asList(region.path().split("/")));
        ancestors.removeLast();
        List<RegionRef> breadcrumb = ancestors.isEmpty() ? List.of() : jdbc.sql("""
                        select id, code, name_en, name_zh, level from region
                        where code in (:codes) and path like :scope order by path""")
                .param("codes", ancestors).param("scope", scope.path() + "%")
                .query((rs, n) -> ref(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
        List<RegionRef> below = jdbc.sql("""
                        select id, code, name_en, name_zh, level from region
                        where parent_id = :id and path like :scope order by path""")
                .param("id", region.id()).param("scope", scope.path() + "%")
                .query((rs, n) -> ref(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
        return new Profile(region.ref(), breadcrumb, below);
    }

    private static RegionRef ref(long id, String code, String nameEn, String nameZh, String level) {
        return new RegionRef(id, code, nameEn, nameZh, RegionLevel.valueOf(level), false);
    }

    /** The region's own reported values of every year and state, by year, metric and kind. */
    public List<FigureRow> figures(String code) {
        Scope scope = currentScope.require();
        Found region = region(scope, code);
        return jdbc.sql("""
                        select fv.id, yr.year, fv.metric, fv.kind, fv.value, fv.source, fv.note, yr.state
                        from figure_value fv join yearly_report yr on yr.id = fv.report_id
                        where yr.region_id = :id order by yr.year, fv.metric, fv.kind""")
                .param("id", region.id())
                .query((rs, n) -> {
                    Metric metric = Metric.fromCode(rs.getString(3)).orElseThrow();
                    return new FigureRow(rs.getLong(1), region.ref().code(), region.ref().nameEn(), region.ref().nameZh(),
                            rs.getInt(2), metric, ValueKind.fromCode(rs.getString(4)).orElseThrow(), rs.getBigDecimal(5),
                            metric.unit(), rs.getString(6), rs.getString(7), ReportState.valueOf(rs.getString(8)));
                })
                .list();
    }

    /**
     * For every metric and kind that some region below reported in the year (in any state): the sum below against
     * the region's own value. Drafts count, so an office sees a discrepancy before it submits. One year at a time:
     * for China, every year at once means summing every value of the country (seconds at national scale).
     */
    public List<Comparison> belowAgainstOwn(String code, int year) {
        Scope scope = currentScope.require();
        Found region = region(scope, code);
        Set<Metric> summable = EnumSet.noneOf(Metric.class);
        for (Metric m : Metric.values()) {
            if (m.unit() != Unit.PERCENT) {
                summable.add(m);
            }
        }
        Set<ValueKind> kinds = EnumSet.allOf(ValueKind.class);
        Map<String, BigDecimal> own = new HashMap<>();
        jdbc.sql("""
                        select fv.metric, fv.kind, fv.value from figure_value fv join yearly_report yr on yr.id = fv.report_id
                        where yr.region_id = :id and yr.year = :year""")
                .param("id", region.id()).param("year", year)
                .query(rs -> {
                    own.put(rs.getString(1) + "/" + rs.getString(2), rs.getBigDecimal(3));
                });
        return rollup.rollup(scope, region.path(), Mode.BELOW_ONLY, summable, kinds, year, year, FigureBasis.ALL_STATES)
                .stream()
                .map(r -> new Comparison(r.year(), r.metric(), r.kind(),
                        own.get(r.metric().code() + "/" + r.kind().code()), r.sum(), r.regions()))
                .sorted(java.util.Comparator.comparing(Comparison::metric).thenComparing(Comparison::kind))
                .toList();
    }

    /** The published counts of officials dispatched to the region itself, from table {@code dispatch_count}. */
    public List<Dispatch> dispatches(String code) {
        Scope scope = currentScope.require();
        Found region = region(scope, code);
        return jdbc.sql("""
                        select year, sending_body, role, rank, count, source from dispatch_count
                        where region_id = :id order by year, role, rank nulls first, id""")
                .param("id", region.id())
                .query((rs, n) -> new Dispatch(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6)))
                .list();
    }

    /** The pairings the region receives: donor, donor type, year and source only (see DD009). */
    public List<Pairing> pairings(String code) {
        Scope scope = currentScope.require();
        Found region = region(scope, code);
        return jdbc.sql("""
                        select donor, donor_type, year, source from pairing
                        where recipient_region_id = :id order by year, donor, id""")
                .param("id", region.id())
                .query((rs, n) -> new Pairing(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)))
                .list();
    }
}
