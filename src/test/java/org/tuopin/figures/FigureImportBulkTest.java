package org.tuopin.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tuopin.base.DatabaseOwner;
import org.tuopin.base.imports.ImportProblem;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.audit.AuditChains;
import org.tuopin.figures.FigureImportService.Format;
import org.tuopin.figures.FigureImportService.Result;

import org.tuopin.figures.ReportModels.ValueInput;

/**
 * The import reads and writes a whole file's reports in bulk (DD016): what it stores, audits and locks must be
 * what one saveDraft per report would store, audit and lock. No test transaction: the import runs in its own.
 */
@TuopinTest
class FigureImportBulkTest {

    static final String HEADER = "region_code,year,metric,value,unit,kind,source,note\n";

    @Autowired
    FigureImportService imports;
    @Autowired
    ReportService reports;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    /** The schema's owner: the app's own role may not create functions or triggers (DD025). */
    @Autowired
    DatabaseOwner owner;

    @AfterEach
    void cleanUp() {
        SecurityContextHolder.clearContext();
        JdbcClient.create(owner.dataSource()).sql("drop trigger if exists refuse_marked_values on figure_value").update();
        JdbcClient.create(owner.dataSource()).sql("drop function if exists refuse_marked_values()").update();
        jdbc.sql("delete from yearly_report where year = 2020 and region_id in (select id from region where code like '5134%')")
                .update();
    }

    private void signIn(String username) {
        SignIn.as(users, username);
    }

    private Result importCsv(String body, boolean dryRun) {
        byte[] file = (HEADER + body).getBytes(StandardCharsets.UTF_8);
        return dryRun ? imports.dryRun(file, Format.CSV) : imports.importFigures(file, Format.CSV);
    }

    private long version(String region) {
        return jdbc.sql("""
                        select yr.version from yearly_report yr join region r on r.id = yr.region_id
                        where r.code = :c and yr.year = 2020""").param("c", region).query(Long.class).single();
    }

    private long auditHead() {
        return jdbc.sql("select seq from audit_head").query(Long.class).single();
    }

    private List<String> auditOf(String region, long after) {
        return jdbc.sql("""
                        select action || ' ' || changes from audit_entry
                        where entity_type = 'report' and entity_id = :id and seq > :after order by seq""")
                .param("id", region + "/2020").param("after", after).query(String.class).list();
    }

    private long reports2020() {
        return jdbc.sql("""
                        select count(*) from yearly_report yr join region r on r.id = yr.region_id
                        where yr.year = 2020 and r.code like '5134%'""").query(Long.class).single();
    }

    @Test
    void anImportStoresAndAuditsEachReportAsTheFormWould() {
        long before = auditHead();
        signIn("clerk.liangshan");
        reports.saveDraft("513431", 2020, 0, List.of(
                new ValueInput(Metric.PEOPLE_RELOCATED, ValueKind.ACTUAL, new BigDecimal("1000"), "county office", null),
                new ValueInput(Metric.VILLAGES_EXITED, ValueKind.ACTUAL, new BigDecimal("12"), null, null)));
        long relocatedId = jdbc.sql("""
                        select v.id from figure_value v join yearly_report yr on yr.id = v.report_id
                        join region r on r.id = yr.region_id
                        where r.code = '513431' and yr.year = 2020 and v.metric = 'people_relocated'""")
                .query(Long.class).single();

        Result result = importCsv("""
                513431,2020,people_relocated,1200,persons,actual,county office,
                513431,2020,villages_exited,12,villages,actual,,checked again
                513431,2020,poverty_incidence,1.25,percent,actual,,
                513432,2020,funds_total,1000000,RMB,actual,,
                """, false);

        assertThat(result.problems()).isEmpty();
        assertThat(result.accepted()).isEqualTo(4);
        assertThat(version("513431")).as("a saved draft moves one version").isEqualTo(2);
        assertThat(version("513432")).as("a first save makes version 1").isEqualTo(1);
        assertThat(auditOf("513431", before)).hasSize(2).last().isEqualTo("UPDATE ["
                + "{\"field\":\"people_relocated/actual\",\"before\":\"1000\",\"after\":\"1200\"},"
                + "{\"field\":\"villages_exited/actual/note\",\"before\":null,\"after\":\"checked again\"},"
                + "{\"field\":\"poverty_incidence/actual\",\"before\":null,\"after\":\"1.25\"}]");
        assertThat(auditOf("513432", before)).containsExactly(
                "CREATE [{\"field\":\"funds_total/actual\",\"before\":null,\"after\":\"1000000\"}]");
        var relocated = jdbc.sql("select value, source, version from figure_value where id = :id")
                .param("id", relocatedId).query().singleRow();
        assertThat((BigDecimal) relocated.get("value")).as("changed in place").isEqualByComparingTo("1200");
        assertThat(relocated.get("source")).isEqualTo("county office");
        assertThat(((Number) relocated.get("version")).longValue()).isEqualTo(1);
        assertThat(jdbc.sql("""
                        select v.note from figure_value v join yearly_report yr on yr.id = v.report_id
                        join region r on r.id = yr.region_id
                        where r.code = '513431' and yr.year = 2020 and v.metric = 'villages_exited'""")
                .query(String.class).single()).isEqualTo("checked again");
        assertThat(AuditChains.verify(dataSource).intact()).as("the chain still verifies").isTrue();

        // the form sees the imported figures and can go on from the version the import left
        assertThat(reports.get("513431", 2020).values()).hasSize(3);
        assertThat(reports.saveDraft("513431", 2020, 2, List.of()).version()).isEqualTo(3);
    }

