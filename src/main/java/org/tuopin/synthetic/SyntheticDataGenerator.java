package org.tuopin.synthetic;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ReportState;
import org.tuopin.figures.ValueKind;
import org.tuopin.referencedata.V2__Reference_data;

/**
 * Fills a database with a clearly synthetic data set of national size (issue #10), reproducible from a seed:
 * about 2,800 counties under the real provinces and prefectures of the reference data and synthetic ones,
 * ten years of figures each in every workflow state, and a million audit entries that continue the hash
 * chain exactly as {@link AuditTrail} would have written them. Everything goes in through {@code COPY} in one
 * transaction: it all arrives or nothing does.
 *
 * <p>Synthetic regions have six-digit codes that begin with 9 (900001 to 999999). GB/T 2260 codes begin with a
 * province code from 11 to 82, so no real code can ever collide with them. Names read "Synthetic County 0412" /
 * "合成县0412", every value's source is "synthetic (seed N)", every synthetic account's name begins with
 * {@code synthetic.} and every synthetic audit entry comes from an address in 192.0.2.0/24 (TEST-NET-1).
 *
 * <p>It refuses a database that holds data people entered, and any database that is not the embedded one,
 * unless told otherwise ({@link Options}).
 */
public final class SyntheticDataGenerator {

    public static final int FIRST_YEAR = 2011;
    public static final int LAST_YEAR = 2020;
    /** At scale 1. */
    public static final int COUNTIES = 2_800;
    public static final int AUDIT_ENTRIES = 1_000_000;
    public static final int OFFICIALS = 3_000_000;
    public static final int PAIRINGS = 100_000;
    /** Provinces the country has besides the ten of the reference data, and the prefectures to spread counties over. */
    static final int SYNTHETIC_PROVINCES = 21;
    static final int SYNTHETIC_PREFECTURES = 317;

    /** The DATA_ENTRY account bound to the whole country, for benchmarks that import at national scale. */
    public static final String NATIONAL_CLERK = "synthetic.clerk.national";

    private static final Logger log = LoggerFactory.getLogger(SyntheticDataGenerator.class);
    private static final String LOADER = "synthetic-data";
    /** Actions that record a change people made: their presence means the database holds real work. */
    private static final String DATA_ACTIONS = "'CREATE', 'UPDATE', 'DELETE', 'SUBMIT', 'RETURN', 'APPROVE', 'IMPORT'";
    private static final List<ValueKind> KINDS = List.of(ValueKind.ACTUAL, ValueKind.TARGET, ValueKind.CUMULATIVE,
            ValueKind.BASELINE);
    /** Stocks have a baseline (where the campaign started) but no cumulative value; flows the other way round. */
    private static final List<Metric> STOCKS = List.of(Metric.POVERTY_INCIDENCE, Metric.POOR_POPULATION,
            Metric.VILLAGES_REGISTERED, Metric.COUNTIES_REGISTERED);

    /**
     * @param scale                 1.0 is the national size; 0.01 a hundredth of it, for development
     * @param seed                  the same seed and scale give the same data
     * @param allowExistingData     add to a database that already holds data people entered
     * @param allowExternalDatabase write to a database other than the embedded one
     */
    public record Options(double scale, long seed, boolean allowExistingData, boolean allowExternalDatabase) {
        public Options {
            if (!(scale > 0) || scale > 10) {
                throw new IllegalArgumentException("scale must be above 0 and at most 10, was " + scale);
            }
        }

        int counties() {
            return Math.max(1, (int) Math.round(COUNTIES * scale));
        }

        int officials() {
            return (int) Math.round(OFFICIALS * scale);
        }

        int pairings() {
            return (int) Math.round(PAIRINGS * scale);
        }

        int auditEntries() {
            return (int) Math.round(AUDIT_ENTRIES * scale);
        }
    }

    /** What was written and how long it took. */
    public record Result(int provinces, int prefectures, int counties, long reports, long figureValues,
                         long transitions, long accounts, long officials, long pairings, long auditEntries,
                         Duration took) {

        @Override
        public String toString() {
            return "%,d synthetic provinces, %,d prefectures, %,d counties, %,d reports, %,d figure values, "
                    .formatted(provinces, prefectures, counties, reports, figureValues)
                    + "%,d transitions, %,d accounts, %,d officials dispatched, %,d pairing records, "
                    .formatted(transitions, accounts, officials, pairings)
                    + "%,d audit entries in %.1f s".formatted(auditEntries, took.toMillis() / 1000.0);
        }
    }

