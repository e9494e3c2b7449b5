package org.tuopin.referencedata;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Loads the published study's figures ({@code reference-data/*.csv}) into an empty database.
 * As a Flyway migration it runs exactly once per database, inside the migration's transaction:
 * either every row is there or none is (see docs/design-decisions/DD002).
 */
@Component
public class V2__Reference_data extends BaseJavaMigration {

    /** The account name that reference rows are attributed to in reports and transitions. */
    public static final String LOADER = "reference-data";
    public static final String STUDY = "Wang Yanzhong and Ding Sai (2021), \"Achievements, experiences and challenges "
            + "of the battle against poverty in China's ethnic minority areas\", CC BY 4.0";

    private static final List<String> LEVEL_ORDER = List.of("COUNTRY", "PROVINCE", "PREFECTURE", "COUNTY");

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        Map<String, Long> regions = loadRegions(c);
        Map<String, Long> groups = loadGroups(c, regions);
        loadFigures(c, regions, groups);
        loadDispatches(c, regions, groups);
        loadPairings(c, regions);
        try (PreparedStatement ps = c.prepareStatement("insert into reporting_year(year, open) values (?, ?)")) {
            for (int year = 2013; year <= 2020; year++) {
                ps.setInt(1, year);
                ps.setBoolean(2, year == 2020);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The rows of one reference file, header skipped. */
    public static List<CSVRecord> read(String file) throws IOException {
        var format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader r = new InputStreamReader(new ClassPathResource("reference-data/" + file).getInputStream(),
                StandardCharsets.UTF_8)) {
            return format.parse(r).getRecords();
        }
    }

    private Map<String, Long> loadRegions(Connection c) throws Exception {
        List<CSVRecord> rows = new ArrayList<>(read("regions.csv"));
        rows.sort(Comparator.comparingInt(r -> LEVEL_ORDER.indexOf(r.get("level"))));
        Map<String, Long> ids = new HashMap<>();
        Map<String, String> paths = new HashMap<>();
        String sql = "insert into region(code, level, parent_id, name_en, name_zh, designation, eight_provinces, path) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?) returning id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (CSVRecord r : rows) {
                String code = r.get("code");
                String parent = r.get("parent_code");
                String path = (parent.isEmpty() ? "" : paths.get(parent)) + code + "/";
                ps.setString(1, code);
                ps.setString(2, r.get("level"));
                setLong(ps, 3, parent.isEmpty() ? null : ids.get(parent));
                ps.setString(4, r.get("name_en"));
                ps.setString(5, r.get("name_zh"));
                ps.setString(6, emptyToNull(r.get("designation")));
                ps.setBoolean(7, Boolean.parseBoolean(r.get("eight_provinces")));
                ps.setString(8, path);
                ids.put(code, returnedId(ps));
                paths.put(code, path);
            }
        }
        return ids;
    }

    private Map<String, Long> loadGroups(Connection c, Map<String, Long> regions) throws Exception {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement group = c.prepareStatement(
                "insert into region_group(code, name_en, name_zh) values (?, ?, ?) returning id");
             PreparedStatement member = c.prepareStatement(
                     "insert into region_group_member(group_id, region_id) values (?, ?)")) {
            for (CSVRecord r : read("groups.csv")) {
                group.setString(1, r.get("group_code"));
                group.setString(2, r.get("name_en"));
                group.setString(3, r.get("name_zh"));
                long id = returnedId(group);
                ids.put(r.get("group_code"), id);
                for (String code : r.get("member_codes").trim().split("\\s+")) {
                    member.setLong(1, id);
                    member.setLong(2, require(regions, code, "groups.csv"));
                    member.executeUpdate();
                }
            }
        }
        return ids;
    }

    private void loadFigures(Connection c, Map<String, Long> regions, Map<String, Long> groups) throws Exception {
        Map<String, Long> reports = new HashMap<>();
        try (PreparedStatement report = c.prepareStatement(
                "insert into yearly_report(region_id, group_id, year, state, created_by, updated_by) "
                        + "values (?, ?, ?, 'APPROVED', ?, ?) returning id");
             PreparedStatement transition = c.prepareStatement(
                     "insert into report_transition(report_id, from_state, to_state, account, reason) "
                             + "values (?, null, 'APPROVED', ?, ?)");
             PreparedStatement value = c.prepareStatement(
                     "insert into figure_value(report_id, metric, kind, value, unit, source, note) "
                             + "values (?, ?, ?, ?, ?, ?, ?)")) {
            for (CSVRecord r : read("yearly-figures.csv")) {
                String owner = r.get("region_code");
                int year = Integer.parseInt(r.get("year"));
                Long reportId = reports.get(owner + "@" + year);
                if (reportId == null) {
                    boolean isGroup = owner.startsWith("GROUP:");
                    setLong(report, 1, isGroup ? null : require(regions, owner, "yearly-figures.csv"));
                    setLong(report, 2, isGroup ? require(groups, owner, "yearly-figures.csv") : null);
                    report.setInt(3, year);
                    report.setString(4, LOADER);
                    report.setString(5, LOADER);
                    reportId = returnedId(report);
                    reports.put(owner + "@" + year, reportId);
                    transition.setLong(1, reportId);
                    transition.setString(2, LOADER);
                    transition.setString(3, "Published figure, loaded from " + STUDY);
                    transition.executeUpdate();
                }
                value.setLong(1, reportId);
                value.setString(2, r.get("metric"));
                value.setString(3, r.get("kind"));
                value.setBigDecimal(4, new BigDecimal(r.get("value")));
                value.setString(5, r.get("unit"));
                value.setString(6, emptyToNull(r.get("source")));
                value.setString(7, emptyToNull(r.get("note")));
                value.executeUpdate();
            }
        }
    }

    private void loadDispatches(Connection c, Map<String, Long> regions, Map<String, Long> groups) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into dispatch_count(region_id, group_id, year, sending_body, role, rank, count, source, note) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (CSVRecord r : read("dispatches.csv")) {
                String owner = r.get("region_code");
                boolean isGroup = owner.startsWith("GROUP:");
                setLong(ps, 1, isGroup ? null : require(regions, owner, "dispatches.csv"));
                setLong(ps, 2, isGroup ? require(groups, owner, "dispatches.csv") : null);
                ps.setInt(3, Integer.parseInt(r.get("year")));
                ps.setString(4, r.get("sending_body"));
                ps.setString(5, r.get("role"));
                ps.setString(6, emptyToNull(r.get("rank")));
                ps.setLong(7, Long.parseLong(r.get("count")));
                ps.setString(8, emptyToNull(r.get("source")));
                ps.setString(9, emptyToNull(r.get("note")));
                ps.executeUpdate();
            }
        }
    }

    private void loadPairings(Connection c, Map<String, Long> regions) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into pairing(donor, donor_type, recipient_region_id, year, funds_rmb, projects, people_helped, "
                        + "source, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (CSVRecord r : read("pairings.csv")) {
                ps.setString(1, r.get("donor"));
                ps.setString(2, r.get("donor_type"));
                ps.setLong(3, require(regions, r.get("recipient_code"), "pairings.csv"));
                ps.setInt(4, Integer.parseInt(r.get("year")));
                setLong(ps, 5, parseLong(r.get("funds_rmb")));
                setLong(ps, 6, parseLong(r.get("projects")));
                setLong(ps, 7, parseLong(r.get("people_helped")));
                ps.setString(8, emptyToNull(r.get("source")));
                ps.setString(9, emptyToNull(r.get("note")));
                ps.executeUpdate();
            }
        }
    }

    private static long require(Map<String, Long> ids, String code, String file) {
        Long id = ids.get(code);
        if (id == null) {
            throw new IllegalStateException(file + " names the unknown region or group " + code);
        }
        return id;
    }

    private static long returnedId(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static Long parseLong(String s) {
        return s == null || s.isBlank() ? null : Long.valueOf(s.trim());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
