package org.tuopin.pairing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.access.CurrentScope;
import org.tuopin.access.Scope;
import org.tuopin.access.ScopeSql;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;
import org.tuopin.base.Listing;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.SortKey;
import org.tuopin.base.StreamingJdbc;
import org.tuopin.base.UserError;
import org.tuopin.base.WithdrawalReason;
import org.tuopin.pairing.PairingAssistance.Values;

/**
 * Pairing assistance received by regions in the caller's scope: the grid, its totals, exports and the API read
 * here in SQL (filtered, sorted and paged in the database); local offices create and change records here, each
 * change audited in the same transaction (entity type {@value #ENTITY_TYPE}, id = the record's id).
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("isAuthenticated()")
public class PairingService {

    /** The audit trail's entity type for pairing records. */
    public static final String ENTITY_TYPE = "pairing";
    /** The years the application covers. */
    public static final int FIRST_YEAR = 2013;
    public static final int LAST_YEAR = 2020;

    /** One pairing record as grids, exports and the API see it; money in whole RMB, null where not known. */
    public record Pairing(long id, String donor, DonorType donorType, String recipientCode, String recipientNameEn,
                          String recipientNameZh, int year, @Nullable Long fundsPledgedRmb,
                          @Nullable Long fundsDeliveredRmb, @Nullable Integer projects, @Nullable Long peopleHelped,
                          String source, @Nullable String note, long version) {

        /** Delivered over pledged as a fraction (1 = all delivered); null when either is missing or nothing was pledged. */
        public @Nullable BigDecimal deliveryRatio() {
            return ratio(fundsPledgedRmb, fundsDeliveredRmb);
        }

        /** More delivered than pledged: allowed, but a warning that the note explains. */
        public boolean overDelivered() {
            return fundsPledgedRmb != null && fundsDeliveredRmb != null && fundsDeliveredRmb > fundsPledgedRmb;
        }
    }

    private static final String COLUMNS = """
            select p.id, p.donor, p.donor_type, r.code, r.name_en, r.name_zh, p.year, p.funds_pledged_rmb,
                   p.funds_delivered_rmb, p.projects, p.people_helped, p.source, p.note, p.version
            """;

    private static final String FROM = " from pairing p join region r on r.id = p.recipient_region_id";

    /** Enough for every filter, sort and sum: the record carries its recipient's path. */
    private static final String RECORDS = " from pairing p";

    private static final String RATIO = "(p.funds_delivered_rmb::numeric / nullif(p.funds_pledged_rmb, 0))";

    /** Sort keys the grid may ask for; anything else is ignored. Empty values sort last either way. */
    private static final Map<String, Listing.Column> SORTABLE = Map.ofEntries(
            Map.entry("donor", Listing.Column.notNull("lower(p.donor)")),
            Map.entry("donorType", Listing.Column.notNull("p.donor_type")),
            Map.entry("recipient", Listing.Column.notNull("p.recipient_path")),
            Map.entry("year", Listing.Column.notNull("p.year")),
            Map.entry("pledged", Listing.Column.nullable("p.funds_pledged_rmb", Listing.Nulls.LAST)),
            Map.entry("delivered", Listing.Column.nullable("p.funds_delivered_rmb", Listing.Nulls.LAST)),
            Map.entry("ratio", Listing.Column.nullable(RATIO, Listing.Nulls.LAST)),
            Map.entry("projects", Listing.Column.nullable("p.projects", Listing.Nulls.LAST)),
            Map.entry("peopleHelped", Listing.Column.nullable("p.people_helped", Listing.Nulls.LAST)),
            Map.entry("source", Listing.Column.notNull("p.source")));

    private static final List<SortKey> DEFAULT_SORT = List.of(new SortKey("recipient", false),
            new SortKey("year", false), new SortKey("donor", false));

    /**
     * The record carries its recipient's path (kept equal to the region's by a foreign key), so the filters and the
     * sorts need no region column and the ids of a page are found on the record alone.
     */
    private static final Listing<Pairing> LISTING = new Listing<>(COLUMNS, FROM, RECORDS, "p.id", SORTABLE,
            DEFAULT_SORT, PairingService::map);

    private static final String SUMS = """
            count(*), sum(p.funds_pledged_rmb), sum(p.funds_delivered_rmb), count(p.funds_delivered_rmb),
            sum(p.funds_pledged_rmb) filter (where p.funds_delivered_rmb is not null),
            sum(p.funds_delivered_rmb) filter (where p.funds_pledged_rmb is not null),
            sum(p.projects), sum(p.people_helped)
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final CurrentScope currentScope;
    private final PairingRepository repository;
    private final AuditTrail audit;

    PairingService(NamedParameterJdbcTemplate jdbc, CurrentScope currentScope, PairingRepository repository,
                   AuditTrail audit) {
        this.jdbc = jdbc;
        this.streaming = StreamingJdbc.on(jdbc.getJdbcTemplate().getDataSource());
        this.currentScope = currentScope;
        this.repository = repository;
        this.audit = audit;
    }

    /** One page of the filtered records, sorted in the database. */
    public List<Pairing> find(PairingFilter filter, List<SortKey> sort, int offset, int limit) {
        return LISTING.find(jdbc, where(filter), sort, offset, limit);
    }

    /**
     * The records after {@code after} in the given order (from the start when null), skipping {@code skip}, at most
     * {@code limit}: how the grid pages without counting rows up to where it reads (docs/design-decisions/DD013).
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Listing.Page<Pairing> page(PairingFilter filter, List<SortKey> sort, Listing.@Nullable Key after, int skip,
                                      int limit) {
        // on every scroll: one statement, no transaction, the scope checked inside it (docs/design-decisions/DD013)
        return currentScope.guarded(scope -> LISTING.page(jdbc, ScopeSql.held(where(filter, scope), scope), sort, after,
                skip, limit), page -> page.rows().isEmpty());
    }

    public int count(PairingFilter filter) {
        return LISTING.count(jdbc, where(filter), null);
    }

    /** Every filtered record in the default order, without holding them in memory; returns the row count. */
    public long stream(PairingFilter filter, Consumer<Pairing> sink) {
        return LISTING.stream(streaming, where(filter), DEFAULT_SORT, sink);
    }

    /** Every record in the caller's scope. */
    public long stream(Consumer<Pairing> sink) {
        return stream(PairingFilter.none(), sink);
    }

    /** One record; one outside the caller's scope is "not found", exactly like one that does not exist. */
    public Pairing get(long id) {
        MapSqlParameterSource params = new MapSqlParameterSource("id", id)
                .addValue("scope", ScopeSql.param(currentScope.require()));
        return jdbc.query(COLUMNS + FROM + " where p.id = :id and p.recipient_path like :scope", params,
                PairingService::map).stream().findFirst().orElseThrow(() -> new NotFoundException("Pairing " + id));
    }

    /** The sums of the filtered records per donor type, in the order of {@link DonorType}. */
    public List<PairingTotal> totalsByDonorType(PairingFilter filter) {
        Listing.Where filtered = where(filter);
        MapSqlParameterSource params = filtered.params();
        String where = filtered.sql();
        List<PairingTotal> totals = new ArrayList<>(jdbc.query("select p.donor_type, null, null, " + SUMS + RECORDS
                + where + " group by p.donor_type", params, PairingService::mapTotal));
        totals.sort(Comparator.comparing(t -> DonorType.valueOf(t.key())));
        return totals;
    }

    /** The sums of the filtered records per recipient region, in tree order, one page at a time. */
    public List<PairingTotal> totalsByRecipient(PairingFilter filter, int offset, int limit) {
        Listing.Where filtered = where(filter);
        MapSqlParameterSource params = filtered.params();
        String where = filtered.sql();
        params.addValue("limit", limit).addValue("offset", offset);
        return jdbc.query("select r.code, r.name_en, r.name_zh, " + SUMS + FROM + where
                + " group by r.id, r.code, r.name_en, r.name_zh, r.path order by r.path limit :limit offset :offset",
                params, PairingService::mapTotal);
    }

    /** How many recipient regions the filtered records have. */
    public int recipientCount(PairingFilter filter) {
        Listing.Where filtered = where(filter);
        MapSqlParameterSource params = filtered.params();
        String where = filtered.sql();
        Integer n = jdbc.queryForObject("select count(distinct p.recipient_region_id)" + RECORDS + where, params,
                Integer.class);
        return n == null ? 0 : n;
    }

    /** Records a pairing received by a region in the office's scope. */
    @PreAuthorize("hasRole('DATA_ENTRY')")
    @Transactional
    public Pairing create(PairingInput input) {
        Scope scope = currentScope.require();
        Checked checked = check(input, scope, null);
        PairingAssistance saved = repository.saveAndFlush(new PairingAssistance(checked.values()));
        audit.record(new AuditTrail.Event(actor(scope), AuditAction.CREATE, ENTITY_TYPE, String.valueOf(saved.getId()),
                checked.values().recipientRegionId(), changes(null, null, checked.values(), checked.recipientCode()),
                null));
        return get(saved.getId());
    }

    /**
     * Changes a record in the office's scope, if nobody changed it since {@code version} was read; the audit
     * entry holds each changed field before and after.
     */
    @PreAuthorize("hasRole('DATA_ENTRY')")
    @Transactional
    public Pairing update(long id, long version, PairingInput input) {
        Scope scope = currentScope.require();
        Locked locked = lockCurrent(scope, id, version);
        PairingAssistance entity = locked.entity();
        String beforeCode = locked.recipientCode();
        Checked checked = check(input, scope, id);
        List<FieldChange> changes = changes(entity.values(), beforeCode, checked.values(), checked.recipientCode());
        if (changes.isEmpty()) {
            return get(id);
        }
        entity.apply(checked.values());
        repository.saveAndFlush(entity);
        audit.record(new AuditTrail.Event(actor(scope), AuditAction.UPDATE, ENTITY_TYPE, String.valueOf(id),
                checked.values().recipientRegionId(), changes, null));
        return get(id);
    }

    /**
     * Withdraws a record entered by mistake (a duplicate, the wrong donor or recipient): the row is deleted, so it
     * leaves the grid, its totals and the dashboard's sums, and the audit trail keeps its last values and the reason
     * in the same transaction. A stale version is refused like a stale update; a record outside the office's scope
     * is "not found", exactly like one that does not exist.
     */
    @PreAuthorize("hasRole('DATA_ENTRY')")
    @Transactional
    public void withdraw(long id, long version, String reason) {
        Scope scope = currentScope.require();
        String why = WithdrawalReason.checked(reason);
        Locked locked = lockCurrent(scope, id, version);
        PairingAssistance entity = locked.entity();
        String code = locked.recipientCode();
        Values last = entity.values();
        repository.delete(entity);
        repository.flush();
        audit.record(new AuditTrail.Event(actor(scope), AuditAction.DELETE, ENTITY_TYPE, String.valueOf(id),
                last.recipientRegionId(), changes(last, code, null, null), why));
    }

    private record Checked(Values values, String recipientCode) {
    }

    /** Every check of a record; the database repeats the essential ones as constraints. */
    private Checked check(PairingInput in, Scope scope, @Nullable Long id) {
        String donor = trimmed(in.donor());
        if (donor == null || donor.length() > 300) {
            throw new UserError("pairing.error.donor");
        }
        if (in.donorType() == null) {
            throw new UserError("pairing.error.donorType");
        }
        String code = trimmed(in.recipientCode());
        if (code == null) {
            throw new UserError("pairing.error.recipient");
        }
        record Recipient(long id, String path) {
        }
        Recipient recipient = jdbc.query("select id, path from region where code = :code and path like :scope",
                new MapSqlParameterSource("code", code).addValue("scope", ScopeSql.param(scope)),
                (rs, n) -> new Recipient(rs.getLong(1), rs.getString(2))).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("Region " + code));
        long regionId = recipient.id();
        if (in.year() == null || in.year() < FIRST_YEAR || in.year() > LAST_YEAR) {
            throw new UserError("pairing.error.year", String.valueOf(FIRST_YEAR), String.valueOf(LAST_YEAR));
        }
        Long pledged = wholeRmb(in.fundsPledgedRmb());
        Long delivered = wholeRmb(in.fundsDeliveredRmb());
        if ((in.projects() != null && in.projects() < 0) || (in.peopleHelped() != null && in.peopleHelped() < 0)) {
            throw new UserError("pairing.error.negative");
        }
        String source = trimmed(in.source());
        if (source == null || source.length() > 300) {
            throw new UserError("pairing.error.source");
        }
        String note = trimmed(in.note());
        if (note != null && note.length() > 1000) {
            throw new UserError("pairing.error.noteTooLong");
        }
        if (pledged != null && delivered != null && delivered > pledged && note == null) {
            throw new UserError("pairing.error.overDelivery", delivered, pledged);
        }
        Integer duplicates = jdbc.queryForObject("""
                        select count(*) from pairing where recipient_region_id = :region and year = :year
                          and lower(donor) = lower(:donor) and id <> :id""",
                new MapSqlParameterSource("region", regionId).addValue("year", in.year()).addValue("donor", donor)
                        .addValue("id", id == null ? -1L : id), Integer.class);
        if (duplicates != null && duplicates > 0) {
            throw new UserError("pairing.error.duplicate", donor, code, String.valueOf(in.year()));
        }
        return new Checked(new Values(donor, in.donorType(), regionId, recipient.path(), in.year(), pledged, delivered,
                in.projects(), in.peopleHelped(), source, note), code);
    }

    private static @Nullable Long wholeRmb(@Nullable BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        if (amount.signum() < 0 || stripped.scale() > 0
                || stripped.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new UserError("pairing.error.funds");
        }
        return stripped.longValueExact();
    }

    private static @Nullable String trimmed(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * The changed fields, named as the CSV columns; {@code before} null for a new record, {@code after} null for a
     * withdrawn one.
     */
    private static List<FieldChange> changes(@Nullable Values before, @Nullable String beforeCode,
                                             @Nullable Values after, @Nullable String afterCode) {
        List<FieldChange> changes = new ArrayList<>();
        FieldChange.addIfChanged(changes, "donor", before, after, Values::donor);
        FieldChange.addIfChanged(changes, "donor_type", before, after, Values::donorType);
        FieldChange.addIfChanged(changes, "recipient_code", beforeCode, afterCode);
        FieldChange.addIfChanged(changes, "year", before, after, Values::year);
        FieldChange.addIfChanged(changes, "funds_pledged_rmb", before, after, Values::fundsPledgedRmb);
        FieldChange.addIfChanged(changes, "funds_delivered_rmb", before, after, Values::fundsDeliveredRmb);
        FieldChange.addIfChanged(changes, "projects", before, after, Values::projects);
        FieldChange.addIfChanged(changes, "people_helped", before, after, Values::peopleHelped);
        FieldChange.addIfChanged(changes, "source", before, after, Values::source);
        FieldChange.addIfChanged(changes, "note", before, after, Values::note);
        return changes;
    }

    /** A record locked for a change, and its recipient's code as it was. */
    private record Locked(PairingAssistance entity, String recipientCode) {
    }

    /**
     * Locks the record for a change: "not found" for one outside the scope, exactly like one that does not exist;
     * a {@code version} other than the row's is refused (and recorded), never applied.
     */
    private Locked lockCurrent(Scope scope, long id, long version) {
        String code = jdbc.query("""
                        select r.code from pairing p join region r on r.id = p.recipient_region_id
                        where p.id = :id and p.recipient_path like :scope for update of p""",
                new MapSqlParameterSource("id", id).addValue("scope", ScopeSql.param(scope)),
                (rs, n) -> rs.getString(1)).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("Pairing " + id));
        PairingAssistance entity = repository.findById(id).orElseThrow(() -> new NotFoundException("Pairing " + id));
        if (entity.getVersion() != version) {
            // refused, and recorded in a transaction of its own since this one rolls back
            audit.recordStaleRefusal(actor(scope), ENTITY_TYPE, String.valueOf(id),
                    entity.values().recipientRegionId(), version, entity.getVersion(), null);
            throw new ObjectOptimisticLockingFailureException(PairingAssistance.class, id);
        }
        return new Locked(entity, code);
    }

    private static AuditTrail.Actor actor(Scope scope) {
        return new AuditTrail.Actor(scope.username(), scope.role().name());
    }

    private Listing.Where where(PairingFilter filter) {
        return where(filter, currentScope.require());
    }

    private Listing.Where where(PairingFilter filter, Scope scope) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        params.addValue("scope", ScopeSql.param(scope));
        StringBuilder where = new StringBuilder(" where p.recipient_path like :scope");
        if (filter.recipientCode() != null && !filter.recipientCode().isBlank()) {
            String code = filter.recipientCode().trim();
            // the path is looked up first, so that the prefix match reaches the planner as a constant
            String path = jdbc.query("select path from region where code = :code and path like :scope",
                    new MapSqlParameterSource("code", code).addValue("scope", ScopeSql.param(scope)),
                    (rs, n) -> rs.getString(1)).stream().findFirst()
                    .orElseThrow(() -> new NotFoundException("Region " + code));
            where.append(" and p.recipient_path like :recipient");
            params.addValue("recipient", path + "%");
        }
        if (filter.donorType() != null) {
            where.append(" and p.donor_type = :donorType");
            params.addValue("donorType", filter.donorType().name());
        }
        if (filter.year() != null) {
            where.append(" and p.year = :year");
            params.addValue("year", filter.year());
        }
        return new Listing.Where(where.toString(), params);
    }

    static @Nullable BigDecimal ratio(@Nullable Long pledged, @Nullable Long delivered) {
        if (pledged == null || delivered == null || pledged == 0) {
            return null;
        }
        return BigDecimal.valueOf(delivered).divide(BigDecimal.valueOf(pledged), 4, RoundingMode.HALF_UP);
    }

    private static Pairing map(ResultSet rs, int n) throws SQLException {
        return new Pairing(rs.getLong(1), rs.getString(2), DonorType.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getInt(7), nullableLong(rs, 8), nullableLong(rs, 9),
                (Integer) rs.getObject(10, Integer.class), nullableLong(rs, 11), rs.getString(12), rs.getString(13),
                rs.getLong(14));
    }

    private static PairingTotal mapTotal(ResultSet rs, int n) throws SQLException {
        return new PairingTotal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), nullableLong(rs, 5),
                nullableLong(rs, 6), rs.getLong(7), nullableLong(rs, 8), nullableLong(rs, 9), nullableLong(rs, 10),
                nullableLong(rs, 11));
    }

    private static @Nullable Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
