package org.tuopin.figures;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tuopin.access.Scope;
import org.tuopin.access.ScopeSql;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;
import org.tuopin.figures.ReportModels.DraftImport;
import org.tuopin.figures.ReportModels.ValueInput;
import org.tuopin.figures.ReportService.Place;
import org.tuopin.figures.ReportService.Stored;
import org.tuopin.figures.rules.ValueKey;
import org.tuopin.region.RegionLevel;
import org.tuopin.region.RegionRef;

/**
 * The reports of one import, judged and stored together ({@link ReportService#importDrafts}, DD016). Everything
 * the checks read is loaded for the whole file first: the regions, the reports (locked), their values, the year
 * before, the sums of the regions below and whether each year is open. The drafts are then judged in file order
 * in memory, each one against the state the drafts before it leave (a county stored early in the file counts in
 * its prefecture's sum later on), with the same checks as {@link ReportService#saveDraft}. The accepted reports
 * are written a few hundred at a time, each group in a handful of statements, with one audit entry per draft.
 */
final class DraftImportBatch {

    /**
     * Reports per group of write statements: 250 reports of 36 values are 9,000 values per insert, few enough
     * for parameter arrays of a few hundred kilobytes, many enough that 100,000 values take a dozen groups.
     */
    static final int REPORTS_PER_WRITE = 250;

    private record RegionYear(long regionId, int year) {
    }

    /** A region of the file, with its parent and how many regions lie directly below it. */
    private record Located(Place place, @Nullable Long parentId, int children) {
    }

    /** A value as the database holds it before the import. */
    private record Original(long id, long version, Stored stored) {
    }

    /** Per value, the sum over the regions directly below and how many of them reported it. */
    private static final class Sum {
        BigDecimal total = BigDecimal.ZERO;
        int rows;
    }

    /** One report the file touches: as the database holds it, and as the drafts accepted so far leave it. */
    private static final class Touched {
        final Located located;
        final int year;
        @Nullable Long id;
        /** null: no report yet (a first save creates it). */
        @Nullable ReportState state;
        final boolean existed;
        final Map<ValueKey, Original> original = new HashMap<>();
        final Map<ValueKey, Stored> current = new HashMap<>();
        /** Changes of values that were there already, per value: each moves its version, as JPA's would. */
        final Map<ValueKey, Integer> updates = new HashMap<>();
        int saves;
        int firstSave = -1;

        Touched(Located located, int year, @Nullable Long id, @Nullable ReportState state) {
            this.located = located;
            this.year = year;
            this.id = id;
            this.state = state;
            this.existed = id != null;
        }
    }

    /** One accepted draft's audit entry, in file order. */
    private record Saved(int draft, Touched report, AuditTrail.Event event) {
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final DataSource dataSource;
    private final Scope scope;
    private final List<DraftImport> drafts;
    private final AuditTrail.Actor actor;

    private final Map<String, Located> located = new HashMap<>();
    private final Map<RegionYear, Touched> touched = new LinkedHashMap<>();
    private final Map<RegionYear, Map<ValueKey, BigDecimal>> previousYear = new HashMap<>();
    private final Map<RegionYear, Map<ValueKey, Sum>> below = new HashMap<>();
    private final Map<RegionYear, Boolean> open = new HashMap<>();

    DraftImportBatch(JdbcClient jdbc, AuditTrail audit, DataSource dataSource, Scope scope, List<DraftImport> drafts) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.dataSource = dataSource;
        this.scope = scope;
        this.drafts = drafts;
        this.actor = new AuditTrail.Actor(scope.username(), scope.role().name());
    }