    @Test
    void anImportWaitsForAReportSomeoneElseIsChanging() throws Exception {
        signIn("clerk.liangshan");
        reports.saveDraft("513431", 2020, 0, List.of(
                new ValueInput(Metric.PEOPLE_RELOCATED, ValueKind.ACTUAL, new BigDecimal("1000"), null, null)));
        var user = users.loadUserByUsername("clerk.liangshan");
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (var lock = other.prepareStatement("""
                    select yr.id from yearly_report yr join region r on r.id = yr.region_id
                    where r.code = '513431' and yr.year = 2020 for update""")) {
                lock.executeQuery().close();
            }
            CompletableFuture<Result> running = CompletableFuture.supplyAsync(() -> {
                SecurityContextHolder.getContext().setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
                try {
                    return importCsv("513431,2020,people_relocated,1500,persons,actual,,\n", false);
                } finally {
                    SecurityContextHolder.clearContext();
                }
            });
            Thread.sleep(1500);
            assertThat(running).as("the import waits for the other transaction's lock").isNotDone();
            other.commit();
            Result result = running.get(30, TimeUnit.SECONDS);
            assertThat(result.problems()).isEmpty();
            assertThat(result.stored()).isTrue();
        }
        assertThat(version("513431")).isEqualTo(2);
    }

    @Test
    void aReportTheDatabaseRefusesIsNamedAndNothingAfterItIsJudged() {
        // a constraint the checks do not know: the database's own second fence
        JdbcClient.create(owner.dataSource()).sql("""
                create function refuse_marked_values() returns trigger language plpgsql as $$
                begin
                    if new.source = 'refused by the database' then
                        raise exception 'refused';
                    end if;
                    return new;
                end $$""").update();
        JdbcClient.create(owner.dataSource()).sql("""
                create trigger refuse_marked_values before insert or update on figure_value
                for each row execute function refuse_marked_values()""").update();
        signIn("clerk.liangshan");
        String file = """
                513431,2020,people_relocated,1200,persons,actual,,
                513432,2020,people_relocated,50,persons,actual,,
                513432,2020,funds_total,1000,RMB,actual,refused by the database,
                513434,2020,poverty_incidence,150,percent,actual,,
                """;
        for (boolean dryRun : List.of(true, false)) {
            Result result = importCsv(file, dryRun);
            assertThat(result.problems()).as("the report after the refused one is not judged").containsExactly(
                    new ImportProblem(3, null, "import.problem.database", List.of()));
            assertThat(result.stored()).isFalse();
            assertThat(reports2020()).isZero();
        }

        // without the refused report, the rule's problem is found as before
        Result result = importCsv(file.lines().filter(l -> !l.startsWith("513432")).map(l -> l + "\n")
                .reduce("", String::concat), true);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(3);
            assertThat(p.messageKey()).isEqualTo("rule.E-INCIDENCE-RANGE.message");
        });
    }
}
