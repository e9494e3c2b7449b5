package org.tuopin.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tuopin.audit.AuditChains;
import org.tuopin.audit.AuditVerification;
import org.tuopin.referencedata.V2__Reference_data;

/**
 * The generator at a hundredth of the national size, on databases of its own (never the suite's shared one):
 * it writes the promised counts, the same seed gives the same data, the audit chain stays intact, and it
 * refuses databases it must not touch.
 */
class SyntheticDataGeneratorTest {

    private static final double SCALE = 0.01;
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().setLocaleConfig("locale", "C.UTF-8")
                .setServerConfig("synchronous_commit", "off").setServerConfig("fsync", "off").start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    /** A new database with the schema and the reference data, as a first start of the application leaves it. */
    private static DataSource freshDatabase(String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        DataSource ds = postgres.getDatabase("postgres", name);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration")
                .javaMigrations(new V2__Reference_data()).load().migrate();
        return ds;
    }

    private static SyntheticDataGenerator.Options options(long seed) {
        return new SyntheticDataGenerator.Options(SCALE, seed, false, false);
    }

    @Test
    void writesThePromisedCountsReproduciblyWithAnIntactAuditChain() throws SQLException {
        DataSource first = freshDatabase("synthetic_a");
        SyntheticDataGenerator.Result result = new SyntheticDataGenerator(first, true).generate(options(7));
        JdbcTemplate jdbc = new JdbcTemplate(first);

        assertThat(result.counties()).isEqualTo(28);
        assertThat(jdbc.queryForObject("select count(*) from region where level = 'COUNTY' and code like '9%' "
                + "and name_en like 'Synthetic County %' and name_zh like '合成县%'", Integer.class)).isEqualTo(28);
        // ten years per county, and every workflow state among them
        assertThat(jdbc.queryForObject("select count(*) from yearly_report yr join region r on r.id = yr.region_id "
                + "where r.code like '9%'", Integer.class)).isEqualTo(280);
        assertThat(jdbc.queryForList("select distinct state from yearly_report yr join region r on r.id = yr.region_id "
                + "where r.code like '9%'", String.class)).containsExactlyInAnyOrder("DRAFT", "SUBMITTED", "RETURNED",
                "APPROVED");
        assertThat(jdbc.queryForObject("select count(*) from figure_value where source = 'synthetic (seed 7)'",
                Long.class)).isEqualTo(result.figureValues()).isGreaterThan(280L * 30);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where client_address like '192.0.2.%'",
                Long.class)).isEqualTo(10_000L);
        assertThat(jdbc.queryForObject("select count(*) from official_posting where official_no like 'SYN-%'",
                Long.class)).isEqualTo(30_000L);
        // the roster counts were filled after the load: each official once per year, role and rank (DD012)
        assertThat(jdbc.queryForList("select year || ':' || sum(officials) from roster_count group by year order by year",
                String.class)).isNotEmpty().isEqualTo(jdbc.queryForList("""
                select y.year || ':' || count(distinct (p.official_no, p.role, p.rank)) from official_posting p
                join reporting_year y on p.start_date <= make_date(y.year, 12, 31)
                     and (p.end_date is null or p.end_date >= make_date(y.year, 1, 1))
                group by y.year order by y.year""", String.class));
        assertThat(jdbc.queryForObject("select count(*) from pg_trigger where tgname = 'roster_count_insert' "
                + "and tgenabled = 'O'", Integer.class)).isEqualTo(1);
        // the roster's indexes and overlap constraint were dropped for the load and are back
        assertThat(jdbc.queryForObject("select count(*) from pg_indexes where tablename = 'official_posting'",
                Integer.class)).isGreaterThanOrEqualTo(11);
        assertThat(jdbc.queryForObject("select count(*) from pairing where source = 'synthetic (seed 7)'",
                Long.class)).isEqualTo(1_000L);

        AuditVerification.Result chain = AuditChains.verify(first);
        assertThat(chain.intact()).as(String.valueOf(chain.problem())).isTrue();
        assertThat(chain.entries()).isGreaterThanOrEqualTo(10_000);

        DataSource second = freshDatabase("synthetic_b");
        new SyntheticDataGenerator(second, true).generate(options(7));
        assertThat(fingerprint(second)).isEqualTo(fingerprint(first));
    }

    @Test
    void refusesADatabaseWithDataPeopleEnteredUnlessAllowed() throws SQLException {
        DataSource ds = freshDatabase("synthetic_c");
        new JdbcTemplate(ds).update("insert into yearly_report(region_id, year, state, created_by, updated_by) "
                + "select id, 2020, 'DRAFT', 'clerk.liangshan', 'clerk.liangshan' from region where code = '513400'");

        assertThatThrownBy(() -> new SyntheticDataGenerator(ds, true).generate(options(1)))
                .isInstanceOf(SyntheticDataGenerator.Refused.class)
                .hasMessageContaining("1 yearly reports entered by people")
                .hasMessageContaining("--tuopin.generator.allow-existing-data=true");
        assertThat(new JdbcTemplate(ds).queryForObject("select count(*) from region where code like '9%'",
                Integer.class)).isZero();

        new SyntheticDataGenerator(ds, true).generate(new SyntheticDataGenerator.Options(SCALE, 1, true, false));
        // a second run would duplicate codes: refused even when existing data is allowed
        assertThatThrownBy(() -> new SyntheticDataGenerator(ds, true)
                .generate(new SyntheticDataGenerator.Options(SCALE, 1, true, false)))
                .isInstanceOf(SyntheticDataGenerator.Refused.class).hasMessageContaining("already holds synthetic data");
    }

    @Test
    void refusesADatabaseThatIsNotTheEmbeddedOneUnlessAllowed() throws SQLException {
        DataSource ds = freshDatabase("synthetic_d");
        assertThatThrownBy(() -> new SyntheticDataGenerator(ds, false).generate(options(1)))
                .isInstanceOf(SyntheticDataGenerator.Refused.class)
                .hasMessageContaining("--tuopin.generator.allow-external-database=true");
        assertThat(new JdbcTemplate(ds).queryForObject("select count(*) from region where code like '9%'",
                Integer.class)).isZero();
    }

    private static String fingerprint(DataSource ds) {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        return jdbc.queryForObject("select md5(string_agg(r.code || yr.year || yr.state || fv.metric || fv.kind "
                + "|| fv.value, ',' order by r.code, yr.year, fv.metric, fv.kind)) from figure_value fv "
                + "join yearly_report yr on yr.id = fv.report_id join region r on r.id = yr.region_id", String.class)
                + jdbc.queryForObject("select hash from audit_head", String.class);
    }
}
