package org.tuopin.dashboard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.tuopin.access.ScopeSql;
import org.tuopin.dashboard.ChartData.Category;
import org.tuopin.dashboard.ChartData.Label;
import org.tuopin.dashboard.ChartData.Series;
import org.tuopin.dashboard.RegionRollup.Mode;
import org.tuopin.dashboard.RegionRollup.Rolled;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ProgressService.Completeness;
import org.tuopin.figures.Unit;
import org.tuopin.figures.ValueKind;
import org.tuopin.pairing.DonorType;

/**
 * Headline numbers and chart data for the signed-in account's scope, computed in SQL at the moment the
 * page opens: no analytics tables, no lag. Every method can be called directly by tests.
 *
 * <p>Figures are reported at every level, so adding up "everything below" would count Liangshan twice
 * when Sichuan reports too. A region's amount is therefore its own reported value where it has one, and
 * otherwise the sum of the topmost regions below it that reported the value
 * (docs/design-decisions/DD009-dashboard-charts.md).
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("isAuthenticated()")
public class DashboardService {

    /** An amount for a region: its own reported value, or the sum of {@code regions} regions below it. */
    public record Amount(BigDecimal value, boolean own, int regions) {
    }

    /** The headline figures of the scope's own region for one year. Null amounts were not reported. */
    public record Headlines(int year, @Nullable Amount poorPopulation, @Nullable Amount liftedOut,
                            @Nullable Amount liftedOutTarget, @Nullable Amount villagesExited,
                            @Nullable Amount countiesExited, int awaitingReview, int returned) {
    }

    /** A year's headlines and charts by region, from one roll-up ({@link #yearFigures}). */
    public record YearFigures(Headlines headlines, ChartData poorPopulation, ChartData liftedOut, ChartData funds) {
    }

    /** The roles and ranks of {@code dispatch_count}, in the order the chart lists them. */
    static final List<String> ROLES = List.of("FIRST_SECRETARY", "VILLAGE_WORK_TEAM", "COMPREHENSIVE_ASSISTANCE_TEAM",
            "TEMPORARY_POST", "TECHNICAL_TALENT");
    static final List<String> RANKS = List.of("DEPARTMENT_LEVEL", "DIVISION_LEVEL", "YOUNG_DIVISION_RESERVE",
            "SECTION_LEVEL", "OTHER", "NONE");

    private final JdbcClient jdbc;
    private final CurrentScope currentScope;
    private final List<OfficialsDispatchedSource> officialsSources;
    private final RegionRollup rollup;

    DashboardService(JdbcClient jdbc, CurrentScope currentScope,
                     List<OfficialsDispatchedSource> officialsSources, RegionRollup rollup) {
        this.jdbc = jdbc;
        this.rollup = rollup;
        this.currentScope = currentScope;
        this.officialsSources = officialsSources.stream()
                .sorted(Comparator.comparingInt(OfficialsDispatchedSource::order)).toList();
    }

    /** The reporting years, oldest first. */
    public List<Integer> years() {
        return jdbc.sql("select year from reporting_year order by year").query(Integer.class).list();
    }

    /** The latest year with any reported value in scope (on the basis), or the latest reporting year. */
    public int latestYear(FigureBasis basis) {
        Scope scope = currentScope.require();
        Aggregation.prepare(jdbc);
        // newest first, stopping at the first report with a value: regions' and groups' reports apart, so that
        // each half is one index scan by year instead of checking every report of the country
        Integer year = jdbc.sql("""
                        select max(year) from (
                            (select yr.year from yearly_report yr join region r on r.id = yr.region_id
                             where r.path like :scope and %1$s
                               and exists (select 1 from figure_value fv where fv.report_id = yr.id)
                             order by yr.year desc limit 1)
                            union all
                            select (select yr.year from yearly_report yr
                                    where yr.group_id = g.id and %1$s
                                      and exists (select 1 from figure_value fv where fv.report_id = yr.id)
                                    order by yr.year desc limit 1)
                            from region_group g left join region r on false where %2$s) latest"""
                        .formatted(basis.condition(), ScopeSql.OWNER_IN_SCOPE))
                .param("scope", ScopeSql.param(scope)).query(Integer.class).optional().orElse(null);
        if (year != null) {
            return year;
        }
        List<Integer> years = years();
        return years.isEmpty() ? java.time.Year.now().getValue() : years.getLast();
    }

    /**
     * The year's headlines and its three charts by region one level below the scope's own: the remaining poor
     * population, people lifted out against the year's target, and funds by source. The dashboard shows them together,
     * so they come from one roll-up of every metric they need.
     */
    public YearFigures yearFigures(int year, FigureBasis basis) {
        Scope scope = currentScope.require();
        YearRollup rolled = yearRollup(scope, year, basis);
        return new YearFigures(headlines(scope, year, rolled), byRegion(rolled, POOR_POPULATION, Unit.PERSONS),
                byRegion(rolled, LIFTED_OUT, Unit.PERSONS), fundsBySource(byRegion(rolled, FUNDS, Unit.RMB)));
    }

    private Headlines headlines(Scope scope, int year, YearRollup rolled) {
        Map<String, Integer> states = new HashMap<>();
        jdbc.sql("""
                        select yr.state, count(*) from yearly_report yr
                        left join region r on r.id = yr.region_id left join region_group g on g.id = yr.group_id
                        where yr.year = :year and yr.state in ('SUBMITTED', 'RETURNED') and """
                        + ScopeSql.OWNER_IN_SCOPE + " group by yr.state")
                .param("year", year).param("scope", ScopeSql.param(scope))
                .query(rs -> {
                    states.put(rs.getString(1), rs.getInt(2));
                });
        return new Headlines(year, rolled.ownOrBelow(Metric.POOR_POPULATION, ValueKind.ACTUAL),
                rolled.ownOrBelow(Metric.PEOPLE_LIFTED_OUT, ValueKind.ACTUAL),
                rolled.ownOrBelow(Metric.PEOPLE_LIFTED_OUT, ValueKind.TARGET),
                rolled.ownOrBelow(Metric.VILLAGES_EXITED, ValueKind.ACTUAL),
                rolled.ownOrBelow(Metric.COUNTIES_EXITED, ValueKind.ACTUAL), states.getOrDefault("SUBMITTED", 0),
                states.getOrDefault("RETURNED", 0));
    }

    /**
     * Poverty incidence by year (the study's Table 1): the scope's own region, every published group wholly in
     * scope (the eight provinces, ...), and the regions one level down, which start hidden in the legend
     * when the region or a group has a line of its own. Incidence is a rate: nothing is added up.
     */
    public ChartData incidenceTrend(FigureBasis basis) {
        Scope scope = currentScope.require();
        Aggregation.prepare(jdbc);
        List<Integer> years = years();
        List<Category> categories = years.stream().map(y -> new Category(String.valueOf(y), Label.plain(String.valueOf(y))))
                .toList();
        record Owner(String code, Label label, int rank, String sortKey) {
        }
        Map<String, Owner> owners = new LinkedHashMap<>();
        Map<String, Map<Integer, BigDecimal>> values = new HashMap<>();
        // from the few owners (the region, the regions one level down, the groups) to their reports and values,
        // rather than from every incidence value of the country to its owner
        jdbc.sql("""
                        select r.code, r.name_en, r.name_zh, case when r.id = :root then 0 else 2 end, r.path, yr.year, fv.value
                        from region r join yearly_report yr on yr.region_id = r.id
                        join figure_value fv on fv.report_id = yr.id and fv.metric = 'poverty_incidence' and fv.kind = 'actual'
                        where (r.id = :root or r.parent_id = :root) and r.path like :scope and %1$s
                        union all
                        select g.code, g.name_en, g.name_zh, 1, g.code, yr.year, fv.value
                        from region_group g left join region r on false
                        join yearly_report yr on yr.group_id = g.id
                        join figure_value fv on fv.report_id = yr.id and fv.metric = 'poverty_incidence' and fv.kind = 'actual'
                        where %1$s and %2$s"""
                        .formatted(basis.condition(), ScopeSql.OWNER_IN_SCOPE))
                .param("root", scope.regionId()).param("scope", ScopeSql.param(scope))
                .query(rs -> {
                    String code = rs.getString(1);
                    owners.putIfAbsent(code, new Owner(code, Label.names(rs.getString(2), rs.getString(3)), rs.getInt(4),
                            rs.getString(5)));
                    values.computeIfAbsent(code, c -> new HashMap<>()).put(rs.getInt(6), rs.getBigDecimal(7));
                });
        boolean hasMainLine = owners.values().stream().anyMatch(o -> o.rank() < 2);
        List<Series> series = owners.values().stream()
                .sorted(Comparator.comparingInt(Owner::rank).thenComparing(Owner::sortKey))
                .map(o -> new Series(o.code(), o.label(), years.stream().map(y -> values.get(o.code()).get(y)).toList(),
                        null, o.rank() < 2 || !hasMainLine))
                .toList();
        return new ChartData(categories, series, Unit.PERCENT);
    }

    /**
     * Funds in the year by source, stacked by region: central, provincial, and the rest of the reported
     * total (what the total holds beyond the two, or the whole total where it is not broken down). Funds for
     * relocation are a purpose, not a source, and are left out.
     */
    private static ChartData fundsBySource(ChartData parts) {
        if (parts.series().isEmpty()) {
            return parts;
        }
        List<@Nullable BigDecimal> rest = new ArrayList<>();
        for (int c = 0; c < parts.categories().size(); c++) {
            BigDecimal central = parts.value(0, c);
            BigDecimal provincial = parts.value(1, c);
            BigDecimal total = parts.value(2, c);
            BigDecimal known = (central == null ? BigDecimal.ZERO : central).add(provincial == null ? BigDecimal.ZERO
                    : provincial);
            // a total smaller than its parts is a data problem the checks report; the chart does not invent a negative
            rest.add(total == null || total.compareTo(known) < 0 ? null : total.subtract(known));
        }
        List<Series> series = List.of(parts.series().get(0), parts.series().get(1),
                new Series("funds_other", Label.key("dashboard.series.fundsOther"), rest, "funds"));
        return new ChartData(parts.categories(), series, Unit.RMB);
    }

    /**
     * Officials dispatched in the year by role (categories) and rank (series), from every
     * {@link OfficialsDispatchedSource}; each source is a stack of its own.
     */
    public ChartData officialsByRoleAndRank(int year) {
        Scope scope = currentScope.require();
        Aggregation.prepare(jdbc);
        List<Category> categories = ROLES.stream().map(r -> new Category(r, Label.key("dashboard.role." + r))).toList();
        List<Series> series = new ArrayList<>();
        for (OfficialsDispatchedSource source : officialsSources) {
            Map<String, Map<String, BigDecimal>> byRank = new LinkedHashMap<>();
            for (var count : source.counts(scope, year)) {
                String rank = count.rank() == null ? "NONE" : count.rank();
                byRank.computeIfAbsent(rank, k -> new HashMap<>())
                        .merge(count.role(), BigDecimal.valueOf(count.count()), BigDecimal::add);
            }
            for (String rank : RANKS) {
                Map<String, BigDecimal> byRole = byRank.get(rank);
                if (byRole != null) {
                    series.add(new Series(source.labelKey() + ":" + rank, Label.key(source.rankLabelKey(rank)),
                            ROLES.stream().map(byRole::get).toList(), source.labelKey()));
                }
            }
        }
        return new ChartData(categories, series, null);
    }

    /**
     * Pairing assistance received in the year by regions in scope, by donor type (categories): funds pledged and
     * funds delivered as two series side by side. A type whose records carry no amount of a kind has no value
     * there (not zero); types without any record in the year are left out.
     */
    public ChartData pairingFundsByDonorType(int year) {
        Scope scope = currentScope.require();
        Aggregation.prepare(jdbc);
        Map<DonorType, BigDecimal[]> sums = new java.util.EnumMap<>(DonorType.class);
        jdbc.sql("""
                        select p.donor_type, sum(p.funds_pledged_rmb), sum(p.funds_delivered_rmb)
                        from pairing p
                        where p.year = :year and p.recipient_path like :scope
                        group by p.donor_type""")
                .param("year", year).param("scope", ScopeSql.param(scope))
                .query(rs -> {
                    sums.put(DonorType.valueOf(rs.getString(1)),
                            new BigDecimal[]{rs.getBigDecimal(2), rs.getBigDecimal(3)});
                });
        List<DonorType> types = sums.keySet().stream().sorted().toList();
        List<Category> categories = types.stream()
                .map(t -> new Category(t.name(), Label.key(t.messageKey()))).toList();
        List<Series> series = List.of(
                new Series("PLEDGED", Label.key("dashboard.series.pledged"),
                        types.stream().map(t -> sums.get(t)[0]).toList(), null),
                new Series("DELIVERED", Label.key("dashboard.series.delivered"),
                        types.stream().map(t -> sums.get(t)[1]).toList(), null));
        return new ChartData(categories, series, Unit.RMB);
    }

    /**
     * Per reporting year, the regions in scope by the state of their report: approved, submitted, returned,
     * draft, and missing (no report at all), as the progress page counts them ({@code ProgressService.completeness}:
     * every region in scope is expected, a region's report counts by its state). Counted here in one pass over the
     * reports, without the progress page's "submitted on time", which the chart does not show and which costs a
     * look at every report's transitions.
     */
    public ChartData completeness() {
        Scope scope = currentScope.require();
        Aggregation.prepare(jdbc);
        List<Integer> years = years();
        Map<Integer, Map<String, Integer>> byYear = new HashMap<>();
        jdbc.sql("""
                        select yr.year, yr.state, count(*) from yearly_report yr join region r on r.id = yr.region_id
                        where r.path like :scope and yr.year between :from and :to group by yr.year, yr.state""")
                .param("scope", ScopeSql.param(scope))
                .param("from", years.isEmpty() ? 0 : years.getFirst()).param("to", years.isEmpty() ? -1 : years.getLast())
                .query(rs -> {
                    byYear.computeIfAbsent(rs.getInt(1), y -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                });
        int expected = years.isEmpty() ? 0 : jdbc.sql("select count(*) from region r where r.path like :scope")
                .param("scope", ScopeSql.param(scope)).query(Integer.class).single();
        List<Completeness> rows = years.isEmpty() ? List.of() : java.util.stream.IntStream
                .rangeClosed(years.getFirst(), years.getLast()).mapToObj(y -> {
                    Map<String, Integer> n = byYear.getOrDefault(y, Map.of());
                    return new Completeness(y, expected, n.getOrDefault("APPROVED", 0), n.getOrDefault("SUBMITTED", 0),
                            n.getOrDefault("DRAFT", 0), n.getOrDefault("RETURNED", 0), 0);
                }).toList();
        List<Category> categories = rows.stream()
                .map(c -> new Category(String.valueOf(c.year()), Label.plain(String.valueOf(c.year())))).toList();
        List<Series> series = List.of(
                countSeries("APPROVED", "state.approved", rows, Completeness::approved),
                countSeries("SUBMITTED", "state.submitted", rows, Completeness::submitted),
                countSeries("RETURNED", "state.returned", rows, Completeness::returned),
                countSeries("DRAFT", "state.draft", rows, Completeness::draft),
                countSeries("MISSING", "dashboard.series.missing", rows,
                        c -> c.expected() - c.approved() - c.submitted() - c.returned() - c.draft()));
        return new ChartData(categories, series, null);
    }

    private static Series countSeries(String code, String key, List<Completeness> rows,
                                      java.util.function.ToIntFunction<Completeness> count) {
        return new Series(code, Label.key(key), rows.stream().map(c -> BigDecimal.valueOf(count.applyAsInt(c))).toList(),
                "reports");
    }

    /** One series of a chart by region: a metric of a kind. */
    record Part(Metric metric, ValueKind kind, @Nullable String stack) {
    }

    private static final List<Part> POOR_POPULATION = List.of(new Part(Metric.POOR_POPULATION, ValueKind.ACTUAL, null));
    private static final List<Part> LIFTED_OUT = List.of(new Part(Metric.PEOPLE_LIFTED_OUT, ValueKind.ACTUAL, null),
            new Part(Metric.PEOPLE_LIFTED_OUT, ValueKind.TARGET, null));
    private static final List<Part> FUNDS = List.of(new Part(Metric.FUNDS_CENTRAL, ValueKind.ACTUAL, "funds"),
            new Part(Metric.FUNDS_PROVINCIAL, ValueKind.ACTUAL, "funds"),
            new Part(Metric.FUNDS_TOTAL, ValueKind.ACTUAL, "funds"));
    /** Every metric the headlines and the charts by region show. */
    private static final Set<Metric> YEAR_METRICS = Set.of(Metric.POOR_POPULATION, Metric.PEOPLE_LIFTED_OUT,
            Metric.VILLAGES_EXITED, Metric.COUNTIES_EXITED, Metric.FUNDS_CENTRAL, Metric.FUNDS_PROVINCIAL,
            Metric.FUNDS_TOTAL);

    /**
     * One year's values of {@link #YEAR_METRICS} in scope: each region one level below the scope's own, its own value
     * or the sum of the topmost values below it ({@code byChild}), and the scope's own region's reported values
     * ({@code own}). A region's "own value, else the sum below" is then its own value, else the sum over its
     * children of theirs: the topmost values below a region are the topmost values below each of its children.
     */
    private record YearRollup(String rootCode, List<Rolled> byChild, Map<String, BigDecimal> own) {

        private static String key(Metric metric, ValueKind kind) {
            return metric.code() + "/" + kind.code();
        }

        @Nullable Amount ownOrBelow(Metric metric, ValueKind kind) {
            BigDecimal value = own.get(key(metric, kind));
            if (value != null) {
                return new Amount(value, true, 1);
            }
            List<Rolled> below = byChild.stream().filter(r -> r.metric() == metric && r.kind() == kind).toList();
            if (below.isEmpty()) {
                return null;
            }
            return new Amount(below.stream().map(Rolled::sum).reduce(BigDecimal.ZERO, BigDecimal::add), false,
                    below.stream().mapToInt(Rolled::regions).sum());
        }

        /** The parts' values by region below; when no region below has any, the own region's as its only bucket. */
        Map<String, BigDecimal> byBucket(List<Part> parts) {
            Map<String, BigDecimal> byKey = new LinkedHashMap<>();
            for (Rolled r : byChild) {
                if (parts.stream().anyMatch(p -> p.metric() == r.metric() && p.kind() == r.kind())) {
                    byKey.put(r.bucket() + "/" + key(r.metric(), r.kind()), r.sum());
                }
            }
            if (byKey.isEmpty()) {
                for (Part p : parts) {
                    BigDecimal value = own.get(key(p.metric(), p.kind()));
                    if (value != null) {
                        byKey.put(rootCode + "/" + key(p.metric(), p.kind()), value);
                    }
                }
            }
            return byKey;
        }
    }

    private YearRollup yearRollup(Scope scope, int year, FigureBasis basis) {
        List<Rolled> byChild = rollup.rollup(scope, scope.path(), Mode.BY_CHILD, YEAR_METRICS,
                Set.of(ValueKind.ACTUAL, ValueKind.TARGET), year, year, basis);
        Map<String, BigDecimal> own = new HashMap<>();
        jdbc.sql("""
                        select fv.metric, fv.kind, fv.value from figure_value fv join yearly_report yr on yr.id = fv.report_id
                        where yr.region_id = :root and yr.year = :year and fv.metric in (:metrics) and %s"""
                        .formatted(basis.condition()))
                .param("root", scope.regionId()).param("year", year)
                .param("metrics", YEAR_METRICS.stream().map(Metric::code).toList())
                .query(rs -> {
                    Metric metric = Metric.fromCode(rs.getString(1)).orElseThrow();
                    ValueKind kind = ValueKind.fromCode(rs.getString(2)).orElseThrow();
                    own.put(YearRollup.key(metric, kind), rs.getBigDecimal(3));
                });
        return new YearRollup(scope.regionCode(), byChild, own);
    }

    /**
     * One value per region one level below the scope's own region, for each part. Regions without any value
     * are left out; when no region below has one, the scope's own region is the only category, so a clerk of
     * a prefecture whose counties do not report still sees the prefecture.
     */
    private ChartData byRegion(YearRollup rolled, List<Part> parts, Unit unit) {
        Map<String, BigDecimal> byKey = rolled.byBucket(parts);
        List<Category> categories = regionCategories(byKey.keySet().stream()
                .map(k -> k.substring(0, k.indexOf('/'))).distinct().toList());
        boolean kinds = parts.stream().map(Part::kind).distinct().count() > 1;
        List<Series> series = parts.stream().map(p -> new Series(YearRollup.key(p.metric(), p.kind()),
                        kinds ? Label.key(p.kind().messageKey()) : Label.key(p.metric().messageKey()),
                        categories.stream().map(c -> byKey.get(c.code() + "/" + YearRollup.key(p.metric(), p.kind())))
                                .toList(), p.stack()))
                .toList();
        return new ChartData(categories, series, unit);
    }

    private List<Category> regionCategories(Collection<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select code, name_en, name_zh from region where code in (:codes) order by path")
                .param("codes", codes)
                .query((rs, n) -> new Category(rs.getString(1), Label.names(rs.getString(2), rs.getString(3))))
                .list();
    }

}
