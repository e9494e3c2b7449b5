package org.tuopin.figures;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.access.CurrentScope;
import org.tuopin.access.Role;
import org.tuopin.access.Scope;
import org.tuopin.access.ScopeSql;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;
import org.tuopin.base.ReadFromPrimary;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;
import org.tuopin.figures.ReportModels.Change;
import org.tuopin.figures.ReportModels.Comment;
import org.tuopin.figures.ReportModels.DraftImport;
import org.tuopin.figures.ReportModels.InboxItem;
import org.tuopin.figures.ReportModels.Report;
import org.tuopin.figures.ReportModels.ReportValue;
import org.tuopin.figures.ReportModels.Transition;
import org.tuopin.figures.ReportModels.ValueInput;
import org.tuopin.figures.rules.Finding;
import org.tuopin.figures.rules.RuleInput;
import org.tuopin.figures.rules.Rules;
import org.tuopin.figures.rules.Severity;
import org.tuopin.figures.rules.ValueKey;
import org.tuopin.region.RegionLevel;
import org.tuopin.region.RegionRef;
import org.tuopin.region.RegionService;

/**
 * The review loop of one region's yearly report: entry by the local office, submission with the checks,
 * approval or return by a supervisor above, reopening. One transaction per action; the report row is
 * locked while an action runs, and a stale version is refused, never overwritten. Every action is in
 * the audit trail and, where the state changes, in the report's transitions.
 */
@Service
@Transactional
public class ReportService {

    /** A region as the workflow needs it. */
    record Place(RegionRef ref, String path, @Nullable RegionLevel level) {
    }

    /** The lengths of figure_value.source and .note. */
    static final int SOURCE_MAX = 300;
    static final int NOTE_MAX = 1000;
    /** The years yearly_report can hold. */
    static final int FIRST_YEAR = 1990;
    static final int LAST_YEAR = 2100;

    private final YearlyReportRepository reports;
    private final FigureValueRepository values;
    private final RegionService regions;
    private final CurrentScope currentScope;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final DataSource dataSource;

    ReportService(YearlyReportRepository reports, FigureValueRepository values, RegionService regions,
                  CurrentScope currentScope, AuditTrail audit, JdbcClient jdbc, DataSource dataSource) {
        this.dataSource = dataSource;
        this.reports = reports;
        this.values = values;
        this.regions = regions;
        this.currentScope = currentScope;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    // ----- reading

    @PreAuthorize("isAuthenticated()")
    @ReadFromPrimary
    public Report get(String regionCode, int year) {
        Scope scope = currentScope.require();
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            // the years the schema can hold: beyond them there is no report to show, not an empty one
            throw new NotFoundException("Report " + regionCode + "/" + year);
        }
        Place place = place(regionCode, scope);
        YearlyReport report = reports.findByRegionIdAndYear(place.ref().id(), year).orElse(null);
        return view(place, year, report, scope);
    }

    // ----- entry

    /** Saves values as a draft: errors refuse it, warnings do not. The first save creates the report. */
    @PreAuthorize("hasRole('DATA_ENTRY')")
    public Report saveDraft(String regionCode, int year, long version, List<ValueInput> changes) {
        Scope scope = currentScope.require();
        Place place = place(regionCode, scope);
        YearlyReport report = storeDraft(scope, place, year, version, changes);
        return view(place, year, report, scope);
    }

    /**
     * What an import does with the reports of a file: for each, in the given order, exactly the checks, the locks and
     * the audit entry of {@link #saveDraft} on the report as it stands, without the form's view. Each report is judged
     * as if the ones before it had been stored already, as one call of saveDraft after another would judge it, but
     * the reading is done for the whole file in a few queries and the writing in a few statements per few hundred
     * reports (docs/design-decisions/DD016). The import's transaction holds every report's lock from here on.
     *
     * <p>Returns one entry per draft, in order: null when it was stored, or the refusal saveDraft would have thrown
     * ({@link NotFoundException}, {@link ReportLocked}, {@link UserError}, {@link RuleViolation}). When the database
     * refuses to store a report, the list ends with that {@link DataAccessException} at the report's first draft:
     * the drafts after it are not judged, and the caller must roll back.
     */
    @PreAuthorize("hasRole('DATA_ENTRY')")
    public List<@Nullable RuntimeException> importDrafts(List<DraftImport> drafts) {
        Scope scope = currentScope.require();
        return new DraftImportBatch(jdbc, audit, dataSource, scope, drafts).run();
    }

