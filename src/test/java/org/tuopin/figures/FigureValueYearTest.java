package org.tuopin.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.base.Listing;
import org.tuopin.base.SortKey;
import org.tuopin.figures.ReportModels.ValueInput;

/**
 * Every value carries its report's year (V12, docs/design-decisions/DD013), whichever way it was written, and the
 * database refuses one that does not; the figures grid's year filter and value sort, which read that copy, return
 * exactly the rows a join on the report's year returns. No test transaction: the import runs in its own.
 */
@TuopinTest
class FigureValueYearTest {

    @Autowired
    ReportService reports;
    @Autowired
    FigureImportService imports;
    @Autowired
    FigureQueryService figures;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void cleanUp() {
        SecurityContextHolder.clearContext();
        jdbc.sql("""
                        delete from yearly_report where (year = 2020 and region_id in (select id from region
                            where code in ('513434', '513435', '513436', '513437')))
                            or (year = 2016 and region_id = (select id from region where code = '513437'))""")
                .update();
    }

    private void signIn(String username) {
        SignIn.as(users, username);
    }

    /** The years stored on a region's values of one report year, one entry per value. */
    private List<Integer> storedYears(String region, int year) {
        return jdbc.sql("""
                        select v.year from figure_value v join yearly_report yr on yr.id = v.report_id
                        join region r on r.id = yr.region_id where r.code = :code and yr.year = :year""")
                .param("code", region).param("year", year).query(Integer.class).list();
    }

    private FigureImportService.Result importCsv(String rows) {
        byte[] file = ("region_code,year,metric,value,unit,kind,source,note\n" + rows).getBytes(StandardCharsets.UTF_8);
        return imports.importFigures(file, FigureImportService.Format.CSV);
    }

    @Test
    void aValueSavedThroughTheReportFormCarriesItsReportsYear() {
        signIn("clerk.liangshan");
        reports.saveDraft("513436", 2020, 0, List.of(
                new ValueInput(Metric.PEOPLE_RELOCATED, ValueKind.ACTUAL, new BigDecimal("800"), null, null),
                new ValueInput(Metric.VILLAGES_EXITED, ValueKind.ACTUAL, new BigDecimal("9"), null, null)));

        assertThat(storedYears("513436", 2020)).containsExactly(2020, 2020);
    }

    @Test
    void aValueImportedInBulkCarriesItsReportsYear() {
        signIn("clerk.liangshan");
        FigureImportService.Result result = importCsv("""
                513435,2020,people_relocated,1200,persons,actual,county office,
                513435,2020,villages_exited,12,villages,actual,,
                513434,2020,funds_total,1000000,RMB,actual,,
                """);

        assertThat(result.problems()).isEmpty();
        assertThat(storedYears("513435", 2020)).containsExactly(2020, 2020);
        assertThat(storedYears("513434", 2020)).containsExactly(2020);
    }

