package org.tuopin.figures;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;
import org.tuopin.base.UserError;
import org.tuopin.region.RegionRef;
import org.tuopin.region.RegionService;
import org.tuopin.security.CurrentScope;
import org.tuopin.security.Scope;

/** Which years take entries (ADMIN): open and close years, and grant a region an exception until a date. */
@Service
@Transactional
public class ReportingYearService {

    public record ReportingYear(int year, boolean open) {
    }

    public record YearException(long id, int year, String regionCode, String regionNameEn, String regionNameZh,
                                LocalDate until, String reason, String grantedBy, Instant grantedAt) {
    }

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
        return jdbc.sql("select year, open from reporting_year order by year")
                .query((rs, n) -> new ReportingYear(rs.getInt(1), rs.getBoolean(2))).list();
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void setOpen(int year, boolean open) {
        Scope actor = currentScope.require();
        Boolean before = jdbc.sql("select open from reporting_year where year = :y for update").param("y", year)
                .query(Boolean.class).optional().orElse(null);
        if (before == null) {
            if (year < 1990 || year > 2100) {
                throw new UserError("years.error.year");
            }
            jdbc.sql("insert into reporting_year(year, open) values (:y, :o)").param("y", year).param("o", open).update();
        } else if (before == open) {
            return;
        } else {
            jdbc.sql("update reporting_year set open = :o, version = version + 1 where year = :y")
                    .param("o", open).param("y", year).update();
        }
        audit.record(new AuditTrail.Event(actor(actor), before == null ? AuditAction.CREATE : AuditAction.UPDATE,
                "reporting_year", String.valueOf(year), null, List.of(FieldChange.of("open", before, open)), null));
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void grantException(String regionCode, int year, LocalDate until, String reason) {
        Scope actor = currentScope.require();
        if (reason == null || reason.isBlank()) {
            throw new UserError("report.error.reasonRequired");
        }
        if (until == null || until.isBefore(LocalDate.now())) {
            throw new UserError("years.error.until");
        }
        RegionRef region = regions.get(regionCode);
        if (region.group()) {
            throw new UserError("accounts.error.region");
        }
        boolean known = jdbc.sql("select exists (select 1 from reporting_year where year = :y)").param("y", year)
                .query(Boolean.class).single();
        if (!known) {
            throw new UserError("years.error.unknown", String.valueOf(year));
        }
        jdbc.sql("""
                        insert into reporting_year_exception(year, region_id, until, reason, granted_by)
                        values (:y, :r, :u, :reason, :by)
                        on conflict (year, region_id) do update
                            set until = excluded.until, reason = excluded.reason, granted_by = excluded.granted_by,
                                granted_at = now()""")
                .param("y", year).param("r", region.id()).param("u", Date.valueOf(until)).param("reason", reason.trim())
                .param("by", actor.username()).update();
        audit.record(new AuditTrail.Event(actor(actor), AuditAction.UPDATE, "reporting_year", year + "/" + regionCode,
                region.id(), List.of(FieldChange.of("exceptionUntil", null, until)), reason.trim()));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<YearException> exceptions() {
        Scope scope = currentScope.require();
        return jdbc.sql("""
                        select e.id, e.year, r.code, r.name_en, r.name_zh, e.until, e.reason, e.granted_by, e.granted_at
                        from reporting_year_exception e join region r on r.id = e.region_id
                        where r.path like :scope order by e.year desc, r.path""")
                .param("scope", scope.path() + "%")
                .query((rs, n) -> new YearException(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getDate(6).toLocalDate(), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant()))
                .list();
    }

    private static AuditTrail.Actor actor(@Nullable Scope scope) {
        return new AuditTrail.Actor(scope.username(), scope.role().name());
    }
}