    private YearlyReport storeDraft(Scope scope, Place place, int year, @Nullable Long version,
                                    List<ValueInput> changes) {
        YearlyReport report = lockOrCreate(place, year, version, scope, AuditAction.UPDATE);
        requireEditable(report.getState());
        Map<ValueKey, FigureValue> current = new LinkedHashMap<>();
        if (report.getId() != null) {
            values.findByReportIdOrderByMetricAscKindAsc(report.getId()).forEach(v -> current.put(key(v), v));
        }
        Map<ValueKey, Stored> before = new HashMap<>();
        current.forEach((k, v) -> before.put(k, new Stored(v.getValue(), v.getSource(), v.getNote())));
        Map<ValueKey, BigDecimal> merged = merge(before, changes);
        requireAccepted(place, year, merged, approvedValues(place.ref().id(), year - 1),
                sumsBelow(place.ref().id(), year), childCount(place.ref().id()), yearOpen(place, year));

        boolean created = report.getId() == null;
        report.touch(scope.username());
        report = reports.saveAndFlush(report);
        if (created) {
            // "not started" is version 0 to callers; a report that exists starts at 1
            report.touch(scope.username());
            report = reports.saveAndFlush(report);
        }
        List<FieldChange> audited = draftChanges(before, changes);
        for (ValueInput input : changes) {
            ValueKey key = new ValueKey(input.metric(), input.kind());
            FigureValue existing = current.get(key);
            if (input.value() == null) {
                if (existing != null) {
                    values.delete(existing);
                }
                continue;
            }
            FigureValue target = existing != null ? existing : new FigureValue(report.getId(), report.getYear(),
                    key.metric(), key.kind());
            target.setValue(input.value());
            target.setSource(blankToNull(input.source()));
            target.setNote(blankToNull(input.note()));
            values.save(target);
        }
        values.flush();
        record(scope, created ? AuditAction.CREATE : AuditAction.UPDATE, report, place, audited, null);
        return report;
    }

    /** A stored value as the checks and the audit of a draft save see it. */
    record Stored(BigDecimal value, @Nullable String source, @Nullable String note) {
    }

    /** Submitted and approved reports take no draft values. */
    static void requireEditable(@Nullable ReportState state) {
        if (state == ReportState.SUBMITTED || state == ReportState.APPROVED) {
            throw new ReportLocked(state == ReportState.APPROVED ? "report.locked.approved"
                    : "report.locked.submitted");
        }
    }

    /** The values after the changes, each change checked for the database's limits first (in the given order). */
    static Map<ValueKey, BigDecimal> merge(Map<ValueKey, Stored> before, List<ValueInput> changes) {
        Map<ValueKey, BigDecimal> merged = new HashMap<>();
        before.forEach((k, v) -> merged.put(k, v.value()));
        for (ValueInput input : changes) {
            checkPrecision(input);
            checkText(input);
            ValueKey key = new ValueKey(input.metric(), input.kind());
            if (input.value() == null) {
                merged.remove(key);
            } else {
                merged.put(key, input.value());
            }
        }
        return merged;
    }