    @Test
    void theDatabaseRefusesAValueWhoseYearIsNotItsReports() {
        long report = jdbc.sql("""
                        insert into yearly_report(region_id, year, state, created_by, updated_by)
                        values ((select id from region where code = '513437'), 2016, 'DRAFT', 'test', 'test')
                        returning id""").query(Long.class).single();
        String insert = "insert into figure_value(report_id, year, metric, kind, value, unit) "
                + "values (:report, :year, 'people_relocated', 'actual', 10, 'persons')";

        assertThatThrownBy(() -> jdbc.sql(insert).param("report", report).param("year", 2017).update())
                .as("another year than the report's").isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into figure_value(report_id, metric, kind, value, unit)
                        values (:report, 'people_relocated', 'actual', 10, 'persons')""").param("report", report)
                .update()).as("no year at all").isInstanceOf(DataIntegrityViolationException.class);
        assertThat(storedYears("513437", 2016)).isEmpty();

        jdbc.sql(insert).param("report", report).param("year", 2016).update();
        assertThatThrownBy(() -> jdbc.sql("update figure_value set year = 2017 where report_id = :report")
                .param("report", report).update()).as("a value moved to another year")
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("update yearly_report set year = 2017 where id = :report")
                .param("report", report).update()).as("a report moved to another year")
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(storedYears("513437", 2016)).containsExactly(2016);
        // saving a report writes every column back, the year unchanged: that stays allowed
        assertThat(jdbc.sql("update yearly_report set year = 2016, updated_by = 'test2' where id = :report")
                .param("report", report).update()).isEqualTo(1);
    }

    @Test
    void aYearSortedByValueIsExactlyWhatAJoinOnTheReportsYearReturns() {
        // values of 2020 with ties, so that the id decides among equal values; the published 2018 and 2019 figures
        signIn("clerk.liangshan");
        StringBuilder rows = new StringBuilder();
        for (String county : List.of("513434", "513435", "513436", "513437")) {
            for (String kind : List.of("actual", "target", "baseline")) {
                rows.append(county).append(",2020,people_relocated,").append(county.endsWith("5") ? 300 : 700)
                        .append(",persons,").append(kind).append(",,\n");
                rows.append(county).append(",2020,villages_exited,").append(kind.length())
                        .append(",villages,").append(kind).append(",,\n");
            }
        }
        assertThat(importCsv(rows.toString()).problems()).isEmpty();

        for (String user : List.of("auditor", "supervisor.sichuan", "clerk.liangshan")) {
            signIn(user);
            for (int year : List.of(2018, 2019, 2020)) {
                for (boolean descending : List.of(true, false)) {
                    List<Long> expected = joinedOnTheReportsYear(user, year, descending);
                    assertThat(expected).as("rows to compare").hasSizeGreaterThan(year == 2020 ? 20 : 2);
                    String what = user + ", " + year + (descending ? ", largest first" : ", smallest first");
                    FigureFilter filter = new FigureFilter(year, null, null);
                    List<SortKey> sort = List.of(new SortKey("value", descending));

                    assertThat(figures.find(filter, sort, 0, 1000)).as(what).extracting(FigureRow::id)
                            .containsExactlyElementsOf(expected);
                    assertThat(figures.count(filter)).as(what).isEqualTo(expected.size());
                    assertThat(seekThrough(filter, sort, 7)).as(what + ", page after page").isEqualTo(expected);
                    for (int skip = 0; skip < expected.size(); skip += 7) {
                        assertThat(figures.page(filter, sort, null, skip, 7).rows()).as(what + ", jumped to " + skip)
                                .extracting(FigureRow::id)
                                .containsExactlyElementsOf(expected.subList(skip, Math.min(expected.size(), skip + 7)));
                    }
                }
            }
        }
    }

    @Test
    void aRegionOutsideTheNationalScopeKeepsItsValuesOutOfTheNationalGrid() {
        // the whole-country shortcut drops the scope condition only while no region lies outside the scope
        jdbc.sql("""
                insert into region(code, level, name_en, name_zh, path)
                values ('XX', 'COUNTRY', 'Elsewhere', '别处', 'XX/')""").update();
        try {
            long report = jdbc.sql("""
                            insert into yearly_report(region_id, year, state, created_by, updated_by)
                            values ((select id from region where code = 'XX'), 2019, 'APPROVED', 'test', 'test')
                            returning id""").query(Long.class).single();
            long outside = jdbc.sql("""
                            insert into figure_value(report_id, year, metric, kind, value, unit)
                            values (:report, 2019, 'poor_population', 'actual', 999999999, 'persons') returning id""")
                    .param("report", report).query(Long.class).single();
            signIn("auditor");
            FigureFilter filter = new FigureFilter(2019, null, null);
            List<SortKey> sort = List.of(new SortKey("value", true));
            List<Long> expected = joinedOnTheReportsYear("auditor", 2019, true);
            assertThat(expected).isNotEmpty().doesNotContain(outside);
            assertThat(figures.page(filter, sort, null, 0, 1000).rows()).extracting(FigureRow::id)
                    .containsExactlyElementsOf(expected);
            assertThat(figures.find(filter, sort, 0, 1000)).extracting(FigureRow::id).containsExactlyElementsOf(expected);
            assertThat(figures.count(filter)).isEqualTo(expected.size());
        } finally {
            jdbc.sql("delete from yearly_report where region_id = (select id from region where code = 'XX')").update();
            jdbc.sql("delete from region where code = 'XX'").update();
        }
    }

    /** Every row of the filter read the way the grid scrolls: each page after the last key of the one before. */
    private List<Long> seekThrough(FigureFilter filter, List<SortKey> sort, int pageSize) {
        List<Long> ids = new ArrayList<>();
        Listing.@Nullable Key after = null;
        while (true) {
            Listing.Page<FigureRow> page = figures.page(filter, sort, after, 0, pageSize);
            page.rows().forEach(r -> ids.add(r.id()));
            if (page.rows().size() < pageSize) {
                return ids;
            }
            after = page.last();
        }
    }

    /** The values of the user's scope in one year by value, the year read from the report, ties by id. */
    private List<Long> joinedOnTheReportsYear(String user, int year, boolean descending) {
        String direction = descending ? "desc" : "asc";
        return jdbc.sql("""
                        select v.id from figure_value v join yearly_report yr on yr.id = v.report_id
                        left join region r on r.id = yr.region_id left join region_group g on g.id = yr.group_id
                        where yr.year = :year
                          and (r.path like (select ar.path || '%%' from account a join region ar on ar.id = a.region_id
                                            where a.username = :user)
                               or (g.id is not null and not exists (
                                   select 1 from region_group_member m join region mr on mr.id = m.region_id
                                   join account a on a.username = :user join region ar on ar.id = a.region_id
                                   where m.group_id = g.id and mr.path not like ar.path || '%%')))
                        order by v.value %s, v.id %s""".formatted(direction, direction))
                .param("year", year).param("user", user).query(Long.class).list();
    }
}
