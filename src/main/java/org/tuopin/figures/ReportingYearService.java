package org.tuopin.figures;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.access.CurrentScope;
import org.tuopin.access.Scope;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;
import org.tuopin.region.RegionRef;
import org.tuopin.region.RegionService;

/**
 * Which years take entries (ADMIN). Opening and closing a year for the whole country is a national setting, for
 * an administrator bound to the country; any administrator lets a region of their own scope enter a closed year
 * until a date, and ends that exception again (docs/design-decisions/DD023). Every change is audited, and one made
 * on a version someone else has replaced is refused as stale.
 */
@Service
@Transactional
public class ReportingYearService {

    /** A reporting year as the caller saw it; {@code version} goes back with a change. */
    public record ReportingYear(int year, boolean open, long version) {
    }

    /** An exception as the caller saw it; {@code version} goes back with a change (0 means "none"). */
    public record YearException(long id, int year, String regionCode, String regionNameEn, String regionNameZh,
                                LocalDate until, String reason, String grantedBy, Instant grantedAt, long version) {
    }

    private static final String ENTITY = "reporting_year";

    private final JdbcClient jdbc;
    private final CurrentScope currentScope;
    private final RegionService regions;
    private final AuditTrail audit;

    ReportingYearService(JdbcClient jdbc, CurrentScope currentScope, RegionService regions, AuditTrail audit) {
        this.jdbc = jdbc;
        this.currentScope = currentScope;
        this.regions = regions;
        this.audit = audit;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<ReportingYear> years() {
        return jdbc.sql("select year, open, version from reporting_year order by year")
                .query((rs, n) -> new ReportingYear(rs.getInt(1), rs.getBoolean(2), rs.getLong(3))).list();
    }

    /** Adds a reporting year for the whole country (national administrators only). */
    @PreAuthorize("hasRole('ADMIN')")
    public void addYear(int year, boolean open) {
        Scope actor = currentScope.requireNational();
        if (year < 1990 || year > 2100) {
            throw new UserError("years.error.year");
        }
        int added = jdbc.sql("insert into reporting_year(year, open) values (:y, :o) on conflict (year) do nothing")
                .param("y", year).param("o", open).update();
        if (added == 0) {
            throw new UserError("years.error.exists", String.valueOf(year));
        }
        audit.record(new AuditTrail.Event(actor(actor), AuditAction.CREATE, ENTITY, String.valueOf(year), null,
                List.of(FieldChange.of("open", null, open)), null));
    }

    /**
     * Opens or closes a year for the whole country (national administrators only), from the version the caller
     * saw: when another administrator changed the year meanwhile, the change is refused and the refusal audited.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public void setOpen(int year, long version, boolean open) {
        Scope actor = currentScope.requireNational();
        // the row lock makes a second administrator wait and then meet the new version
        var row = jdbc.sql("select open, version from reporting_year where year = :y for update").param("y", year)
                .query((rs, n) -> new ReportingYear(year, rs.getBoolean(1), rs.getLong(2))).optional()
                .orElseThrow(() -> new NotFoundException("Reporting year " + year));
        if (row.version() != version) {
            throw stale(actor, String.valueOf(year), null, version, row.version());
        }
        if (row.open() == open) {
            return;
        }
        jdbc.sql("update reporting_year set open = :o, version = version + 1 where year = :y")
                .param("o", open).param("y", year).update();
        audit.record(new AuditTrail.Event(actor(actor), AuditAction.UPDATE, ENTITY, String.valueOf(year), null,
                List.of(FieldChange.of("open", row.open(), open)), null));
    }

    /**
     * Lets a region of the caller's scope (and everything below it) enter a closed year until a date, or moves the
     * date of its exception. {@code version} is the exception's version the caller saw, 0 when it saw none.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public void grantException(String regionCode, int year, LocalDate until, String reason, long version) {
        Scope actor = currentScope.require();
        RegionRef region = regions.get(regionCode); // outside the scope: not found, like a region that does not exist
        if (region.group()) {
            throw new UserError("accounts.error.region");
        }
        if (reason == null || reason.isBlank()) {
            throw new UserError("report.error.reasonRequired");
        }
        if (until == null || until.isBefore(LocalDate.now())) {
            throw new UserError("years.error.until");
        }
        boolean known = jdbc.sql("select exists (select 1 from reporting_year where year = :y)").param("y", year)
                .query(Boolean.class).single();
        if (!known) {
            throw new UserError("years.error.unknown", String.valueOf(year));
        }
        String id = year + "/" + region.code();
        @Nullable Held before = lockException(year, region);
        if (before == null) {
            if (version != 0) {
                throw stale(actor, id, region.id(), version, 0); // it was ended meanwhile
            }
            int inserted = jdbc.sql("""
                            insert into reporting_year_exception(year, region_id, until, reason, granted_by)
                            values (:y, :r, :u, :reason, :by) on conflict (year, region_id) do nothing""")
                    .param("y", year).param("r", region.id()).param("u", Date.valueOf(until))
                    .param("reason", reason.trim()).param("by", actor.username()).update();
            if (inserted == 0) {
                // another administrator granted one between our look and our insert
                @Nullable Held theirs = lockException(year, region);
                throw stale(actor, id, region.id(), version, theirs == null ? 0 : theirs.version());
            }
        } else {
            if (before.version() != version) {
                throw stale(actor, id, region.id(), version, before.version());
            }
            jdbc.sql("""
                            update reporting_year_exception
                            set until = :u, reason = :reason, granted_by = :by, granted_at = now(), version = version + 1
                            where year = :y and region_id = :r""")
                    .param("y", year).param("r", region.id()).param("u", Date.valueOf(until))
                    .param("reason", reason.trim()).param("by", actor.username()).update();
        }
        audit.record(new AuditTrail.Event(actor(actor), before == null ? AuditAction.CREATE : AuditAction.UPDATE,
                ENTITY, id, region.id(), List.of(FieldChange.of("exceptionUntil", before == null ? null : before.until(),
                until)), reason.trim()));
    }

    /** Ends a region's exception before its date: the closed year is closed to it again from now on. */
    @PreAuthorize("hasRole('ADMIN')")
    public void endException(String regionCode, int year, long version, String reason) {
        Scope actor = currentScope.require();
        RegionRef region = regions.get(regionCode);
        if (reason == null || reason.isBlank()) {
            throw new UserError("report.error.reasonRequired");
        }
        String id = year + "/" + region.code();
        @Nullable Held before = lockException(year, region);
        if (before == null) {
            if (version == 0) {
                throw new NotFoundException("Exception " + id);
            }
            throw stale(actor, id, region.id(), version, 0);
        }
        if (before.version() != version) {
            throw stale(actor, id, region.id(), version, before.version());
        }
        jdbc.sql("delete from reporting_year_exception where year = :y and region_id = :r")
                .param("y", year).param("r", region.id()).update();
        audit.record(new AuditTrail.Event(actor(actor), AuditAction.DELETE, ENTITY, id, region.id(),
                List.of(FieldChange.of("exceptionUntil", before.until(), null)), reason.trim()));
    }

    /** The exceptions of regions in the caller's scope. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<YearException> exceptions() {
        Scope scope = currentScope.require();
        return jdbc.sql("""
                        select e.id, e.year, r.code, r.name_en, r.name_zh, e.until, e.reason, e.granted_by, e.granted_at,
                               e.version
                        from reporting_year_exception e join region r on r.id = e.region_id
                        where r.path like :scope order by e.year desc, r.path""")
                .param("scope", scope.path() + "%")
                .query((rs, n) -> new YearException(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getDate(6).toLocalDate(), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant(), rs.getLong(10)))
                .list();
    }

    /** Whether the signed-in administrator holds the national settings: the views show them only then. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public boolean mayOpenAndClose() {
        return currentScope.require().national();
    }

    private record Held(LocalDate until, long version) {
    }

    private @Nullable Held lockException(int year, RegionRef region) {
        return jdbc.sql("select until, version from reporting_year_exception where year = :y and region_id = :r for update")
                .param("y", year).param("r", region.id())
                .query((rs, n) -> new Held(rs.getDate(1).toLocalDate(), rs.getLong(2))).optional().orElse(null);
    }

    /** Refused, never merged, and recorded in a transaction of its own since this one rolls back. */
    private ObjectOptimisticLockingFailureException stale(Scope actor, String id, @Nullable Long regionId, long version,
                                                          long current) {
        audit.recordStaleRefusal(actor(actor), ENTITY, id, regionId, version, current, null);
        return new ObjectOptimisticLockingFailureException(ENTITY, id);
    }

    private static AuditTrail.Actor actor(Scope scope) {
        return new AuditTrail.Actor(scope.username(), scope.role().name());
    }
}