    /** The database may not take synthetic data; nothing was written. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private record Place(long id, String code, String path, @Nullable String designation, boolean eightProvinces) {
    }

    private record County(Place place, int number, String clerk, String supervisor, long seed) {
    }

    private final DataSource dataSource;
    private final boolean embedded;

    public SyntheticDataGenerator(DataSource dataSource, boolean embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    public Result generate(Options options) {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            refusal(c, options).ifPresent(reason -> {
                throw new Refused(reason);
            });
            c.setAutoCommit(false);
            try {
                Result result = write(c, options, started);
                c.commit();
                try (Statement s = c.createStatement()) {
                    c.setAutoCommit(true);
                    s.execute("analyze");
                }
                return result;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Generating synthetic data failed: " + e.getMessage(), e);
        }
    }

    /** Why this database may not take synthetic data, or empty when it may. */
    public Optional<String> refusal(Connection c, Options options) throws SQLException, IOException {
        if (!embedded && !options.allowExternalDatabase()) {
            return Optional.of("This is not the embedded database. Synthetic data goes into an external database only "
                    + "with --tuopin.generator.allow-external-database=true.");
        }
        if (count(c, "select count(*) from region where code like '9%'") > 0) {
            return Optional.of("The database already holds synthetic data. Generate into a fresh data directory "
                    + "(--tuopin.embedded-db.dir=...).");
        }
        if (options.allowExistingData()) {
            return Optional.empty();
        }
        List<String> found = new ArrayList<>();
        long regions = count(c, "select count(*) from region") - V2__Reference_data.read("regions.csv").size();
        if (regions > 0) {
            found.add(regions + " regions beyond the reference data");
        }
        long reports = count(c, "select count(*) from yearly_report where created_by <> '"
                + V2__Reference_data.LOADER + "'");
        if (reports > 0) {
            found.add(reports + " yearly reports entered by people");
        }
        long pairings = count(c, "select count(*) from pairing") - V2__Reference_data.read("pairings.csv").size();
        if (pairings > 0) {
            found.add(pairings + " pairing records beyond the reference data");
        }
        long postings = count(c, "select count(*) from official_posting");
        if (postings > 0) {
            found.add(postings + " officials dispatched on the roster");
        }
        long changes = count(c, "select count(*) from audit_entry where action in (" + DATA_ACTIONS + ")");
        if (changes > 0) {
            found.add(changes + " recorded changes in the audit trail");
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("The database holds data beyond the reference data (" + String.join(", ", found)
                + "). Synthetic data goes into it only with --tuopin.generator.allow-existing-data=true.");
    }

    private Result write(Connection c, Options o, long started) throws SQLException, IOException {
        SplittableRandom random = new SplittableRandom(o.seed());
        String source = "synthetic (seed " + o.seed() + ")";
        long t = System.nanoTime();
        Place country = places(c, "COUNTRY").getFirst();
        List<Place> provinces = new ArrayList<>(places(c, "PROVINCE"));
        int newProvinces = (int) Math.round(SYNTHETIC_PROVINCES * Math.min(1.0, o.scale()));
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i <= newProvinces; i++) {
            String n = "%02d".formatted(i);
            rows.add(new String[]{"99" + "%04d".formatted(i), "PROVINCE", "Synthetic Province " + n, "合成省" + n});
        }
        List<Place> syntheticProvinces = insertRegions(c, rows, List.of(country));
        // the synthetic provinces come first, so that each of them gets prefectures even at a small scale
        List<Place> provinceOrder = new ArrayList<>(syntheticProvinces);
        provinceOrder.addAll(provinces);

        List<Place> prefectures = new ArrayList<>(places(c, "PREFECTURE"));
        int newPrefectures = Math.max(1, (int) Math.round(SYNTHETIC_PREFECTURES * o.scale()));
        rows.clear();
        for (int i = 1; i <= newPrefectures; i++) {
            String n = "%03d".formatted(i);
            rows.add(new String[]{"98" + "%04d".formatted(i), "PREFECTURE", "Synthetic Prefecture " + n, "合成地区" + n});
        }
        List<Place> syntheticPrefectures = insertRegions(c, rows, provinceOrder);
        List<Place> prefectureOrder = new ArrayList<>(syntheticPrefectures);
        prefectureOrder.addAll(prefectures);

        int counties = o.counties();
        rows.clear();
        for (int i = 1; i <= counties; i++) {
            String n = "%04d".formatted(i);
            rows.add(new String[]{"9" + "%05d".formatted(i), "COUNTY", "Synthetic County " + n, "合成县" + n});
        }
        List<County> countyList = new ArrayList<>();
        List<Place> countyPlaces = insertRegions(c, rows, prefectureOrder);
        for (int i = 0; i < countyPlaces.size(); i++) {
            Place prefecture = prefectureOrder.get(i % prefectureOrder.size());
            Place province = provinceOf(prefecture, provinceOrder);
            countyList.add(new County(countyPlaces.get(i), i + 1, clerkOf(prefecture), supervisorOf(province),
                    random.nextLong()));
        }
        log.info("Synthetic regions: {} provinces, {} prefectures, {} counties ({} ms)", syntheticProvinces.size(),
                syntheticPrefectures.size(), countyPlaces.size(), ms(t));

        t = System.nanoTime();
        long accounts = insertAccounts(c, country, provinceOrder, prefectureOrder);
        try (Statement s = c.createStatement()) {
            s.execute("insert into reporting_year(year, open) select y, false from generate_series(" + FIRST_YEAR
                    + ", 2012) y on conflict do nothing");
        }
        log.info("Synthetic accounts: {} ({} ms)", accounts, ms(t));

        t = System.nanoTime();
        long reports;
        try (CopyWriter w = new CopyWriter(c, "yearly_report", "region_id, year, state, created_by, created_at, "
                + "updated_by, updated_at, version, submitted_by")) {
            for (County county : countyList) {
                SplittableRandom r = new SplittableRandom(county.seed());
                for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
                    ReportState state = state(year, r.nextInt(100));
                    Instant created = at(year, 2, r);
                    Instant updated = created.plus(r.nextInt(30, 200), ChronoUnit.DAYS);
                    w.row(county.place().id(), year, state.name(), county.clerk(), created,
                            state == ReportState.APPROVED || state == ReportState.RETURNED ? county.supervisor()
                                    : county.clerk(), updated, 1 + transitions(state).size(),
                            state == ReportState.DRAFT ? null : county.clerk());
                }
            }
            reports = w.rows();
        }
        Map<Long, long[]> reportIds = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select yr.region_id, yr.year, yr.id from yearly_report yr join region r on r.id = yr.region_id "
                        + "where r.code like '9%'")) {
            while (rs.next()) {
                reportIds.computeIfAbsent(rs.getLong(1), k -> new long[LAST_YEAR - FIRST_YEAR + 1])
                        [rs.getInt(2) - FIRST_YEAR] = rs.getLong(3);
            }
        }
        log.info("Synthetic reports: {} ({} ms)", reports, ms(t));

        t = System.nanoTime();
        // one COPY at a time on a connection: values first, then transitions, each county replayed from its seed
        long values;
        long transitionCount;
        try (CopyWriter fv = new CopyWriter(c, "figure_value", "report_id, year, metric, kind, value, unit, source")) {
            replay(countyList, reportIds, (county, year, reportId, state, created, updated, figures) -> {
                for (var e : figures.entrySet()) {
                    String[] key = e.getKey().split("/");
                    fv.row(reportId, year, key[0], key[1], e.getValue().toPlainString(),
                            Metric.fromCode(key[0]).orElseThrow().unit().code(), source);
                }
            });
            values = fv.rows();
        }
        try (CopyWriter tr = new CopyWriter(c, "report_transition",
                "report_id, from_state, to_state, account, at, reason, explanation, snapshot")) {
            replay(countyList, reportIds, (county, year, reportId, state, created, updated, figures) -> {
                List<ReportState[]> steps = transitions(state);
                for (int i = 0; i < steps.size(); i++) {
                    ReportState to = steps.get(i)[1];
                    Instant when = created.plus(Duration.between(created, updated).multipliedBy(i + 1)
                            .dividedBy(steps.size()));
                    tr.row(reportId, steps.get(i)[0].name(), to.name(),
                            to == ReportState.SUBMITTED ? county.clerk() : county.supervisor(), when,
                            to == ReportState.RETURNED ? "Synthetic return: please check the relocation figures" : null,
                            null, to == ReportState.APPROVED ? snapshot(figures) : null);
                }
            });
            transitionCount = tr.rows();
        }
        log.info("Synthetic figure values: {}, transitions: {} ({} ms)", values, transitionCount, ms(t));

        t = System.nanoTime();
        long officials = writeRoster(c, o, countyList, new SplittableRandom(o.seed() ^ 0x0ff1c1a1L));
        log.info("Synthetic officials dispatched: {} ({} ms)", officials, ms(t));

        t = System.nanoTime();
        long pairings = writePairings(c, o, countyList, new SplittableRandom(o.seed() ^ 0xfa1e), source);
        log.info("Synthetic pairing records: {} ({} ms)", pairings, ms(t));

        t = System.nanoTime();
        long audit = writeAudit(c, o, countyList, random);
        log.info("Synthetic audit entries: {} ({} ms)", audit, ms(t));

        return new Result(syntheticProvinces.size(), syntheticPrefectures.size(), countyPlaces.size(), reports, values,
                transitionCount, accounts, officials, pairings, audit,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static final List<String> ROLES = List.of("FIRST_SECRETARY", "VILLAGE_WORK_TEAM",
            "COMPREHENSIVE_ASSISTANCE_TEAM", "TEMPORARY_POST", "TECHNICAL_TALENT");
    private static final List<String> RANKS = List.of("DEPARTMENT_LEVEL", "DIVISION_LEVEL", "YOUNG_DIVISION_RESERVE",
            "SECTION_LEVEL", "OTHER");

    /**
     * The roster: one posting per official (each with an id number of its own, so no two postings of a person
     * overlap), spread over the counties, starting between 2013 and 2020, one in five still serving. The table's
     * indexes and its overlap constraint are dropped for the load and built again afterwards, in the same
     * transaction: building an index once from sorted rows is many times faster than three million inserts. The
     * roster counts are filled the same way, by one recount after the load.
     */
    private static long writeRoster(Connection c, Options o, List<County> counties, SplittableRandom r)
            throws SQLException, IOException {
        List<String> rebuild = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select conname, pg_get_constraintdef(oid) from pg_constraint "
                    + "where conrelid = 'official_posting'::regclass and contype = 'x'")) {
                while (rs.next()) {
                    rebuild.add("alter table official_posting add constraint " + rs.getString(1) + " " + rs.getString(2));
                }
            }
            for (String add : rebuild) {
                s.execute("alter table official_posting drop constraint " + add.split(" ")[5]);
            }
            List<String[]> indexes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select i.indexname, i.indexdef from pg_indexes i "
                    + "where i.tablename = 'official_posting' and not exists (select 1 from pg_constraint k "
                    + "where k.conname = i.indexname)")) {
                while (rs.next()) {
                    indexes.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] index : indexes) {
                s.execute("drop index " + index[0]);
                rebuild.addFirst(index[1]);
            }
            // the roster counts' triggers would recount per statement; one set-based recount after the load is
            // cheaper (V10, docs/design-decisions/DD012-roster-counts.md)
            s.execute("alter table official_posting disable trigger roster_count_insert");
            rebuild.add("alter table official_posting enable trigger roster_count_insert");
            rebuild.add("select roster_count_refill(array(select year from reporting_year order by year))");
        }
        LocalDate first = LocalDate.of(2013, 1, 1);
        long written;
        try (CopyWriter w = new CopyWriter(c, "official_posting", "official_no, name, rank, sending_organisation, "
                + "role, region_id, region_path, village, start_date, end_date, bilingual, created_by, updated_by")) {
            for (int i = 0; i < o.officials(); i++) {
                County county = counties.get(r.nextInt(counties.size()));
                String n = "%07d".formatted(i + 1);
                LocalDate start = first.plusDays(r.nextInt(8 * 365));
                LocalDate end = r.nextInt(5) == 0 ? null : start.plusDays(r.nextInt(180, 3 * 365));
                int rank = r.nextInt(100);
                w.row("SYN-" + n, "Synthetic Official " + n, RANKS.get(rank < 2 ? 0 : rank < 12 ? 1 : rank < 17 ? 2
                                : rank < 70 ? 3 : 4), "Synthetic Organisation " + "%03d".formatted(1 + r.nextInt(500)),
                        ROLES.get(r.nextInt(ROLES.size())), county.place().id(), county.place().path(),
                        "Synthetic Village " + county.place().code() + "-" + "%03d".formatted(1 + r.nextInt(60)),
                        start, end, r.nextInt(10) == 0, county.clerk(), county.clerk());
            }
            written = w.rows();
        }
        try (Statement s = c.createStatement()) {
            for (String sql : rebuild) {
                s.execute(sql);
            }
        }
        return written;
    }

    private static final List<String> DONOR_TYPES = List.of("EAST_WEST_PROVINCE", "CENTRAL_UNIT",
            "STATE_OWNED_ENTERPRISE", "PRIVATE_ENTERPRISE", "SOCIAL_ORGANISATION", "MILITARY");

    /**
     * Pairing records spread over the counties and the years 2013–2020, each donor numbered once (so that one
     * donor, recipient and year stay unique); nine in ten with a pledge, never more delivered than pledged.
     */
    private static long writePairings(Connection c, Options o, List<County> counties, SplittableRandom r,
                                      String source) throws SQLException, IOException {
        try (CopyWriter w = new CopyWriter(c, "pairing", "donor, donor_type, recipient_region_id, recipient_path, "
                + "year, funds_pledged_rmb, funds_delivered_rmb, projects, people_helped, source")) {
            for (int i = 0; i < o.pairings(); i++) {
                County county = counties.get(i % counties.size());
                int year = 2013 + (i / counties.size()) % 8;
                long pledged = 10_000L * r.nextInt(10, 5_000);
                long delivered = pledged * r.nextInt(60, 101) / 100;
                w.row("Synthetic donor " + "%06d".formatted(i + 1), DONOR_TYPES.get(r.nextInt(DONOR_TYPES.size())),
                        county.place().id(), county.place().path(), year, r.nextInt(10) == 0 ? null : pledged,
                        delivered, r.nextInt(1, 40), r.nextInt(100, 20_000), source);
            }
            return w.rows();
        }
    }

    private interface ReportVisitor {
        void visit(County county, int year, long reportId, ReportState state, Instant created, Instant updated,
                   Map<String, BigDecimal> figures);
    }

    /** Walks every county's reports in the order and with the random draws of the reports' own COPY. */
    private static void replay(List<County> counties, Map<Long, long[]> reportIds, ReportVisitor visitor) {
        for (County county : counties) {
            SplittableRandom r = new SplittableRandom(county.seed());
            long[] ids = reportIds.get(county.place().id());
            List<Map<String, BigDecimal>> years = figures(county, new SplittableRandom(county.seed() ^ 0x5eed));
            for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
                ReportState state = state(year, r.nextInt(100));
                Instant created = at(year, 2, r);
                Instant updated = created.plus(r.nextInt(30, 200), ChronoUnit.DAYS);
                visitor.visit(county, year, ids[year - FIRST_YEAR], state, created, updated, years.get(year - FIRST_YEAR));
            }
        }
    }

    /** Earlier years are all approved; the last two hold every state, as a campaign in progress would. */
    private static ReportState state(int year, int dice) {
        if (year < LAST_YEAR - 1) {
            return ReportState.APPROVED;
        }
        if (year == LAST_YEAR - 1) {
            return dice < 90 ? ReportState.APPROVED : dice < 95 ? ReportState.SUBMITTED : ReportState.RETURNED;
        }
        return dice < 40 ? ReportState.APPROVED : dice < 65 ? ReportState.SUBMITTED
                : dice < 80 ? ReportState.RETURNED : ReportState.DRAFT;
    }

    private static List<ReportState[]> transitions(ReportState state) {
        return switch (state) {
            case DRAFT -> List.of();
            case SUBMITTED -> List.<ReportState[]>of(new ReportState[]{ReportState.DRAFT, ReportState.SUBMITTED});
            case RETURNED -> List.of(new ReportState[]{ReportState.DRAFT, ReportState.SUBMITTED},
                    new ReportState[]{ReportState.SUBMITTED, ReportState.RETURNED});
            case APPROVED -> List.of(new ReportState[]{ReportState.DRAFT, ReportState.SUBMITTED},
                    new ReportState[]{ReportState.SUBMITTED, ReportState.APPROVED});
        };
    }

    /**
     * Ten years of one county's figures that pass every error rule: the poor fall to none by the last year, no
     * more are lifted out than were poor, exits stay within the register, the funds within their total.
     */
    static List<Map<String, BigDecimal>> figures(County county, SplittableRandom r) {
        int population = r.nextInt(80_000, 900_000);
        int poorAtStart = (int) (population * (0.08 + r.nextDouble() * 0.32));
        int villages = r.nextInt(20, 260);
        int exitYear = r.nextInt(2016, LAST_YEAR + 1);
        int span = LAST_YEAR - FIRST_YEAR + 1;
        List<Map<String, BigDecimal>> years = new ArrayList<>(span);
        long[] cumulative = new long[Metric.values().length];
        long previousPoor = poorAtStart + poorAtStart / span;
        for (int i = 0; i < span; i++) {
            int year = FIRST_YEAR + i;
            long poor = Math.round(poorAtStart * (double) (LAST_YEAR - year) / (span - 1));
            long lifted = Math.max(0, previousPoor - poor);
            long villagesRegistered = Math.round(villages * (double) (LAST_YEAR - year + 1) / span);
            long villagesExited = Math.round(villages / (double) span);
            long fundsTotal = 10_000L * r.nextInt(2_000, 40_000);
            long central = fundsTotal * r.nextInt(30, 55) / 100;
            long provincial = fundsTotal * r.nextInt(10, 25) / 100;
            long relocation = fundsTotal * r.nextInt(5, 20) / 100;
            Map<Metric, BigDecimal> actual = new LinkedHashMap<>();
            actual.put(Metric.POOR_POPULATION, BigDecimal.valueOf(poor));
            actual.put(Metric.PEOPLE_LIFTED_OUT, BigDecimal.valueOf(lifted));
            actual.put(Metric.VILLAGES_EXITED, BigDecimal.valueOf(Math.min(villagesExited, villagesRegistered)));
            actual.put(Metric.COUNTIES_EXITED, BigDecimal.valueOf(year == exitYear ? 1 : 0));
            actual.put(Metric.VILLAGES_REGISTERED, BigDecimal.valueOf(villagesRegistered));
            actual.put(Metric.COUNTIES_REGISTERED, BigDecimal.valueOf(year <= exitYear ? 1 : 0));
            actual.put(Metric.POVERTY_INCIDENCE, BigDecimal.valueOf(poor * 100.0 / population)
                    .setScale(2, RoundingMode.HALF_UP));
            actual.put(Metric.PEOPLE_RELOCATED, BigDecimal.valueOf(lifted * r.nextInt(0, 30) / 100));
            actual.put(Metric.FUNDS_TOTAL, BigDecimal.valueOf(fundsTotal));
            actual.put(Metric.FUNDS_CENTRAL, BigDecimal.valueOf(central));
            actual.put(Metric.FUNDS_PROVINCIAL, BigDecimal.valueOf(provincial));
            actual.put(Metric.FUNDS_RELOCATION, BigDecimal.valueOf(relocation));
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            for (var e : actual.entrySet()) {
                Metric m = e.getKey();
                for (ValueKind kind : KINDS) {
                    BigDecimal v = e.getValue();
                    if (kind == ValueKind.TARGET) {
                        v = m == Metric.POVERTY_INCIDENCE
                                ? v.multiply(BigDecimal.valueOf(0.9)).setScale(2, RoundingMode.HALF_UP)
                                : BigDecimal.valueOf(Math.round(v.doubleValue() * (0.9 + r.nextDouble() * 0.2)));
                    } else if (kind == ValueKind.CUMULATIVE) {
                        if (STOCKS.contains(m)) {
                            continue;
                        }
                        cumulative[m.ordinal()] += v.longValue();
                        v = BigDecimal.valueOf(cumulative[m.ordinal()]);
                    } else if (kind == ValueKind.BASELINE) {
                        if (!STOCKS.contains(m)) {
                            continue;
                        }
                        v = i == 0 ? v : years.getFirst().get(m.code() + "/" + ValueKind.ACTUAL.code());
                    }
                    values.put(m.code() + "/" + kind.code(), v);
                }
            }
            years.add(values);
            previousPoor = poor;
        }
        return years;
    }

    /** What the report looked like when approved, in the form ReportService writes. */
    private static String snapshot(Map<String, BigDecimal> figures) {
        StringBuilder sb = new StringBuilder("[");
        figures.entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> a.replace("/", "")
                .compareTo(b.replace("/", "")))).forEach(e -> {
            String[] key = e.getKey().split("/");
            sb.append(sb.length() > 1 ? "," : "").append("{\"metric\":\"").append(key[0]).append("\",\"kind\":\"")
                    .append(key[1]).append("\",\"value\":").append(e.getValue().stripTrailingZeros().toPlainString())
                    .append('}');
        });
        return sb.append(']').toString();
    }

    /**
     * Audit entries spread evenly over the ten years, continuing the chain from its current head: each entry's
     * hash is computed by {@link AuditTrail#chainHash}, so that verification finds the chain intact.
     */
    private long writeAudit(Connection c, Options o, List<County> counties, SplittableRandom random)
            throws SQLException, IOException {
        long seq;
        String prev;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select seq, hash from audit_head where id = 1 for update")) {
            rs.next();
            seq = rs.getLong(1);
            prev = rs.getString(2);
        }
        int n = o.auditEntries();
        Instant start = LocalDate.of(FIRST_YEAR, 1, 4).atStartOfDay(ZoneOffset.UTC).toInstant();
        long spanMicros = ChronoUnit.MICROS.between(start, LocalDate.of(LAST_YEAR, 12, 28)
                .atStartOfDay(ZoneOffset.UTC).toInstant());
        long step = Math.max(1, spanMicros / Math.max(1, n));
        try (CopyWriter w = new CopyWriter(c, "audit_entry", "seq, at, account, role, client_address, action, "
                + "entity_type, entity_id, region_id, changes, reason, prev_hash, hash, hash_version")) {
            for (int i = 0; i < n; i++) {
                County county = counties.get(random.nextInt(counties.size()));
                int year = FIRST_YEAR + random.nextInt(LAST_YEAR - FIRST_YEAR + 1);
                String report = county.place().code() + "/" + year;
                int dice = random.nextInt(100);
                AuditTrail.Event event = auditEvent(dice, county, report, random);
                Instant at = start.plus(i * step + random.nextLong(step), ChronoUnit.MICROS);
                String client = "192.0.2." + (1 + random.nextInt(254));
                seq++;
                String hash = AuditTrail.chainHash(prev, seq, at, client, event);
                w.row(seq, at, event.actor().account(), event.actor().role(), client, event.action().name(),
                        event.entityType(), event.entityId(), event.regionId(),
                        AuditTrail.changesJson(event.changes()), event.reason(), prev, hash, AuditTrail.HASH_VERSION);
                prev = hash;
            }
        }
        try (var ps = c.prepareStatement("update audit_head set seq = ?, hash = ? where id = 1")) {
            ps.setLong(1, seq);
            ps.setString(2, prev);
            ps.executeUpdate();
        }
        return n;
    }

    private static AuditTrail.Event auditEvent(int dice, County county, String report, SplittableRandom r) {
        AuditTrail.Actor clerk = new AuditTrail.Actor(county.clerk(), "DATA_ENTRY");
        AuditTrail.Actor supervisor = new AuditTrail.Actor(county.supervisor(), "SUPERVISOR");
        long region = county.place().id();
        if (dice < 40) {
            Metric m = Metric.values()[r.nextInt(Metric.values().length)];
            long before = r.nextLong(1_000_000);
            return new AuditTrail.Event(clerk, AuditAction.UPDATE, "report", report, region,
                    List.of(FieldChange.of(m.code() + "/actual", before, before + r.nextInt(-500, 500))), null);
        }
        if (dice < 55) {
            return new AuditTrail.Event(clerk, AuditAction.SUBMIT, "report", report, region,
                    List.of(FieldChange.of("state", ReportState.DRAFT, ReportState.SUBMITTED)), null);
        }
        if (dice < 65) {
            return new AuditTrail.Event(supervisor, AuditAction.APPROVE, "report", report, region,
                    List.of(FieldChange.of("state", ReportState.SUBMITTED, ReportState.APPROVED)), null);
        }
        if (dice < 68) {
            return new AuditTrail.Event(supervisor, AuditAction.RETURN, "report", report, region,
                    List.of(FieldChange.of("state", ReportState.SUBMITTED, ReportState.RETURNED)),
                    "Synthetic return: please check the relocation figures");
        }
        if (dice < 72) {
            return new AuditTrail.Event(clerk, AuditAction.CREATE, "report", report, region,
                    List.of(FieldChange.of("poor_population/actual", null, r.nextInt(100_000))), null);
        }
        if (dice < 92) {
            return new AuditTrail.Event(dice % 2 == 0 ? clerk : supervisor, AuditAction.SIGN_IN, null, null, null,
                    List.of(), null);
        }
        return new AuditTrail.Event(supervisor, AuditAction.EXPORT, "export", "figures-long", region,
                List.of(FieldChange.of("format", null, "csv"), FieldChange.of("filter", null, "year=null, region=null"),
                        FieldChange.of("rows", null, r.nextInt(1, 5_000))), null);
    }

    /** A clerk per prefecture, a supervisor per province, and one national clerk; nobody knows their passwords. */
    private static long insertAccounts(Connection c, Place country, List<Place> provinces, List<Place> prefectures)
            throws SQLException, IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(java.util.HexFormat.of().formatHex(secret));
        try (CopyWriter w = new CopyWriter(c, "account", "username, display_name, password_hash, role, region_id")) {
            w.row(NATIONAL_CLERK, "Synthetic national clerk", hash, "DATA_ENTRY", country.id());
            for (Place p : provinces) {
                w.row(supervisorOf(p), "Synthetic supervisor " + p.code(), hash, "SUPERVISOR", p.id());
            }
            for (Place p : prefectures) {
                w.row(clerkOf(p), "Synthetic clerk " + p.code(), hash, "DATA_ENTRY", p.id());
            }
            return w.rows();
        }
    }

    private static String clerkOf(Place prefecture) {
        return "synthetic.clerk." + prefecture.code();
    }

    private static String supervisorOf(Place province) {
        return "synthetic.supervisor." + province.code();
    }

    private static Place provinceOf(Place prefecture, List<Place> provinces) {
        return provinces.stream().filter(p -> prefecture.path().startsWith(p.path())).findFirst().orElseThrow();
    }

    /**
     * Inserts regions (code, level, English name, Chinese name), the i-th under the (i mod n)-th parent, and
     * returns them in the same order. Designation and the eight-provinces flag follow the parent.
     */
    private static List<Place> insertRegions(Connection c, List<String[]> rows, List<Place> parents) throws SQLException, IOException {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        try (CopyWriter w = new CopyWriter(c, "region",
                "code, level, parent_id, name_en, name_zh, designation, eight_provinces, path")) {
            for (int i = 0; i < rows.size(); i++) {
                String[] row = rows.get(i);
                Place parent = parents.get(i % parents.size());
                String path = parent.path() + row[0] + "/";
                w.row(row[0], row[1], parent.id(), row[2], row[3],
                        "COUNTRY".equals(parentLevel(parent)) ? null : parent.designation(),
                        "COUNTRY".equals(parentLevel(parent)) ? false : parent.eightProvinces(), path);
                paths.add(path);
            }
        }
        Map<String, Place> byPath = new HashMap<>();
        try (var ps = c.prepareStatement("select id, code, path, designation, eight_provinces from region "
                + "where level = ? and code like '9%'")) {
            ps.setString(1, rows.getFirst()[1]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byPath.put(rs.getString(3), new Place(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getBoolean(5)));
                }
            }
        }
        return paths.stream().map(byPath::get).toList();
    }

    private static String parentLevel(Place parent) {
        return parent.path().equals("CN/") ? "COUNTRY" : "OTHER";
    }

    private static List<Place> places(Connection c, String level) throws SQLException {
        List<Place> list = new ArrayList<>();
        try (var ps = c.prepareStatement("select id, code, path, designation, eight_provinces from region "
                + "where level = ? order by path")) {
            ps.setString(1, level);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new Place(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5)));
                }
            }
        }
        return list;
    }

    private static Instant at(int year, int month, SplittableRandom r) {
        return LocalDate.of(year, month, 1).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plus(r.nextLong(20L * 24 * 3600 * 1_000_000), ChronoUnit.MICROS);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
