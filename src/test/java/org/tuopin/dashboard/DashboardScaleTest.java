package org.tuopin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.TuopinTest;
import org.tuopin.dashboard.ChartData.Category;

/**
 * National scale: 29 provinces of 10 prefectures of 10 counties each, every county reporting for ten years,
 * inside one transaction that is rolled back. The dashboard must stay quick to open and still add every
 * value once. (Only reads run inside the transaction; nothing here writes audit entries.)
 */
@TuopinTest
@Transactional
class DashboardScaleTest {

    @Autowired
    DashboardService dashboard;

    @Autowired
    RegionPageService pages;

    @Autowired
    JdbcClient jdbc;

    void createTheCountry() {
        jdbc.sql("""
                insert into region (code, level, parent_id, name_en, name_zh, path)
                select ((70 + p) * 10000)::text, 'PROVINCE', cn.id, 'Province ' || p, '省' || p,
                       'CN/' || ((70 + p) * 10000) || '/'
                from generate_series(1, 29) p, region cn where cn.code = 'CN'""").update();
        jdbc.sql("""
                insert into region (code, level, parent_id, name_en, name_zh, path)
                select (pr.code::int + q * 100)::text, 'PREFECTURE', pr.id, pr.name_en || '/' || q, pr.name_zh || q,
                       pr.path || (pr.code::int + q * 100) || '/'
                from region pr, generate_series(1, 10) q where pr.code ~ '^(7[1-9]|8[0-9]|9[0-9])0000$'""").update();
        jdbc.sql("""
                insert into region (code, level, parent_id, name_en, name_zh, path)
                select (pf.code::int + c)::text, 'COUNTY', pf.id, pf.name_en || '/' || c, pf.name_zh || c,
                       pf.path || (pf.code::int + c) || '/'
                from region pf, generate_series(1, 10) c
                where pf.level = 'PREFECTURE' and pf.code ~ '^(7[1-9]|8[0-9]|9[0-9])'""").update();
        jdbc.sql("""
                insert into yearly_report (region_id, year, state, created_by, updated_by)
                select r.id, y, 'APPROVED', 'scale', 'scale'
                from region r, generate_series(2011, 2020) y
                where r.level = 'COUNTY' and r.code ~ '^(7[1-9]|8[0-9]|9[0-9])'""").update();
        // statistics that still describe the small reference data make the next insert a nested loop over 29,000
        // reports per region (it ran for minutes in a full suite where autovacuum had just analysed the tables)
        jdbc.sql("analyze region, yearly_report").update();
        jdbc.sql("""
                insert into figure_value (report_id, year, metric, kind, value, unit)
                select yr.id, yr.year, m.metric, m.kind, m.value, m.unit
                from yearly_report yr join region r on r.id = yr.region_id,
                     (values ('poor_population', 'actual', 1000, 'persons'), ('people_lifted_out', 'actual', 100, 'persons'),
                             ('people_lifted_out', 'target', 120, 'persons'), ('funds_total', 'actual', 1000000, 'RMB'),
                             ('funds_central', 'actual', 400000, 'RMB'), ('poverty_incidence', 'actual', 5, 'percent'))
                     as m(metric, kind, value, unit)
                where r.code ~ '^(7[1-9]|8[0-9]|9[0-9])'""").update();
        // the prefectures report their own people lifted out for 2019: those replace their counties' sum
        jdbc.sql("""
                insert into yearly_report (region_id, year, state, created_by, updated_by)
                select r.id, 2019, 'APPROVED', 'scale', 'scale' from region r
                where r.level = 'PREFECTURE' and r.code ~ '^(7[1-9]|8[0-9]|9[0-9])'""").update();
        jdbc.sql("""
                insert into figure_value (report_id, year, metric, kind, value, unit)
                select yr.id, yr.year, 'people_lifted_out', 'actual', 999, 'persons'
                from yearly_report yr join region r on r.id = yr.region_id
                where r.level = 'PREFECTURE' and r.code ~ '^(7[1-9]|8[0-9]|9[0-9])'""").update();
        jdbc.sql("analyze region, yearly_report, figure_value").update();
    }

    <T> T timed(Map<String, Duration> times, String name, Supplier<T> call) {
        long start = System.nanoTime();
        T result = call.get();
        times.put(name, Duration.ofNanos(System.nanoTime() - start));
        return result;
    }

    @Test
    @WithUserDetails("supervisor")
    void everyCountyOfTheCountryForTenYearsOpensQuicklyAndAddsUpOnce() {
        createTheCountry();
        assertThat(jdbc.sql("select count(*) from figure_value").query(Long.class).single()).isGreaterThan(170_000);

        Map<String, Duration> times = new LinkedHashMap<>();
        var approved = timed(times, "yearFigures", () -> dashboard.yearFigures(2019, FigureBasis.APPROVED_ONLY));
        var headlines = approved.headlines();
        var poor = approved.poorPopulation();
        var lifted = approved.liftedOut();
        var funds = timed(times, "funds", () -> dashboard.yearFigures(2019, FigureBasis.ALL_STATES).funds());
        timed(times, "incidence", () -> dashboard.incidenceTrend(FigureBasis.APPROVED_ONLY));
        timed(times, "officials", () -> dashboard.officialsByRoleAndRank(2018));
        timed(times, "completeness", () -> dashboard.completeness());
        var comparison = timed(times, "regionPage", () -> pages.belowAgainstOwn("CN", 2015));

        int p1 = poor.categories().stream().map(Category::code).toList().indexOf("710000");
        // 100 counties of 1,000 persons each
        assertThat(poor.value(0, p1)).isEqualByComparingTo("100000");
        // ten prefectures' own 999 each, not their counties' 100 times 100
        int l1 = lifted.categories().stream().map(Category::code).toList().indexOf("710000");
        assertThat(lifted.value(0, l1)).isEqualByComparingTo("9990");
        assertThat(lifted.value(1, l1)).isEqualByComparingTo("12000");
        int f1 = funds.categories().stream().map(Category::code).toList().indexOf("710000");
        assertThat(funds.value(2, f1)).isEqualByComparingTo("60000000");
        // China set no target itself: the reference data's 2,638,000 plus 2,900 counties' 120
        assertThat(headlines.liftedOutTarget().value()).isEqualByComparingTo("2986000");
        assertThat(comparison).anyMatch(c -> c.year() == 2015 && c.metric().code().equals("poor_population")
                && c.below().intValue() == 2_900_000);

        Duration total = times.values().stream().reduce(Duration.ZERO, Duration::plus);
        System.out.println("Dashboard at national scale: " + times + ", total " + total.toMillis() + " ms");
        // speed is measured by the national-scale benchmark (docs/performance.md), not asserted here
    }
}