    List<@Nullable RuntimeException> run() {
        locate();
        lockAndLoad();
        loadSurroundings();
        List<@Nullable RuntimeException> outcomes = new ArrayList<>(Collections.nCopies(drafts.size(), null));
        List<Saved> saved = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            try {
                saved.add(judge(i, drafts.get(i)));
            } catch (NotFoundException | ReportLocked | UserError | RuleViolation e) {
                outcomes.set(i, e);
            }
        }
        Integer refusedAt = write(saved, outcomes);
        return refusedAt == null ? outcomes : new ArrayList<>(outcomes.subList(0, refusedAt + 1));
    }

    // ----- reading, for the whole file at once

    private static boolean lookable(@Nullable String code) {
        // groups take no imports; NUL cannot be sent to the database and is no region's code
        return code != null && !code.startsWith("GROUP:") && code.indexOf('\0') < 0;
    }

    /** The file's regions inside the caller's scope: one outside it is as unknown as one that does not exist. */
    private void locate() {
        String[] codes = drafts.stream().map(DraftImport::regionCode).filter(DraftImportBatch::lookable).distinct()
                .toArray(String[]::new);
        jdbc.sql("""
                        select r.id, r.code, r.name_en, r.name_zh, r.level, r.path, r.parent_id,
                               (select count(*) from region c where c.parent_id = r.id)
                        from region r where r.code = any(cast(:codes as text[])) and r.path like :scope""")
                .param("codes", codes).param("scope", ScopeSql.param(scope))
                .query(rs -> {
                    String path = rs.getString(6);
                    if (!scope.covers(path)) {
                        return;
                    }
                    RegionLevel level = RegionLevel.valueOf(rs.getString(5));
                    RegionRef ref = new RegionRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), level,
                            false);
                    long parent = rs.getLong(7);
                    located.put(ref.code(), new Located(new Place(ref, path, level), rs.wasNull() ? null : parent,
                            rs.getInt(8)));
                });
    }

    /**
     * Takes the locks {@link ReportService#saveDraft} takes for a first save, for every report of the file, in one
     * order (region, year), so that two imports of overlapping files queue up instead of deadlocking; then locks
     * the reports that exist and reads their values.
     */
    private void lockAndLoad() {
        List<RegionYear> keys = new ArrayList<>();
        for (DraftImport d : drafts) {
            Located l = lookable(d.regionCode()) ? located.get(d.regionCode()) : null;
            if (l != null) {
                keys.add(new RegionYear(l.place().ref().id(), d.year()));
            }
        }
        keys = keys.stream().distinct()
                .sorted(Comparator.comparingLong(RegionYear::regionId).thenComparingInt(RegionYear::year)).toList();
        if (keys.isEmpty()) {
            return;
        }
        Integer[] lockRegions = keys.stream().map(k -> (int) k.regionId()).toArray(Integer[]::new);
        Integer[] lockYears = keys.stream().map(RegionYear::year).toArray(Integer[]::new);
        jdbc.sql("""
                        select count(pg_advisory_xact_lock(k.r, k.y))
                        from unnest(cast(:r as int[]), cast(:y as int[])) as k(r, y)""")
                .param("r", lockRegions).param("y", lockYears).query().singleRow();
        Map<RegionYear, Object[]> existing = new HashMap<>();
        jdbc.sql("""
                        select yr.id, yr.region_id, yr.year, yr.state from yearly_report yr
                        where (yr.region_id, yr.year) in (select * from unnest(cast(:r as bigint[]), cast(:y as int[])))
                        order by yr.id for update""")
                .param("r", keys.stream().map(RegionYear::regionId).toArray(Long[]::new)).param("y", lockYears)
                .query(rs -> {
                    existing.put(new RegionYear(rs.getLong(2), rs.getInt(3)),
                            new Object[]{rs.getLong(1), ReportState.valueOf(rs.getString(4))});
                });
        Map<Long, Touched> byId = new HashMap<>();
        Map<Long, Located> regionsById = new HashMap<>();
        located.values().forEach(l -> regionsById.put(l.place().ref().id(), l));
        for (RegionYear key : keys) {
            Object[] row = existing.get(key);
            Touched t = new Touched(regionsById.get(key.regionId()), key.year(), row == null ? null : (Long) row[0],
                    row == null ? null : (ReportState) row[1]);
            touched.put(key, t);
            if (t.id != null) {
                byId.put(t.id, t);
            }
        }
        if (byId.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        select report_id, id, version, metric, kind, value, source, note from figure_value
                        where report_id = any(cast(:ids as bigint[]))""")
                .param("ids", byId.keySet().toArray(Long[]::new))
                .query(rs -> {
                    Touched t = byId.get(rs.getLong(1));
                    ValueKey key = new ValueKey(Metric.fromCode(rs.getString(4)).orElseThrow(),
                            ValueKind.fromCode(rs.getString(5)).orElseThrow());
                    Stored stored = new Stored(rs.getBigDecimal(6), rs.getString(7), rs.getString(8));
                    t.original.put(key, new Original(rs.getLong(2), rs.getLong(3), stored));
                    t.current.put(key, stored);
                });
    }

    /** The year before (approved values), the regions below (sums) and whether each year is open. */
    private void loadSurroundings() {
        if (touched.isEmpty()) {
            return;
        }
        Long[] regions = touched.keySet().stream().map(RegionYear::regionId).toArray(Long[]::new);
        Integer[] years = touched.keySet().stream().map(RegionYear::year).toArray(Integer[]::new);
        Integer[] yearsBefore = touched.keySet().stream().map(k -> k.year() - 1).toArray(Integer[]::new);
        String[] paths = touched.values().stream().map(t -> t.located.place().path()).toArray(String[]::new);
        jdbc.sql("""
                        select yr.region_id, yr.year, v.metric, v.kind, v.value
                        from unnest(cast(:r as bigint[]), cast(:y as int[])) as k(r, y)
                        join yearly_report yr on yr.region_id = k.r and yr.year = k.y and yr.state = 'APPROVED'
                        join figure_value v on v.report_id = yr.id""")
                .param("r", regions).param("y", yearsBefore)
                .query(rs -> {
                    previousYear.computeIfAbsent(new RegionYear(rs.getLong(1), rs.getInt(2) + 1), k -> new HashMap<>())
                            .put(valueKey(rs.getString(3), rs.getString(4)), rs.getBigDecimal(5));
                });
        for (RegionYear key : touched.keySet()) {
            if (touched.get(key).located.children() > 0) {
                below.put(key, new HashMap<>());
            }
        }
        if (!below.isEmpty()) {
            jdbc.sql("""
                            select k.r, k.y, v.metric, v.kind, sum(v.value), count(*)
                            from unnest(cast(:r as bigint[]), cast(:y as int[])) as k(r, y)
                            join region c on c.parent_id = k.r
                            join yearly_report yr on yr.region_id = c.id and yr.year = k.y
                            join figure_value v on v.report_id = yr.id
                            group by k.r, k.y, v.metric, v.kind""")
                    .param("r", below.keySet().stream().map(RegionYear::regionId).toArray(Long[]::new))
                    .param("y", below.keySet().stream().map(RegionYear::year).toArray(Integer[]::new))
                    .query(rs -> {
                        Sum sum = new Sum();
                        sum.total = rs.getBigDecimal(5);
                        sum.rows = rs.getInt(6);
                        below.get(new RegionYear(rs.getLong(1), rs.getInt(2))).put(valueKey(rs.getString(3),
                                rs.getString(4)), sum);
                    });
        }
        // ReportService.yearOpen, for every report of the file
        jdbc.sql("""
                        select k.r, k.y,
                               exists (select 1 from reporting_year y where y.year = k.y and y.open)
                               or exists (select 1 from reporting_year_exception e join region er on er.id = e.region_id
                                          where e.year = k.y and k.path like er.path || '%' and e.until >= current_date)
                        from unnest(cast(:r as bigint[]), cast(:y as int[]), cast(:p as text[])) as k(r, y, path)""")
                .param("r", regions).param("y", years).param("p", paths)
                .query(rs -> {
                    open.put(new RegionYear(rs.getLong(1), rs.getInt(2)), rs.getBoolean(3));
                });
    }

    private static ValueKey valueKey(String metric, String kind) {
        return new ValueKey(Metric.fromCode(metric).orElseThrow(), ValueKind.fromCode(kind).orElseThrow());
    }

    // ----- judging, one draft after the other, in memory

    /** The checks of ReportService.storeDraft, in its order; on success the draft's effect on the state. */
    private Saved judge(int index, DraftImport draft) {
        String code = draft.regionCode();
        Located l = lookable(code) ? located.get(code) : null;
        if (l == null) {
            throw new NotFoundException("Region " + code);
        }
        RegionYear key = new RegionYear(l.place().ref().id(), draft.year());
        Touched t = touched.get(key);
        ReportService.requireEditable(t.state);
        Map<ValueKey, BigDecimal> merged = ReportService.merge(t.current, draft.changes());
        Map<ValueKey, BigDecimal> sums = new HashMap<>();
        below.getOrDefault(key, Map.of()).forEach((k, s) -> sums.put(k, s.total));
        ReportService.requireAccepted(l.place(), draft.year(), merged, previousYear.getOrDefault(key, Map.of()), sums,
                l.children(), open.get(key));

        boolean created = t.state == null;
        List<FieldChange> audited = ReportService.draftChanges(t.current, draft.changes());
        Map<ValueKey, Sum> parentSums = l.parentId() == null ? null
                : below.get(new RegionYear(l.parentId(), draft.year()));
        for (ValueInput input : draft.changes()) {
            ValueKey k = new ValueKey(input.metric(), input.kind());
            Stored before = t.current.get(k);
            // as the database would hand it back: numeric(20, 2)
            Stored after = input.value() == null ? null : new Stored(input.value().setScale(2),
                    ReportService.blankToNull(input.source()), ReportService.blankToNull(input.note()));
            if (after == null) {
                t.current.remove(k);
            } else {
                t.current.put(k, after);
                if (before != null && (before.value().compareTo(after.value()) != 0
                        || !Objects.equals(before.source(), after.source())
                        || !Objects.equals(before.note(), after.note()))) {
                    t.updates.merge(k, 1, Integer::sum);
                }
            }
            if (parentSums != null) {
                moveSum(parentSums, k, before, after);
            }
        }
        if (created) {
            t.state = ReportState.DRAFT;
        }
        if (t.firstSave < 0) {
            t.firstSave = index;
        }
        t.saves++;
        Place place = l.place();
        return new Saved(index, t, new AuditTrail.Event(actor, created ? AuditAction.CREATE : AuditAction.UPDATE,
                "report", place.ref().code() + "/" + draft.year(), place.ref().id(), audited, null));
    }

    /** Keeps a parent's sums as the database's sum over its children would now read. */
    private static void moveSum(Map<ValueKey, Sum> sums, ValueKey key, @Nullable Stored before, @Nullable Stored after) {
        Sum sum = sums.computeIfAbsent(key, k -> new Sum());
        if (before != null) {
            sum.total = sum.total.subtract(before.value());
            sum.rows--;
        }
        if (after != null) {
            sum.total = sum.total.add(after.value());
            sum.rows++;
        }
        if (sum.rows == 0) {
            sums.remove(key);
        }
    }

    // ----- writing, a few hundred reports per group of statements

    /**
     * Writes the accepted reports and their audit entries. Returns null, or the index of the draft whose report the
     * database refused (its outcome is then that refusal): the group it belongs to is rolled back to a savepoint and
     * written again report by report, so that the refusal is reported at the right rows.
     */
    private @Nullable Integer write(List<Saved> saved, List<@Nullable RuntimeException> outcomes) {
        Map<Touched, List<Saved>> byReport = new LinkedHashMap<>();
        for (Saved s : saved) {
            byReport.computeIfAbsent(s.report(), k -> new ArrayList<>()).add(s);
        }
        List<Touched> reports = new ArrayList<>(byReport.keySet());
        for (int from = 0; from < reports.size(); from += REPORTS_PER_WRITE) {
            List<Touched> group = reports.subList(from, Math.min(reports.size(), from + REPORTS_PER_WRITE));
            Connection connection = DataSourceUtils.getConnection(dataSource);
            Savepoint savepoint = savepoint(connection);
            try {
                writeGroup(group, byReport);
                release(connection, savepoint);
                continue;
            } catch (DataAccessException e) {
                rollback(connection, savepoint);
            }
            for (Touched report : group) {
                Savepoint one = savepoint(connection);
                try {
                    writeGroup(List.of(report), byReport);
                    release(connection, one);
                } catch (DataAccessException e) {
                    rollback(connection, one);
                    outcomes.set(report.firstSave, e);
                    return report.firstSave;
                }
            }
        }
        return null;
    }

    private void writeGroup(List<Touched> group, Map<Touched, List<Saved>> byReport) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Touched> created = group.stream().filter(t -> !t.existed).toList();
        if (!created.isEmpty()) {
            Map<RegionYear, Touched> byKey = new HashMap<>();
            created.forEach(t -> byKey.put(new RegionYear(t.located.place().ref().id(), t.year), t));
            // a first save leaves version 1 ("not started" is 0 to callers), and every save after it adds one
            jdbc.sql("""
                            insert into yearly_report(region_id, year, state, created_by, created_at, updated_by,
                                                      updated_at, version)
                            select k.r, k.y, 'DRAFT', cast(:by as text), cast(:now as timestamptz), cast(:by as text),
                                   cast(:now as timestamptz), k.v
                            from unnest(cast(:r as bigint[]), cast(:y as int[]), cast(:v as bigint[])) as k(r, y, v)
                            returning id, region_id, year""")
                    .param("by", scope.username()).param("now", java.sql.Timestamp.from(now))
                    .param("r", created.stream().map(t -> t.located.place().ref().id()).toArray(Long[]::new))
                    .param("y", created.stream().map(t -> t.year).toArray(Integer[]::new))
                    .param("v", created.stream().map(t -> (long) t.saves).toArray(Long[]::new))
                    .query(rs -> {
                        byKey.get(new RegionYear(rs.getLong(2), rs.getInt(3))).id = rs.getLong(1);
                    });
        }
        List<Touched> updated = group.stream().filter(t -> t.existed).toList();
        if (!updated.isEmpty()) {
            // YearlyReport.touch: by whom, and a time strictly later than the last change, so the version moves
            jdbc.sql("""
                            update yearly_report yr set updated_by = cast(:by as text),
                                   updated_at = greatest(cast(:now as timestamptz), yr.updated_at + interval '1 microsecond'),
                                   version = yr.version + k.n
                            from unnest(cast(:ids as bigint[]), cast(:n as bigint[])) as k(id, n)
                            where yr.id = k.id""")
                    .param("by", scope.username()).param("now", java.sql.Timestamp.from(now))
                    .param("ids", updated.stream().map(t -> t.id).toArray(Long[]::new))
                    .param("n", updated.stream().map(t -> (long) t.saves).toArray(Long[]::new))
                    .update();
        }
        ValueRows inserts = new ValueRows();
        ValueRows updates = new ValueRows();
        List<Long> deletes = new ArrayList<>();
        for (Touched t : group) {
            for (var e : t.current.entrySet()) {
                Original o = t.original.get(e.getKey());
                int changes = t.updates.getOrDefault(e.getKey(), 0);
                if (o == null) {
                    inserts.add(t.id, t.year, null, e.getKey(), e.getValue(), changes);
                } else if (changes > 0) {
                    updates.add(t.id, t.year, o.id(), e.getKey(), e.getValue(), o.version() + changes);
                }
            }
            t.original.forEach((k, o) -> {
                if (!t.current.containsKey(k)) {
                    deletes.add(o.id());
                }
            });
        }
        if (!deletes.isEmpty()) {
            jdbc.sql("delete from figure_value where id = any(cast(:ids as bigint[]))")
                    .param("ids", deletes.toArray(Long[]::new)).update();
        }
        if (!updates.isEmpty()) {
            jdbc.sql("""
                            update figure_value v set value = k.value, source = k.source, note = k.note, version = k.version
                            from unnest(cast(:ids as bigint[]), cast(:value as numeric[]), cast(:source as text[]),
                                        cast(:note as text[]), cast(:version as bigint[])) as k(id, value, source, note, version)
                            where v.id = k.id""")
                    .param("ids", updates.ids()).param("value", updates.values()).param("source", updates.sources())
                    .param("note", updates.notes()).param("version", updates.versions())
                    .update();
        }
        if (!inserts.isEmpty()) {
            // ids from the column's default: one value of a block of 50 each (V9), never one Hibernate hands out
            jdbc.sql("""
                            insert into figure_value(report_id, year, metric, kind, value, unit, source, note, version)
                            select * from unnest(cast(:report as bigint[]), cast(:year as int[]), cast(:metric as text[]),
                                                 cast(:kind as text[]), cast(:value as numeric[]), cast(:unit as text[]),
                                                 cast(:source as text[]), cast(:note as text[]), cast(:version as bigint[]))""")
                    .param("report", inserts.reports()).param("year", inserts.years()).param("metric", inserts.metrics())
                    .param("kind", inserts.kinds()).param("value", inserts.values()).param("unit", inserts.units())
                    .param("source", inserts.sources()).param("note", inserts.notes())
                    .param("version", inserts.versions())
                    .update();
        }
        List<AuditTrail.Event> events = new ArrayList<>();
        group.stream().flatMap(t -> byReport.get(t).stream()).sorted(Comparator.comparingInt(Saved::draft))
                .forEach(s -> events.add(s.event()));
        audit.recordAll(events);
    }

    /** Column arrays of value rows, for unnest. */
    private static final class ValueRows {
        private final List<Object[]> rows = new ArrayList<>();

        void add(@Nullable Long report, int year, @Nullable Long id, ValueKey key, Stored value, long version) {
            rows.add(new Object[]{report, id, key.metric().code(), key.kind().code(), value.value().toPlainString(),
                    key.metric().unit().code(), value.source(), value.note(), version, year});
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        private <T> T[] column(int i, java.util.function.IntFunction<T[]> array) {
            T[] out = array.apply(rows.size());
            for (int r = 0; r < rows.size(); r++) {
                @SuppressWarnings("unchecked")
                T cell = (T) rows.get(r)[i];
                out[r] = cell;
            }
            return out;
        }

        Long[] reports() {
            return column(0, Long[]::new);
        }

        Long[] ids() {
            return column(1, Long[]::new);
        }

        String[] metrics() {
            return column(2, String[]::new);
        }

        String[] kinds() {
            return column(3, String[]::new);
        }

        String[] values() {
            return column(4, String[]::new);
        }

        String[] units() {
            return column(5, String[]::new);
        }

        String[] sources() {
            return column(6, String[]::new);
        }

        String[] notes() {
            return column(7, String[]::new);
        }

        Long[] versions() {
            return column(8, Long[]::new);
        }

        /** The reports' years: figure_value.year is its report's (V12). */
        Integer[] years() {
            return column(9, Integer[]::new);
        }
    }

    private static Savepoint savepoint(Connection connection) {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set a savepoint", e);
        }
    }

    private static void release(Connection connection, Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot release a savepoint", e);
        }
    }

    private static void rollback(Connection connection, Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot roll back to a savepoint", e);
        }
    }
}
