package org.tuopin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.dashboard.ChartData.Category;
import org.tuopin.dashboard.ChartData.Series;
import org.tuopin.dashboard.DashboardService.Amount;
import org.tuopin.dashboard.DashboardService.Headlines;

/**
 * The chart series against numbers computed by hand from the reference files
 * ({@code src/main/resources/reference-data/yearly-figures.csv}, {@code dispatches.csv}), and each account's
 * dashboard against its scope.
 */
@TuopinTest
class DashboardServiceTest {

    @Autowired
    DashboardService dashboard;

    @Autowired
    JdbcClient jdbc;

    static List<@Nullable BigDecimal> numbers(String... values) {
        return Arrays.stream(values).map(v -> v == null ? null : new BigDecimal(v)).toList();
    }

    static void assertValues(Series series, List<@Nullable BigDecimal> expected) {
        assertThat(series.values()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) == null) {
                assertThat(series.values().get(i)).as(series.code() + " #" + i).isNull();
            } else {
                assertThat(series.values().get(i)).as(series.code() + " #" + i).isEqualByComparingTo(expected.get(i));
            }
        }
    }

    static Series series(ChartData data, String code) {
        return data.series().stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    @WithUserDetails("supervisor")
    void theIncidenceTrendIsTable1TheEightProvincesAgainstTheNation() {
        ChartData trend = dashboard.incidenceTrend(FigureBasis.APPROVED_ONLY);
        assertThat(trend.categories()).extracting(Category::code)
                .containsExactly("2013", "2014", "2015", "2016", "2017", "2018", "2019", "2020");
        // the national line first, then the published groups, then the provinces
        assertThat(trend.series()).extracting(Series::code).startsWith("CN", "GROUP:EIGHT_PROVINCES",
                "GROUP:THREE_AREAS_THREE_PREFECTURES");
        assertValues(series(trend, "GROUP:EIGHT_PROVINCES"),
                numbers("17.1", "14.7", "12.1", "9.4", "6.9", "4.0", "0.79", null));
        assertValues(series(trend, "CN"), numbers("8.5", "7.2", "5.7", "4.5", "3.1", "1.7", "0.6", null));
        assertValues(series(trend, "GROUP:THREE_AREAS_THREE_PREFECTURES"),
                numbers(null, null, null, null, null, "8.2", "2.0", null));
        // provinces are there to switch on, but start hidden beside the national and group lines
        Series xinjiang = series(trend, "650000");
        assertValues(xinjiang, numbers(null, null, null, null, "18.3", "10.51", "1.2", null));
        assertThat(xinjiang.shownAtFirst()).isFalse();
        assertThat(series(trend, "CN").shownAtFirst()).isTrue();
    }

    @Test
    @WithUserDetails("supervisor")
    void nationalHeadlinesTakeChinasOwnFigureOrAddUpTheTopmostRegionsBelowOnce() {
        Headlines h = dashboard.yearFigures(2019, FigureBasis.APPROVED_ONLY).headlines();
        assertThat(h.poorPopulation()).isEqualTo(new Amount(new BigDecimal("11090000.00"), true, 1));
        assertThat(h.liftedOut().value()).isEqualByComparingTo("11090000");
        // targets: Liangshan 238,000 (Sichuan reports none), Guizhou 1,100,000, Yunnan 1,300,000
        assertThat(h.liftedOutTarget().value()).isEqualByComparingTo("2638000");
        assertThat(h.liftedOutTarget().own()).isFalse();
        assertThat(h.liftedOutTarget().regions()).isEqualTo(3);
        // Xinjiang 976, Liangshan 318, Nujiang 146, Inner Mongolia 676, Guangxi 1268, Ningxia 109, Qinghai 170
        assertThat(h.villagesExited().value()).isEqualByComparingTo("3663");
        assertThat(h.villagesExited().regions()).isEqualTo(7);
        // Gongshan's one county is inside Nujiang's one and is not counted again: 2+19+1+20+21+4+17
        assertThat(h.countiesExited().value()).isEqualByComparingTo("84");
        assertThat(h.countiesExited().regions()).isEqualTo(7);
    }

    @Test
    @WithUserDetails("supervisor")
    void remainingPoorPopulationByProvinceShowsTheProvincesThatReportedIt() {
        ChartData poor = dashboard.yearFigures(2019, FigureBasis.APPROVED_ONLY).poorPopulation();
        assertThat(poor.categories()).extracting(Category::code).containsExactly("150000");
        assertValues(poor.series().getFirst(), numbers("16000"));
        // no province reported it for 2018: the one bar is China's own figure
        ChartData y2018 = dashboard.yearFigures(2018, FigureBasis.APPROVED_ONLY).poorPopulation();
        assertThat(y2018.categories()).extracting(Category::code).containsExactly("CN");
        assertValues(y2018.series().getFirst(), numbers("16600000"));
    }

    @Test
    @WithUserDetails("supervisor")
    void liftedOutAgainstTargetByProvinceAddsPrefecturesIntoTheirProvince() {
        ChartData lifted = dashboard.yearFigures(2019, FigureBasis.APPROVED_ONLY).liftedOut();
        assertThat(lifted.categories()).extracting(Category::code)
                .containsExactly("150000", "450000", "510000", "520000", "530000", "630000", "640000", "650000");
        // Sichuan reports nothing itself: its bar is Liangshan's; Yunnan's actual is Nujiang's, its target its own
        assertValues(series(lifted, "people_lifted_out/actual"),
                numbers("141000", "1250000", "141000", null, "90000", "77000", "103000", "645000"));
        assertValues(series(lifted, "people_lifted_out/target"),
                numbers(null, null, "238000", "1100000", "1300000", null, null, null));
    }

    @Test
    @WithUserDetails("supervisor")
    void fundsAreStackedCentralProvincialAndTheRestOfTheTotal() {
        ChartData funds = dashboard.yearFigures(2018, FigureBasis.APPROVED_ONLY).funds();
        assertThat(funds.categories()).extracting(Category::code)
                .containsExactly("150000", "450000", "510000", "520000", "530000", "540000", "620000", "630000", "640000");
        assertThat(funds.series()).extracting(Series::code).containsExactly("funds_central/actual",
                "funds_provincial/actual", "funds_other");
        assertThat(funds.series()).extracting(Series::stack).containsOnly("funds");
        int qinghai = funds.categories().stream().map(Category::code).toList().indexOf("630000");
        // Qinghai 2018: total 11.44 bn, central 3.428 bn, provincial 1.452 bn
        assertThat(funds.value(0, qinghai)).isEqualByComparingTo("3428000000");
        assertThat(funds.value(1, qinghai)).isEqualByComparingTo("1452000000");
        assertThat(funds.value(2, qinghai)).isEqualByComparingTo("6560000000");
        int yunnan = funds.categories().stream().map(Category::code).toList().indexOf("530000");
        // Yunnan reported central funds but no total: the rest is unknown, not zero
        assertThat(funds.value(0, yunnan)).isEqualByComparingTo("779000000");
        assertThat(funds.value(2, yunnan)).isNull();
    }

    @Test
    @WithUserDetails("supervisor")
    void officialsDispatchedAreThePublishedCountsByRoleAndRank() {
        ChartData officials = dashboard.officialsByRoleAndRank(2018);
        assertThat(officials.categories()).extracting(Category::code).containsExactly("FIRST_SECRETARY",
                "VILLAGE_WORK_TEAM", "COMPREHENSIVE_ASSISTANCE_TEAM", "TEMPORARY_POST", "TECHNICAL_TALENT");
        String p = "dashboard.officials.published:";
        assertValues(series(officials, p + "DEPARTMENT_LEVEL"), numbers("31", null, null, null, null));
        assertValues(series(officials, p + "DIVISION_LEVEL"), numbers("869", null, null, null, null));
        assertValues(series(officials, p + "YOUNG_DIVISION_RESERVE"), numbers("389", null, null, null, null));
        // 70,000 from the regional government and 1,289 from universities; Liangshan's 5,700; Xinjiang's posts
        assertValues(series(officials, p + "NONE"), numbers(null, "71289", "5700", "1484", "2535"));
        assertThat(dashboard.officialsByRoleAndRank(2019).isEmpty()).isTrue();
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void theRostersOwnCountStandsBesideThePublishedCountsAndCountsEachOfficialOnce() {
        String insert = """
                insert into official_posting(official_no, name, rank, sending_organisation, role, region_id, region_path,
                                             village, start_date, end_date, created_by, updated_by)
                select :no, 'Test official', :rank, 'Sichuan Provincial Finance Department', :role, r.id, r.path,
                       'Village', cast(:start as date), cast(:end as date), 'test', 'test'
                from region r where r.code = :region""";
        try {
            // two first secretaries serving in 2018 in Zhaojue; one of them had an earlier posting in 2018 too
            jdbc.sql(insert).param("no", "T-1").param("rank", "DIVISION_LEVEL").param("role", "FIRST_SECRETARY")
                    .param("start", "2017-03-01").param("end", "2019-02-28").param("region", "513431").update();
            jdbc.sql(insert).param("no", "T-2").param("rank", "DIVISION_LEVEL").param("role", "FIRST_SECRETARY")
                    .param("start", "2018-06-01").param("end", null).param("region", "513431").update();
            jdbc.sql(insert).param("no", "T-2").param("rank", "DIVISION_LEVEL").param("role", "FIRST_SECRETARY")
                    .param("start", "2018-01-01").param("end", "2018-05-31").param("region", "513431").update();
            // ended before 2018, and one in Nujiang: neither counts for Liangshan in 2018
            jdbc.sql(insert).param("no", "T-3").param("rank", "SECTION_LEVEL").param("role", "VILLAGE_WORK_TEAM")
                    .param("start", "2016-01-01").param("end", "2017-12-31").param("region", "513431").update();
            jdbc.sql(insert).param("no", "T-4").param("rank", "SECTION_LEVEL").param("role", "VILLAGE_WORK_TEAM")
                    .param("start", "2018-01-01").param("end", null).param("region", "533300").update();

            ChartData officials = dashboard.officialsByRoleAndRank(2018);
            assertValues(series(officials, "dashboard.officials.roster:DIVISION_LEVEL"),
                    numbers("2", null, null, null, null));
            assertThat(officials.series()).extracting(Series::code)
                    .doesNotContain("dashboard.officials.roster:SECTION_LEVEL");
            // the published 5,700 of Liangshan stay as they are, in their own stack
            assertValues(series(officials, "dashboard.officials.published:NONE"), numbers(null, null, "5700", null, null));
            assertThat(series(officials, "dashboard.officials.roster:DIVISION_LEVEL").stack())
                    .isNotEqualTo(series(officials, "dashboard.officials.published:NONE").stack());
            // 2032 is no reporting year: the roster keeps no counts for it, though T-2's posting runs on
            assertThat(dashboard.officialsByRoleAndRank(2032).series()).extracting(Series::code)
                    .noneMatch(code -> code.startsWith("dashboard.officials.roster:"));
        } finally {
            jdbc.sql("delete from official_posting where official_no like 'T-%'").update();
        }
    }

    @Test
    @WithUserDetails("auditor")
    void pairingFundsByDonorTypeAreThePublishedDeliveriesWithNoPledgeInvented() {
        ChartData pairing = dashboard.pairingFundsByDonorType(2018);
        assertThat(pairing.categories()).extracting(Category::code).containsExactly("EAST_WEST_PROVINCE",
                "CENTRAL_UNIT", "PRIVATE_ENTERPRISE", "SOCIAL_ORGANISATION", "MILITARY");
        // Jiangsu to Qinghai 275,000,000 and the 19 provinces to Xinjiang 10,403,000,000; the pairings named
        // without figures add nothing; the 1,716 social organisations and the China Glory Society together
        assertValues(series(pairing, "DELIVERED"), numbers("10678000000", "183000000", "1287000000", "228760000",
                "69780000"));
        assertValues(series(pairing, "PLEDGED"), numbers(null, null, null, null, null));
        assertThat(dashboard.pairingFundsByDonorType(2019).categories()).extracting(Category::code)
                .containsExactly("EAST_WEST_PROVINCE", "CENTRAL_UNIT", "ENTERPRISE");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aClerksDashboardCountsOnlyTheirRegion() {
        Headlines h = dashboard.yearFigures(2019, FigureBasis.APPROVED_ONLY).headlines();
        assertThat(h.liftedOut()).isEqualTo(new Amount(new BigDecimal("141000.00"), true, 1));
        assertThat(h.liftedOutTarget().value()).isEqualByComparingTo("238000");
        assertThat(h.villagesExited().value()).isEqualByComparingTo("318");
        assertThat(h.poorPopulation()).isNull();
        assertThat(h.countiesExited()).isNull();

        // no county of Liangshan reports, so the prefecture itself is the one bar
        ChartData lifted = dashboard.yearFigures(2019, FigureBasis.APPROVED_ONLY).liftedOut();
        assertThat(lifted.categories()).extracting(Category::code).containsExactly("513400");
        assertValues(series(lifted, "people_lifted_out/actual"), numbers("141000"));
        assertValues(series(lifted, "people_lifted_out/target"), numbers("238000"));

        ChartData trend = dashboard.incidenceTrend(FigureBasis.APPROVED_ONLY);
        assertThat(trend.series()).extracting(Series::code).containsExactly("513400");
        assertValues(trend.series().getFirst(), numbers(null, null, null, null, null, "7.1", null, null));

        ChartData funds = dashboard.yearFigures(2018, FigureBasis.APPROVED_ONLY).funds();
        assertThat(funds.categories()).extracting(Category::code).containsExactly("513400");
        assertThat(funds.value(2, 0)).isEqualByComparingTo("3708000000");

        assertThat(dashboard.pairingFundsByDonorType(2018).isEmpty()).as("no pairing reaches Liangshan").isTrue();

        ChartData officials = dashboard.officialsByRoleAndRank(2018);
        assertThat(officials.series()).hasSize(1);
        assertValues(officials.series().getFirst(), numbers(null, null, "5700", null, null));

        // Liangshan and its eleven counties are expected every year; Liangshan reported 2018 and 2019
        ChartData completeness = dashboard.completeness();
        int y2018 = completeness.categories().stream().map(Category::code).toList().indexOf("2018");
        assertThat(series(completeness, "APPROVED").values().get(y2018)).isEqualByComparingTo("1");
        assertThat(series(completeness, "MISSING").values().get(y2018)).isEqualByComparingTo("11");
        int y2013 = completeness.categories().stream().map(Category::code).toList().indexOf("2013");
        assertThat(series(completeness, "MISSING").values().get(y2013)).isEqualByComparingTo("12");
    }

    @Test
    @WithUserDetails("clerk.nujiang")
    void anotherClerkSeesNoneOfLiangshan() {
        ChartData lifted = dashboard.yearFigures(2019, FigureBasis.APPROVED_ONLY).liftedOut();
        assertThat(lifted.categories()).extracting(Category::code).containsExactly("533300");
        assertValues(series(lifted, "people_lifted_out/actual"), numbers("90000"));
        // Gongshan's own county figure is in Nujiang's, once
        ChartData countiesBelow = dashboard.yearFigures(2019, FigureBasis.APPROVED_ONLY).funds();
        assertThat(countiesBelow.isEmpty()).isTrue();
        assertThat(dashboard.yearFigures(2019, FigureBasis.APPROVED_ONLY).headlines().countiesExited().value())
                .isEqualByComparingTo("1");
        assertThat(dashboard.officialsByRoleAndRank(2018).isEmpty()).isTrue();
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void draftsCountOnlyWhenTheUserAsksForAllFigures() {
        long region = jdbc.sql("select id from region where code = '513431'").query(Long.class).single();
        long report = jdbc.sql("""
                        insert into yearly_report (region_id, year, state, created_by, updated_by)
                        values (:region, 2017, 'DRAFT', 'clerk.liangshan', 'clerk.liangshan') returning id""")
                .param("region", region).query(Long.class).single();
        try {
            jdbc.sql("""
                            insert into figure_value (report_id, year, metric, kind, value, unit, source)
                            values (:report, 2017, 'people_lifted_out', 'actual', 5000, 'persons', 'county office')""")
                    .param("report", report).update();
            assertThat(dashboard.yearFigures(2017, FigureBasis.APPROVED_ONLY).liftedOut().isEmpty()).isTrue();
            assertThat(dashboard.yearFigures(2017, FigureBasis.APPROVED_ONLY).headlines().liftedOut()).isNull();

            ChartData all = dashboard.yearFigures(2017, FigureBasis.ALL_STATES).liftedOut();
            assertThat(all.categories()).extracting(Category::code).containsExactly("513431");
            assertValues(series(all, "people_lifted_out/actual"), numbers("5000"));
            assertThat(dashboard.yearFigures(2017, FigureBasis.ALL_STATES).headlines().liftedOut())
                    .isEqualTo(new Amount(new BigDecimal("5000.00"), false, 1));
        } finally {
            jdbc.sql("delete from yearly_report where id = :id").param("id", report).update();
        }
    }
}