    /** The rules on a draft: a closed year refuses it, then any error does; warnings do not. */
    static void requireAccepted(Place place, int year, Map<ValueKey, BigDecimal> merged,
                                        Map<ValueKey, BigDecimal> previous, Map<ValueKey, BigDecimal> below,
                                        int children, boolean open) {
        List<Finding> findings = Rules.checkAll(new RuleInput(place.ref().code(), place.level(), year, open, merged,
                previous, below, children));
        if (!open) {
            throw new ReportLocked("report.locked.yearClosed");
        }
        List<Finding> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new RuleViolation(errors, false);
        }
    }

    /** What the audit entry of a draft save lists: every value, source and note the changes alter. */
    static List<FieldChange> draftChanges(Map<ValueKey, Stored> before, List<ValueInput> changes) {
        List<FieldChange> audited = new ArrayList<>();
        for (ValueInput input : changes) {
            ValueKey key = new ValueKey(input.metric(), input.kind());
            Stored existing = before.get(key);
            String field = key.metric().code() + "/" + key.kind().code();
            if (input.value() == null) {
                if (existing != null) {
                    audited.add(FieldChange.of(field, plain(existing.value()), null));
                }
                continue;
            }
            BigDecimal value = existing == null ? null : existing.value();
            String sourceBefore = existing == null ? null : existing.source();
            String noteBefore = existing == null ? null : existing.note();
            if (value == null || value.compareTo(input.value()) != 0) {
                audited.add(FieldChange.of(field, value == null ? null : plain(value), plain(input.value())));
            }
            if (!Objects.equals(sourceBefore, blankToNull(input.source()))) {
                audited.add(FieldChange.of(field + "/source", sourceBefore, blankToNull(input.source())));
            }
            if (!Objects.equals(noteBefore, blankToNull(input.note()))) {
                audited.add(FieldChange.of(field + "/note", noteBefore, blankToNull(input.note())));
            }
        }
        return audited;
    }

    /**
     * What the form's Submit button does: saves the changes and submits, in one transaction, so that a
     * refused submission leaves nothing half-written.
     */
    @PreAuthorize("hasRole('DATA_ENTRY')")
    public Report saveAndSubmit(String regionCode, int year, long version, List<ValueInput> changes,
                                @Nullable String explanation) {
        long current = version;
        if (!changes.isEmpty() || version == 0) {
            current = saveDraft(regionCode, year, version, changes).version();
        }
        return submit(regionCode, year, current, explanation);
    }

    // ----- transitions

    /** DRAFT or RETURNED to SUBMITTED; errors refuse it, warnings need a written explanation. */
    @PreAuthorize("hasRole('DATA_ENTRY')")
    public Report submit(String regionCode, int year, long version, @Nullable String explanation) {
        Scope scope = currentScope.require();
        Place place = place(regionCode, scope);
        YearlyReport report = lockExisting(place, year, version, scope, AuditAction.SUBMIT);
        requireState(report, ReportState.DRAFT, ReportState.RETURNED);
        if (!yearOpen(place, year)) {
            throw new ReportLocked("report.locked.yearClosed");
        }
        List<Finding> findings = check(place, year, currentValues(report));
        List<Finding> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new RuleViolation(errors, false);
        }
        boolean warned = !findings.isEmpty();
        if (warned && (explanation == null || explanation.isBlank())) {
            throw new RuleViolation(findings, true);
        }
        report.setSubmittedBy(scope.username());
        transition(scope, place, report, ReportState.SUBMITTED, null, warned ? explanation.trim() : blankToNull(explanation),
                AuditAction.SUBMIT);
        return view(place, year, report, scope);
    }

    /** SUBMITTED to APPROVED, by a supervisor of a region above; the values are locked from then on. */
    @PreAuthorize("hasRole('SUPERVISOR')")
    public Report approve(String regionCode, int year, long version) {
        Scope scope = currentScope.require();
        Place place = place(regionCode, scope);
        requireAbove(scope, place);
        YearlyReport report = lockExisting(place, year, version, scope, AuditAction.APPROVE);
        requireState(report, ReportState.SUBMITTED);
        List<Finding> errors = check(place, year, currentValues(report)).stream()
                .filter(f -> f.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new RuleViolation(errors, false);
        }
        transition(scope, place, report, ReportState.APPROVED, null, null, AuditAction.APPROVE);
        return view(place, year, report, scope);
    }

    /** SUBMITTED back to RETURNED, with the reason the office will read. */
    @PreAuthorize("hasRole('SUPERVISOR')")
    public Report returnReport(String regionCode, int year, long version, String reason) {
        return sendBack(regionCode, year, version, reason, ReportState.SUBMITTED);
    }

    /** APPROVED back to RETURNED: reopens approved figures for correction, with a reason. */
    @PreAuthorize("hasRole('SUPERVISOR')")
    public Report reopen(String regionCode, int year, long version, String reason) {
        return sendBack(regionCode, year, version, reason, ReportState.APPROVED);
    }

    private Report sendBack(String regionCode, int year, long version, String reason, ReportState from) {
        Scope scope = currentScope.require();
        Place place = place(regionCode, scope);
        requireAbove(scope, place);
        if (reason == null || reason.isBlank()) {
            throw new UserError("report.error.reasonRequired");
        }
        YearlyReport report = lockExisting(place, year, version, scope, AuditAction.RETURN);
        requireState(report, from);
        transition(scope, place, report, ReportState.RETURNED, reason.trim(), null, AuditAction.RETURN);
        return view(place, year, report, scope);
    }

    // ----- conversation

    @PreAuthorize("hasAnyRole('DATA_ENTRY', 'SUPERVISOR')")
    public Report comment(String regionCode, int year, String text) {
        Scope scope = currentScope.require();
        Place place = place(regionCode, scope);
        if (text == null || text.isBlank() || text.length() > 4000) {
            throw new UserError("report.error.commentText");
        }
        YearlyReport report = reports.findByRegionIdAndYear(place.ref().id(), year)
                .orElseThrow(() -> new NotFoundException("Report " + regionCode + "/" + year));
        jdbc.sql("insert into report_comment(report_id, account, text) values (:r, :a, :t)")
                .param("r", report.getId()).param("a", scope.username()).param("t", text.trim()).update();
        // the conversation is part of the review: who said what, and when, is kept in the chain too
        record(scope, AuditAction.COMMENT, report, place, List.of(FieldChange.of("comment", null, text.trim())), null);
        return view(place, year, report, scope);
    }

    /** Marks a value for follow-up (or clears the mark); both the office and the supervisor see it. */
    @PreAuthorize("hasAnyRole('DATA_ENTRY', 'SUPERVISOR')")
    public Report setFollowUp(String regionCode, int year, Metric metric, ValueKind kind, boolean followUp) {
        Scope scope = currentScope.require();
        Place place = place(regionCode, scope);
        YearlyReport report = reports.findByRegionIdAndYear(place.ref().id(), year)
                .orElseThrow(() -> new NotFoundException("Report " + regionCode + "/" + year));
        FigureValue value = values.findByReportIdOrderByMetricAscKindAsc(report.getId()).stream()
                .filter(v -> v.getMetric() == metric && v.getKind() == kind).findFirst()
                .orElseThrow(() -> new NotFoundException("Value " + metric.code()));
        if (value.isFollowUp() != followUp) {
            value.setFollowUp(followUp);
            values.saveAndFlush(value);
            record(scope, AuditAction.UPDATE, report, place, List.of(FieldChange.of(metric.code() + "/" + kind.code()
                    + "/followUp", !followUp, followUp)), null);
        }
        return view(place, year, report, scope);
    }

    // ----- inbox

    /**
     * What waits for the signed-in user: for a local office its returned reports, for a supervisor the
     * submitted reports of the regions below; nothing for other roles.
     */
    @PreAuthorize("isAuthenticated()")
    @ReadFromPrimary
    public List<InboxItem> inbox() {
        Scope scope = currentScope.require();
        String where = inboxCondition(scope);
        if (where == null) {
            return List.of();
        }
        return jdbc.sql("""
                        select r.code, r.name_en, r.name_zh, yr.year, yr.state, yr.version, t.reason, t.explanation,
                               t.account, t.at
                        from yearly_report yr join region r on r.id = yr.region_id
                        left join lateral (select * from report_transition t where t.report_id = yr.id
                                           order by t.at desc, t.id desc limit 1) t on true""" + " where " + where
                        + " order by t.at desc nulls last")
                .param("scope", ScopeSql.param(scope)).param("own", scope.path())
                .query((rs, n) -> new InboxItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        ReportState.valueOf(rs.getString(5)), rs.getLong(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant()))
                .list();
    }

    /** How many reports wait in the inbox: the menu's badge, one count query on every page. */
    @PreAuthorize("isAuthenticated()")
    @ReadFromPrimary
    public int inboxCount() {
        Scope scope = currentScope.require();
        String where = inboxCondition(scope);
        return where == null ? 0 : jdbc.sql("""
                        select count(*) from yearly_report yr join region r on r.id = yr.region_id""" + " where " + where)
                .param("scope", ScopeSql.param(scope)).param("own", scope.path()).query(Integer.class).single();
    }

    /** Returned reports of the office's own regions, or submitted reports of the regions below a supervisor. */
    private static @Nullable String inboxCondition(Scope scope) {
        return switch (scope.role()) {
            case DATA_ENTRY -> "yr.state = 'RETURNED' and r.path like :scope";
            case SUPERVISOR -> "yr.state = 'SUBMITTED' and r.path like :scope and r.path <> :own";
            default -> null;
        };
    }

    // ----- internals

    private Place place(String regionCode, Scope scope) {
        if (regionCode == null || regionCode.startsWith("GROUP:")) {
            throw new NotFoundException("Region " + regionCode);
        }
        RegionRef ref = regions.get(regionCode);
        String path = jdbc.sql("select path from region where id = :id").param("id", ref.id()).query(String.class).single();
        if (!scope.covers(path)) {
            throw new NotFoundException("Region " + regionCode);
        }
        return new Place(ref, path, ref.level());
    }

    private static void requireAbove(Scope scope, Place place) {
        if (!scope.coversStrictlyBelow(place.path())) {
            throw new AccessDeniedException("A supervisor reviews only the regions below their own");
        }
    }

    private static void requireState(YearlyReport report, ReportState... allowed) {
        for (ReportState s : allowed) {
            if (report.getState() == s) {
                return;
            }
        }
        throw new ReportLocked("report.locked." + report.getState().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Locks the report, or makes a new one; a null version (an import) takes the report as it stands. */
    private YearlyReport lockOrCreate(Place place, int year, @Nullable Long version, Scope scope,
                                      AuditAction attempted) {
        if (version == null || version == 0) {
            // two first saves of the same report: the second waits here, then finds the report and is refused as
            // stale, instead of failing on the unique key
            jdbc.sql("select pg_advisory_xact_lock(:region, :year)").param("region", (int) place.ref().id())
                    .param("year", year).query().singleRow();
        }
        var existing = reports.findForUpdate(place.ref().id(), year);
        if (existing.isPresent()) {
            if (version != null && existing.get().getVersion() != version) {
                throw stale(scope, place, year, version, existing.get().getVersion(), attempted);
            }
            return existing.get();
        }
        if (version != null && version != 0) {
            throw stale(scope, place, year, version, 0, attempted);
        }
        return new YearlyReport(place.ref().id(), year, scope.username());
    }

    private YearlyReport lockExisting(Place place, int year, long version, Scope scope, AuditAction attempted) {
        YearlyReport report = reports.findForUpdate(place.ref().id(), year)
                .orElseThrow(() -> new NotFoundException("Report " + place.ref().code() + "/" + year));
        if (report.getVersion() != version) {
            throw stale(scope, place, year, version, report.getVersion(), attempted);
        }
        return report;
    }

    /**
     * A save or transition made on a version someone else has replaced: refused, never merged, and recorded in
     * the audit trail in a transaction of its own, since this one rolls back.
     */
    private ObjectOptimisticLockingFailureException stale(Scope scope, Place place, int year, long version, long current,
                                                          AuditAction attempted) {
        audit.recordStaleRefusal(new AuditTrail.Actor(scope.username(), scope.role().name()), "report",
                place.ref().code() + "/" + year, place.ref().id(), version, current, attempted.name());
        return new ObjectOptimisticLockingFailureException(YearlyReport.class, place.ref().code() + "/" + year);
    }

    private void transition(Scope scope, Place place, YearlyReport report, ReportState to, @Nullable String reason,
                            @Nullable String explanation, AuditAction action) {
        ReportState from = report.getState();
        report.setState(to);
        report.touch(scope.username());
        reports.saveAndFlush(report);
        String snapshot = to == ReportState.APPROVED ? snapshot(currentValues(report)) : null;
        jdbc.sql("""
                        insert into report_transition(report_id, from_state, to_state, account, reason, explanation, snapshot)
                        values (:r, :from, :to, :a, :reason, :explanation, :snapshot)""")
                .param("r", report.getId()).param("from", from.name()).param("to", to.name())
                .param("a", scope.username()).param("reason", reason).param("explanation", explanation)
                .param("snapshot", snapshot).update();
        record(scope, action, report, place, List.of(FieldChange.of("state", from, to)),
                reason != null ? reason : explanation);
    }

    private void record(Scope scope, AuditAction action, YearlyReport report, Place place, List<FieldChange> changes,
                        @Nullable String reason) {
        audit.record(new AuditTrail.Event(new AuditTrail.Actor(scope.username(), scope.role().name()), action,
                "report", place.ref().code() + "/" + report.getYear(), place.ref().id(), changes, reason));
    }

    private Map<ValueKey, BigDecimal> currentValues(YearlyReport report) {
        Map<ValueKey, BigDecimal> map = new HashMap<>();
        values.findByReportIdOrderByMetricAscKindAsc(report.getId()).forEach(v -> map.put(key(v), v.getValue()));
        return map;
    }

    List<Finding> check(Place place, int year, Map<ValueKey, BigDecimal> current) {
        return check(place, year, current, approvedValues(place.ref().id(), year - 1), yearOpen(place, year));
    }

    private List<Finding> check(Place place, int year, Map<ValueKey, BigDecimal> current,
                                Map<ValueKey, BigDecimal> previous, boolean open) {
        RuleInput input = new RuleInput(place.ref().code(), place.level(), year, open, current, previous,
                sumsBelow(place.ref().id(), year), childCount(place.ref().id()));
        return Rules.checkAll(input);
    }

    /** Per value, the sum over the regions directly below that reported it in the year. */
    private Map<ValueKey, BigDecimal> sumsBelow(long regionId, int year) {
        Map<ValueKey, BigDecimal> below = new HashMap<>();
        jdbc.sql("""
                        select v.metric, v.kind, sum(v.value) from figure_value v
                        join yearly_report yr on yr.id = v.report_id join region c on c.id = yr.region_id
                        where c.parent_id = :region and yr.year = :year group by v.metric, v.kind""")
                .param("region", regionId).param("year", year)
                .query(rs -> {
                    below.put(new ValueKey(Metric.fromCode(rs.getString(1)).orElseThrow(),
                            ValueKind.fromCode(rs.getString(2)).orElseThrow()), rs.getBigDecimal(3));
                });
        return below;
    }

    private int childCount(long regionId) {
        return jdbc.sql("select count(*) from region where parent_id = :id").param("id", regionId)
                .query(Integer.class).single();
    }

    private Map<ValueKey, BigDecimal> approvedValues(long regionId, int year) {
        Map<ValueKey, BigDecimal> map = new HashMap<>();
        jdbc.sql("""
                        select v.metric, v.kind, v.value from figure_value v join yearly_report yr on yr.id = v.report_id
                        where yr.region_id = :region and yr.year = :year and yr.state = 'APPROVED'""")
                .param("region", regionId).param("year", year)
                .query(rs -> {
                    map.put(new ValueKey(Metric.fromCode(rs.getString(1)).orElseThrow(),
                            ValueKind.fromCode(rs.getString(2)).orElseThrow()), rs.getBigDecimal(3));
                });
        return map;
    }

    /** Whether the year takes entries for this region: open, or an exception for it or a region above it. */
    boolean yearOpen(Place place, int year) {
        return jdbc.sql("""
                        select exists (select 1 from reporting_year y where y.year = :year and y.open)
                            or exists (select 1 from reporting_year_exception e join region er on er.id = e.region_id
                                       where e.year = :year and :path like er.path || '%' and e.until >= current_date)""")
                .param("year", year).param("path", place.path()).query(Boolean.class).single();
    }

    private Report view(Place place, int year, @Nullable YearlyReport report, Scope scope) {
        boolean open = yearOpen(place, year);
        Map<ValueKey, BigDecimal> previous = approvedValues(place.ref().id(), year - 1);
        if (report == null || report.getId() == null) {
            boolean editable = scope.role() == Role.DATA_ENTRY && open;
            return new Report(place.ref(), year, null, 0, List.of(), previous, null, List.of(), List.of(), List.of(),
                    List.of(), open, editable, false);
        }
        List<ReportValue> reportValues = values.findByReportIdOrderByMetricAscKindAsc(report.getId()).stream()
                .map(v -> new ReportValue(v.getMetric(), v.getKind(), v.getValue(), v.getSource(), v.getNote(),
                        v.isFollowUp()))
                .toList();
        List<Transition> transitions = jdbc.sql("""
                        select from_state, to_state, account, at, reason, explanation from report_transition
                        where report_id = :r order by at, id""")
                .param("r", report.getId())
                .query((rs, n) -> new Transition(rs.getString(1) == null ? null : ReportState.valueOf(rs.getString(1)),
                        ReportState.valueOf(rs.getString(2)), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getString(5), rs.getString(6)))
                .list();
        List<Comment> comments = jdbc.sql("select account, at, text from report_comment where report_id = :r order by at, id")
                .param("r", report.getId())
                .query((rs, n) -> new Comment(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3))).list();
        Map<ValueKey, BigDecimal> lastApproved = lastApproved(report.getId());
        Map<ValueKey, BigDecimal> current = new HashMap<>();
        reportValues.forEach(v -> current.put(v.key(), v.value()));
        List<Change> changes = lastApproved == null ? List.of() : changes(lastApproved, current);
        boolean editable = scope.role() == Role.DATA_ENTRY && open
                && (report.getState() == ReportState.DRAFT || report.getState() == ReportState.RETURNED);
        boolean reviewable = scope.role() == Role.SUPERVISOR && scope.coversStrictlyBelow(place.path());
        return new Report(place.ref(), year, report.getState(), report.getVersion(), reportValues, previous, lastApproved,
                changes, transitions, comments, check(place, year, current, previous, open), open, editable,
                reviewable);
    }

    private @Nullable Map<ValueKey, BigDecimal> lastApproved(long reportId) {
        String snapshot = jdbc.sql("""
                        select snapshot from report_transition where report_id = :r and to_state = 'APPROVED'
                        order by at desc, id desc limit 1""")
                .param("r", reportId).query(String.class).optional().orElse(null);
        if (snapshot == null) {
            return null;
        }
        Map<ValueKey, BigDecimal> map = new HashMap<>();
        jdbc.sql("select x.metric, x.kind, x.value from json_to_recordset(cast(:s as json)) "
                        + "as x(metric text, kind text, value numeric)")
                .param("s", snapshot)
                .query(rs -> {
                    map.put(new ValueKey(Metric.fromCode(rs.getString(1)).orElseThrow(),
                            ValueKind.fromCode(rs.getString(2)).orElseThrow()), rs.getBigDecimal(3));
                });
        return map;
    }

    private static List<Change> changes(Map<ValueKey, BigDecimal> before, Map<ValueKey, BigDecimal> after) {
        Set<ValueKey> keys = new TreeSet<>((a, b) -> a.metric() != b.metric() ? a.metric().compareTo(b.metric())
                : a.kind().compareTo(b.kind()));
        keys.addAll(before.keySet());
        keys.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        for (ValueKey k : keys) {
            BigDecimal b = before.get(k);
            BigDecimal a = after.get(k);
            if (b == null || a == null || b.compareTo(a) != 0) {
                changes.add(new Change(k, b, a));
            }
        }
        return changes;
    }

    private String snapshot(Map<ValueKey, BigDecimal> current) {
        StringBuilder sb = new StringBuilder("[");
        current.entrySet().stream()
                .sorted((a, b) -> (a.getKey().metric().code() + a.getKey().kind().code())
                        .compareTo(b.getKey().metric().code() + b.getKey().kind().code()))
                .forEach(e -> sb.append(sb.length() > 1 ? "," : "").append("{\"metric\":\"")
                        .append(e.getKey().metric().code()).append("\",\"kind\":\"").append(e.getKey().kind().code())
                        .append("\",\"value\":").append(plain(e.getValue())).append('}'));
        return sb.append(']').toString();
    }

    /** The database's own limits, said in words before it would refuse the statement. */
    private static void checkText(ValueInput input) {
        checkText(input.metric(), input.source(), SOURCE_MAX);
        checkText(input.metric(), input.note(), NOTE_MAX);
    }

    private static void checkText(Metric metric, @Nullable String text, int max) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            // NUL cannot be stored at all; other control characters are invisible and never meant
            if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f) {
                throw new UserError("report.error.controlCharacter", metric.code());
            }
        }
        if (text.strip().length() > max) {
            throw new UserError("report.error.textTooLong", metric.code(), max);
        }
    }

    private static void checkPrecision(ValueInput input) {
        if (input.value() == null) {
            return;
        }
        BigDecimal v = input.value().stripTrailingZeros();
        if (v.scale() > input.metric().unit().scale()) {
            throw new UserError(input.metric().unit().scale() == 0 ? "report.error.wholeNumber" : "report.error.twoDecimals",
                    input.metric().code());
        }
        if (v.abs().compareTo(new BigDecimal("1E17")) >= 0) {
            throw new UserError("report.error.tooLarge", input.metric().code());
        }
    }

    private static ValueKey key(FigureValue v) {
        return new ValueKey(v.getMetric(), v.getKind());
    }

    static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
