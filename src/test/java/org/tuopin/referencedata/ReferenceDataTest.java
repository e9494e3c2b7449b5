package org.tuopin.referencedata;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tuopin.TuopinTest;

/** Every row of the study's files comes back from the database with the same value, kind and source. */
@TuopinTest
class ReferenceDataTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyYearlyFigureIsStoredWithItsValueKindUnitSourceAndNote() throws Exception {
        List<CSVRecord> rows = V2__Reference_data.read("yearly-figures.csv");
        assertThat(rows).hasSize(123);
        for (CSVRecord row : rows) {
            var stored = jdbc.sql("""
                            select fv.value, fv.unit, coalesce(fv.source, '') as source, coalesce(fv.note, '') as note,
                                   yr.state
                            from figure_value fv join yearly_report yr on yr.id = fv.report_id
                            left join region r on r.id = yr.region_id left join region_group g on g.id = yr.group_id
                            where coalesce(r.code, g.code) = :owner and yr.year = :year and fv.metric = :metric
                              and fv.kind = :kind""")
                    .param("owner", row.get("region_code")).param("year", Integer.parseInt(row.get("year")))
                    .param("metric", row.get("metric")).param("kind", row.get("kind"))
                    .query((rs, n) -> List.of(rs.getBigDecimal(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)))
                    .single();
            assertThat((BigDecimal) stored.get(0)).as("value of %s", row.toMap())
                    .isEqualByComparingTo(new BigDecimal(row.get("value")));
            assertThat(stored.subList(1, 5)).as("row %s", row.toMap())
                    .containsExactly(row.get("unit"), row.get("source"), row.get("note"), "APPROVED");
        }
        assertThat(jdbc.sql("select count(*) from figure_value").query(Integer.class).single()).isEqualTo(rows.size());
    }

    @Test
    void regionsKeepTheirHierarchyNamesAndDesignations() throws Exception {
        for (CSVRecord row : V2__Reference_data.read("regions.csv")) {
            var stored = jdbc.sql("""
                            select r.level, coalesce(p.code, '') as parent, r.name_en, r.name_zh,
                                   coalesce(r.designation, '') as designation, r.eight_provinces::text, r.path
                            from region r left join region p on p.id = r.parent_id where r.code = :code""")
                    .param("code", row.get("code"))
                    .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)))
                    .single();
            assertThat(stored.subList(0, 6)).containsExactly(row.get("level"), row.get("parent_code"),
                    row.get("name_en"), row.get("name_zh"), row.get("designation"), row.get("eight_provinces"));
            assertThat(stored.get(6)).endsWith(row.get("code") + "/").startsWith("CN/");
        }
        assertThat(jdbc.sql("select path from region where code = '513431'").query(String.class).single())
                .isEqualTo("CN/510000/513400/513431/");
    }

    @Test
    void groupsKeepTheirMembers() throws Exception {
        for (CSVRecord row : V2__Reference_data.read("groups.csv")) {
            List<String> members = jdbc.sql("""
                            select r.code from region_group g join region_group_member m on m.group_id = g.id
                            join region r on r.id = m.region_id where g.code = :code""")
                    .param("code", row.get("group_code")).query(String.class).list();
            assertThat(members).containsExactlyInAnyOrder(row.get("member_codes").split(" "));
        }
    }

    @Test
    void dispatchCountsAndPairingsAreStoredAsPublished() throws Exception {
        for (CSVRecord row : V2__Reference_data.read("dispatches.csv")) {
            Long count = jdbc.sql("""
                            select d.count from dispatch_count d left join region r on r.id = d.region_id
                            left join region_group g on g.id = d.group_id
                            where coalesce(r.code, g.code) = :owner and d.year = :year and d.sending_body = :body
                              and d.role = :role and coalesce(d.rank, '') = :rank and coalesce(d.source, '') = :source""")
                    .param("owner", row.get("region_code")).param("year", Integer.parseInt(row.get("year")))
                    .param("body", row.get("sending_body")).param("role", row.get("role"))
                    .param("rank", row.get("rank")).param("source", row.get("source"))
                    .query(Long.class).single();
            assertThat(count).isEqualTo(Long.parseLong(row.get("count")));
        }
        List<CSVRecord> pairings = V2__Reference_data.read("pairings.csv");
        for (CSVRecord row : pairings) {
            var stored = jdbc.sql("""
                            select p.donor_type, coalesce(p.funds_delivered_rmb::text, ''),
                                   coalesce(p.funds_pledged_rmb::text, ''), coalesce(p.projects::text, ''),
                                   coalesce(p.people_helped::text, ''), coalesce(p.source, ''), coalesce(p.note, '')
                            from pairing p join region r on r.id = p.recipient_region_id
                            where p.donor = :donor and r.code = :recipient and p.year = :year""")
                    .param("donor", row.get("donor"))
                    .param("recipient", row.get("recipient_code")).param("year", Integer.parseInt(row.get("year")))
                    .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)))
                    .single();
            // V7 (DD008): the published amount is what was delivered; no pledge was published, so none is stored
            assertThat(stored).as("pairing %s", row.toMap()).containsExactly(expectedDonorType(row),
                    row.get("funds_rmb"), "", row.get("projects"), row.get("people_helped"), row.get("source"),
                    row.get("note"));
        }
        assertThat(jdbc.sql("select count(*) from pairing").query(Integer.class).single()).isEqualTo(pairings.size());
    }

    /** The one donor type V7 maps (DD008): the source names the 1157 donors private enterprises. */
    private static String expectedDonorType(CSVRecord row) {
        return row.get("donor").equals("1157 private enterprises") && row.get("donor_type").equals("ENTERPRISE")
                ? "PRIVATE_ENTERPRISE" : row.get("donor_type");
    }

    @Test
    void everyLoadedReportIsApprovedWithATransitionNamingTheStudy() {
        Integer withoutTransition = jdbc.sql("""
                        select count(*) from yearly_report yr where not exists (
                            select 1 from report_transition t where t.report_id = yr.id and t.to_state = 'APPROVED'
                              and t.reason like '%Wang Yanzhong and Ding Sai (2021)%')""")
                .query(Integer.class).single();
        assertThat(withoutTransition).isZero();
    }
}
