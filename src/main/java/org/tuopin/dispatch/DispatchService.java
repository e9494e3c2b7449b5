package org.tuopin.dispatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
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
import org.tuopin.base.LocalName;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.SortKey;
import org.tuopin.base.StreamingJdbc;
import org.tuopin.base.UserError;
import org.tuopin.base.WithdrawalReason;

/**
 * The roster of officials dispatched to villages: one row per posting, the person identified by the official
 * id number (docs/design-decisions/DD007). Reads are SQL, filtered, sorted and paged in the database inside
 * the caller's scope; the local office (DATA_ENTRY) records and edits postings in its scope, every change in
 * the audit trail. Overlap checks hold a lock per id number, so two concurrent saves for one person queue up;
 * an exclusion constraint in the database is the second fence.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("isAuthenticated()")
public class DispatchService {

    /** The audit trail's record type for postings; the audit view's history link filters by it. */
    public static final String ENTITY_TYPE = "dispatch";

    /**
     * The grid counts at most this many rows (reading further index entries only to count them would make every
     * filter change slow on a national roster); the totals are exact.
     */
    public static final int COUNT_CAP = 100_000;

    static final int MAX_OFFICIAL_NO = 32;
    static final int MAX_NAME = 100;
    static final int MAX_ORGANISATION = 300;
    static final int MAX_VILLAGE = 200;
    static final int MAX_NOTE = 1000;

    /** Advisory-lock namespace for "one person's postings" (the second key is the id number's hash). */
    private static final int LOCK_NAMESPACE = 7301;

    private static final String FROM = " from official_posting p join region r on r.id = p.region_id";

    private static final String COLUMNS = """
            select p.id, p.official_no, p.name, p.rank, p.sending_organisation, p.role, r.code, r.name_en, r.name_zh,
                   p.village, p.start_date, p.end_date, p.bilingual, p.note, p.created_by, p.created_at, p.updated_by,
                   p.updated_at, p.version""";

    /** Sort keys the caller may name, each backed by an index ending in the id that every order appends. */
    private static final Map<String, Listing.Column> SORTABLE = Map.of(
            "officialNo", Listing.Column.notNull("p.official_no"),
            "name", Listing.Column.notNull("p.name"),
            "rank", Listing.Column.notNull("p.rank"),
            "organisation", Listing.Column.notNull("p.sending_organisation"),
            "role", Listing.Column.notNull("p.role"),
            "region", Listing.Column.notNull("p.region_path"),
            "start", Listing.Column.notNull("p.start_date"),
            "end", Listing.Column.nullable("p.end_date", Listing.Nulls.HIGH));

    /** Newest postings first; the id breaks ties the same way. */
    private static final List<SortKey> DEFAULT_SORT = List.of(new SortKey("start", true));

    /** Filters and sort columns all live on the posting row, so the ids of a page are found without the region. */
    private static final Listing<PostingRow> LISTING = new Listing<>(COLUMNS, FROM, "from official_posting p", "p.id",
            SORTABLE, DEFAULT_SORT, DispatchService::map);

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final JdbcClient client;
    private final OfficialPostingRepository postings;
    private final CurrentScope currentScope;
    private final AuditTrail audit;

    DispatchService(NamedParameterJdbcTemplate jdbc, JdbcClient client, OfficialPostingRepository postings,
                    CurrentScope currentScope, AuditTrail audit) {
        this.jdbc = jdbc;
        this.streaming = StreamingJdbc.on(jdbc.getJdbcTemplate().getDataSource());
        this.client = client;
        this.postings = postings;
        this.currentScope = currentScope;
        this.audit = audit;
    }

    // ----- reading

    /** One page of the filtered roster, sorted in the database. */
    public List<PostingRow> find(PostingFilter filter, List<SortKey> sort, int offset, int limit) {
        return LISTING.find(jdbc, where(filter), sort, offset, limit);
    }

    /**
     * The postings after {@code after} in the given order (from the start when null), skipping {@code skip}, at most
     * {@code limit}: how the grid pages without counting rows up to where it reads (docs/design-decisions/DD013).
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Listing.Page<PostingRow> page(PostingFilter filter, List<SortKey> sort, Listing.@Nullable Key after,
                                         int skip, int limit) {
        // on every scroll: one statement, no transaction, the scope checked inside it (docs/design-decisions/DD013)
        return currentScope.guarded(scope -> LISTING.page(jdbc, ScopeSql.held(where(filter, scope), scope), sort, after,
                skip, limit), page -> page.rows().isEmpty());
    }

    /** How many postings match, counted up to {@link #COUNT_CAP}: a larger roster answers the cap. */
    public int count(PostingFilter filter) {
        return LISTING.count(jdbc, where(filter), COUNT_CAP);
    }

    /** Exact totals of the filtered roster: all, by role, by rank, in one pass over the matching rows. */
    public DispatchTotals totals(PostingFilter filter) {
        Listing.Where filtered = where(filter);
        MapSqlParameterSource params = filtered.params();
        String where = filtered.sql();
        Map<DispatchRole, Long> byRole = new EnumMap<>(DispatchRole.class);
        Map<OfficialRank, Long> byRank = new EnumMap<>(OfficialRank.class);
        long[] total = {0};
        jdbc.query("select p.role, p.rank, count(*)" + FROM + where + " group by grouping sets ((p.role), (p.rank), ())",
                params, (RowCallbackHandler) rs -> {
                    String role = rs.getString(1);
                    String rank = rs.getString(2);
                    long n = rs.getLong(3);
                    if (role != null) {
                        byRole.put(DispatchRole.valueOf(role), n);
                    } else if (rank != null) {
                        byRank.put(OfficialRank.valueOf(rank), n);
                    } else {
                        total[0] = n;
                    }
                });
        return new DispatchTotals(total[0], byRole, byRank);
    }

    /** Every matching posting in the default order, without holding them in memory. */
    public long stream(PostingFilter filter, Consumer<PostingRow> sink) {
        return LISTING.stream(streaming, where(filter), DEFAULT_SORT, sink);
    }

    /** One posting; one outside the scope is "not found", exactly like one that does not exist. */
    public PostingRow get(long id) {
        Scope scope = currentScope.require();
        List<PostingRow> rows = jdbc.query(COLUMNS + FROM + " where p.id = :id and p.region_path like :scope",
                new MapSqlParameterSource("id", id).addValue("scope", ScopeSql.param(scope)), DispatchService::map);
        if (rows.isEmpty()) {
            throw new NotFoundException("Posting " + id);
        }
        return rows.getFirst();
    }

    // ----- recording

    /** Records a new posting in the caller's scope, after every check. */
    @PreAuthorize("hasRole('DATA_ENTRY')")
    @Transactional
    public PostingRow create(PostingInput input) {
        Scope scope = currentScope.require();
        Checked c = check(input, scope);
        lockPerson(c.officialNo());
        refuseOverlap(c, null, scope);
        OfficialPosting posting = new OfficialPosting(scope.username());
        c.assignTo(posting, scope.username());
        posting = save(posting);
        audit.record(new AuditTrail.Event(new AuditTrail.Actor(scope.username(), scope.role().name()), AuditAction.CREATE,
                ENTITY_TYPE, String.valueOf(posting.getId()), c.region().id(), changes(null, Snapshot.of(c)), null));
        return get(posting.getId());
    }

    /**
     * Changes a posting in the caller's scope. A stale version is refused, never overwritten; the same checks
     * as for a new posting apply to the result.
     */
    @PreAuthorize("hasRole('DATA_ENTRY')")
    @Transactional
    public PostingRow update(long id, long version, PostingInput input) {
        Scope scope = currentScope.require();
        Checked c = check(input, scope);
        // a changed id number moves the posting from one person to another: both people's postings (and their
        // roster counts, docs/design-decisions/DD012) change, so both locks are held
        String formerNo = client.sql("select official_no from official_posting where id = :id").param("id", id)
                .query(String.class).optional().orElse(c.officialNo());
        lockPeople(List.of(c.officialNo(), formerNo));
        OfficialPosting posting = postings.findForUpdateInScope(id, scope.path())
                .orElseThrow(() -> new NotFoundException("Posting " + id));
        if (!posting.getOfficialNo().equals(formerNo) && !posting.getOfficialNo().equals(c.officialNo())) {
            // changed by someone else between the two reads: the version check below refuses it anyway
            lockPeople(List.of(posting.getOfficialNo()));
        }
        refuseStale(scope, posting, version);
        refuseOverlap(c, id, scope);
        Snapshot before = Snapshot.of(posting, regionCode(posting.getRegionId()));
        List<FieldChange> changes = changes(before, Snapshot.of(c));
        if (changes.isEmpty()) {
            // nothing to save: the version and the "changed by" stay as they are
            return get(id);
        }
        c.assignTo(posting, scope.username());
        save(posting);
        audit.record(new AuditTrail.Event(new AuditTrail.Actor(scope.username(), scope.role().name()), AuditAction.UPDATE,
                ENTITY_TYPE, String.valueOf(id), c.region().id(), changes, null));
        return get(id);
    }

    /**
     * Withdraws a posting entered by mistake (the wrong person, a duplicate, the wrong county): the row is deleted,
     * so it leaves the roster and its counts (the V10 delete trigger keeps {@code roster_count} exact), and the
     * audit trail keeps its last values and the reason in the same transaction. A stale version is refused like a
     * stale update; a posting outside the caller's scope is "not found", exactly like one that does not exist.
     */
    @PreAuthorize("hasRole('DATA_ENTRY')")
    @Transactional
    public void withdraw(long id, long version, String reason) {
        Scope scope = currentScope.require();
        String why = WithdrawalReason.checked(reason);
        // the person's roster counts change: the same per-person lock as a save, taken before the row lock
        Optional<String> no = client.sql("select official_no from official_posting where id = :id").param("id", id)
                .query(String.class).optional();
        no.ifPresent(this::lockPerson);
        OfficialPosting posting = postings.findForUpdateInScope(id, scope.path())
                .orElseThrow(() -> new NotFoundException("Posting " + id));
        if (!no.map(posting.getOfficialNo()::equals).orElse(false)) {
            // moved to another person between the two reads: hold that person's lock too
            lockPerson(posting.getOfficialNo());
        }
        refuseStale(scope, posting, version);
        Snapshot last = Snapshot.of(posting, regionCode(posting.getRegionId()));
        postings.delete(posting);
        postings.flush();
        audit.record(new AuditTrail.Event(new AuditTrail.Actor(scope.username(), scope.role().name()), AuditAction.DELETE,
                ENTITY_TYPE, String.valueOf(id), posting.getRegionId(), changes(last, null), why));
    }

    /** A save or withdrawal read at another version than the row's is refused, never applied. */
    private void refuseStale(Scope scope, OfficialPosting posting, long version) {
        if (posting.getVersion() != version) {
            // refused, and recorded in a transaction of its own since this one rolls back
            audit.recordStaleRefusal(new AuditTrail.Actor(scope.username(), scope.role().name()), ENTITY_TYPE,
                    String.valueOf(posting.getId()), posting.getRegionId(), version, posting.getVersion(), null);
            throw new ObjectOptimisticLockingFailureException(OfficialPosting.class, posting.getId());
        }
    }

    // ----- checks

    private record Place(long id, String code, String level, String path, String nameEn, String nameZh) {
    }

    /** An input that passed the field checks, trimmed and normalised. */
    private record Checked(String officialNo, String name, OfficialRank rank, String organisation, DispatchRole role,
                           Place region, @Nullable String village, LocalDate start, @Nullable LocalDate end,
                           boolean bilingual, @Nullable String note) {

        void assignTo(OfficialPosting p, String by) {
            p.assign(officialNo, name, rank, organisation, role, region.id(), region.path(), village, start, end,
                    bilingual, note, by);
        }
    }

    private Checked check(PostingInput in, Scope scope) {
        String no = trim(in.officialNo());
        if (no == null) {
            throw new UserError("dispatch.error.officialNoMissing");
        }
        no = no.toUpperCase(Locale.ROOT);
        if (no.length() > MAX_OFFICIAL_NO || !no.matches("[A-Z0-9-]+")) {
            throw new UserError("dispatch.error.officialNo", MAX_OFFICIAL_NO);
        }
        String name = trim(in.name());
        if (name == null || name.length() > MAX_NAME) {
            throw new UserError("dispatch.error.name", MAX_NAME);
        }
        if (in.rank() == null) {
            throw new UserError("dispatch.error.rank");
        }
        String organisation = trim(in.sendingOrganisation());
        if (organisation == null || organisation.length() > MAX_ORGANISATION) {
            throw new UserError("dispatch.error.organisation", MAX_ORGANISATION);
        }
        if (in.role() == null) {
            throw new UserError("dispatch.error.role");
        }
        String code = trim(in.regionCode());
        if (code == null) {
            throw new UserError("dispatch.error.region");
        }
        Place region = place(code, scope).orElseThrow(() -> new NotFoundException("Region " + in.regionCode()));
        if (!"COUNTY".equals(region.level()) && !"PREFECTURE".equals(region.level())) {
            throw new UserError("dispatch.error.regionLevel", region.code());
        }
        String village = trim(in.village());
        if (village != null && village.length() > MAX_VILLAGE) {
            throw new UserError("dispatch.error.village", MAX_VILLAGE);
        }
        if (in.startDate() == null) {
            throw new UserError("dispatch.error.start");
        }
        if (in.endDate() != null && in.endDate().isBefore(in.startDate())) {
            throw new UserError("dispatch.error.endBeforeStart", in.endDate().toString(), in.startDate().toString());
        }
        String note = trim(in.note());
        if (note != null && note.length() > MAX_NOTE) {
            throw new UserError("dispatch.error.note", MAX_NOTE);
        }
        return new Checked(no, name, in.rank(), organisation, in.role(), region, village, in.startDate(), in.endDate(),
                in.bilingual(), note);
    }

    /** Serialises every save for one id number until the transaction ends: the overlap check cannot race. */
    private void lockPerson(String officialNo) {
        lockPeople(List.of(officialNo));
    }

    /**
     * {@link #lockPerson} for several id numbers (checked ones: letters, digits and hyphens, so the comma separates
     * them safely), always in the order of their lock keys, so that no two saves deadlock.
     */
    private void lockPeople(List<String> officialNos) {
        client.sql("""
                        select count(*) from (select pg_advisory_xact_lock(:ns, key)
                                              from (select distinct hashtext(no) as key
                                                    from regexp_split_to_table(:nos, ',') no order by key) keys
                                             ) locked""")
                .param("ns", LOCK_NAMESPACE).param("nos", String.join(",", officialNos)).query(Long.class).single();
    }

    /**
     * A person's postings may not overlap unless one of them is a temporary post; two first-secretary postings
     * are the case named on its own. The message names the other posting when the caller may see it, and only
     * says that there is one when it lies outside the caller's scope.
     */
    private void refuseOverlap(Checked c, @Nullable Long self, Scope scope) {
        if (c.role() == DispatchRole.TEMPORARY_POST) {
            return;
        }
        Optional<Conflict> found = client.sql("""
                        select p.id, p.name, p.role, p.village, p.start_date, p.end_date, r.code, r.name_en, r.name_zh,
                               p.region_path like :scope as visible
                        from official_posting p join region r on r.id = p.region_id
                        where p.official_no = :no and p.id <> :self and p.role <> 'TEMPORARY_POST'
                          and p.start_date <= coalesce(:end, date 'infinity')
                          and coalesce(p.end_date, date 'infinity') >= :start
                        order by (p.role = 'FIRST_SECRETARY') desc, p.start_date, p.id
                        limit 1""")
                .param("scope", ScopeSql.param(scope)).param("no", c.officialNo()).param("self", self == null ? -1 : self)
                .param("end", c.end(), Types.DATE).param("start", c.start(), Types.DATE)
                .query((rs, n) -> new Conflict(rs.getLong("id"), rs.getString("name"),
                        DispatchRole.valueOf(rs.getString("role")),
                        place(rs.getString("code"), rs.getString("name_en"), rs.getString("name_zh"),
                                rs.getString("village")),
                        rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
                        rs.getBoolean("visible")))
                .optional();
        if (found.isEmpty()) {
            return;
        }
        Conflict other = found.get();
        boolean bothFirstSecretary = c.role() == DispatchRole.FIRST_SECRETARY
                && other.role() == DispatchRole.FIRST_SECRETARY;
        if (!other.visible()) {
            throw new UserError(bothFirstSecretary ? "dispatch.error.firstSecretaryElsewhere"
                    : "dispatch.error.overlapElsewhere", c.officialNo());
        }
        String until = other.end() == null ? "…" : other.end().toString();
        throw new UserError(bothFirstSecretary ? "dispatch.error.firstSecretaryOverlap" : "dispatch.error.overlap",
                c.officialNo(), String.valueOf(other.id()), other.name(), other.place(), other.start().toString(), until);
    }

    /** Another posting of the same person that overlaps; {@code visible} when it lies in the caller's scope. */
    /** Where a posting is, in both languages: "513431 Zhaojue County, Sanhe" / "513431 昭觉县，Sanhe". */
    private static LocalName place(String code, String nameEn, String nameZh, @Nullable String village) {
        return new LocalName(code + " " + nameEn + (village == null ? "" : ", " + village),
                code + " " + nameZh + (village == null ? "" : "，" + village));
    }

    private record Conflict(long id, String name, DispatchRole role, LocalName place, LocalDate start,
                            @Nullable LocalDate end, boolean visible) {
    }

    private OfficialPosting save(OfficialPosting posting) {
        try {
            return postings.saveAndFlush(posting);
        } catch (DataIntegrityViolationException e) {
            // the exclusion constraint: only reachable when something bypassed the lock above
            if (String.valueOf(e.getMostSpecificCause().getMessage()).contains("official_posting_no_overlap")) {
                throw new UserError("dispatch.error.overlapConcurrent", posting.getOfficialNo());
            }
            throw e;
        }
    }

    private Optional<Place> place(String code, Scope scope) {
        return client.sql("""
                        select id, code, level, path, name_en, name_zh from region
                        where code = :code and path like :scope""")
                .param("code", code).param("scope", ScopeSql.param(scope))
                .query((rs, n) -> new Place(rs.getLong("id"), rs.getString("code"), rs.getString("level"),
                        rs.getString("path"), rs.getString("name_en"), rs.getString("name_zh")))
                .optional();
    }

    private String regionCode(long regionId) {
        return client.sql("select code from region where id = :id").param("id", regionId).query(String.class).single();
    }

    // ----- audit

    /** The audited fields of a posting, as they stood. */
    private record Snapshot(String officialNo, String name, OfficialRank rank, String organisation, DispatchRole role,
                            String region, @Nullable String village, LocalDate start, @Nullable LocalDate end,
                            boolean bilingual, @Nullable String note) {

        static Snapshot of(OfficialPosting p, String regionCode) {
            return new Snapshot(p.getOfficialNo(), p.getName(), p.getRank(), p.getSendingOrganisation(), p.getRole(),
                    regionCode, p.getVillage(), p.getStartDate(), p.getEndDate(), p.isBilingual(), p.getNote());
        }

        static Snapshot of(Checked c) {
            return new Snapshot(c.officialNo(), c.name(), c.rank(), c.organisation(), c.role(), c.region().code(),
                    c.village(), c.start(), c.end(), c.bilingual(), c.note());
        }
    }

    /** The fields that differ; {@code before} null for a new posting, {@code after} null for a withdrawn one. */
    private static List<FieldChange> changes(@Nullable Snapshot before, @Nullable Snapshot after) {
        List<FieldChange> changes = new ArrayList<>();
        FieldChange.addIfChanged(changes, "officialNo", before, after, Snapshot::officialNo);
        FieldChange.addIfChanged(changes, "name", before, after, Snapshot::name);
        FieldChange.addIfChanged(changes, "rank", before, after, Snapshot::rank);
        FieldChange.addIfChanged(changes, "sendingOrganisation", before, after, Snapshot::organisation);
        FieldChange.addIfChanged(changes, "role", before, after, Snapshot::role);
        FieldChange.addIfChanged(changes, "region", before, after, Snapshot::region);
        FieldChange.addIfChanged(changes, "village", before, after, Snapshot::village);
        FieldChange.addIfChanged(changes, "startDate", before, after, Snapshot::start);
        FieldChange.addIfChanged(changes, "endDate", before, after, Snapshot::end);
        FieldChange.addIfChanged(changes, "bilingual", before, after, Snapshot::bilingual);
        FieldChange.addIfChanged(changes, "note", before, after, Snapshot::note);
        return changes;
    }

    // ----- SQL

    private Listing.Where where(PostingFilter f) {
        return where(f, currentScope.require());
    }

    private Listing.Where where(PostingFilter f, Scope scope) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        params.addValue("scope", ScopeSql.param(scope));
        StringBuilder where = new StringBuilder(" where p.region_path like :scope");
        String code = trim(f.regionCode());
        if (code != null) {
            Place region = place(code, scope).orElseThrow(() -> new NotFoundException("Region " + f.regionCode()));
            where.append(" and p.region_path like :regionPath");
            params.addValue("regionPath", region.path() + "%");
        }
        if (f.role() != null) {
            where.append(" and p.role = :role");
            params.addValue("role", f.role().name());
        }
        if (f.rank() != null) {
            where.append(" and p.rank = :rank");
            params.addValue("rank", f.rank().name());
        }
        String organisation = trim(f.organisation());
        if (organisation != null) {
            where.append(" and lower(p.sending_organisation) like :organisation");
            params.addValue("organisation", likePrefix(organisation.toLowerCase(Locale.ROOT)));
        }
        if (f.servingOn() != null) {
            where.append(" and p.start_date <= :day and (p.end_date is null or p.end_date >= :day)");
            params.addValue("day", f.servingOn(), Types.DATE);
        }
        return new Listing.Where(where.toString(), params);
    }

    private static String likePrefix(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static @Nullable String trim(@Nullable String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static PostingRow map(ResultSet rs, int n) throws SQLException {
        return new PostingRow(rs.getLong("id"), rs.getString("official_no"), rs.getString("name"),
                OfficialRank.valueOf(rs.getString("rank")), rs.getString("sending_organisation"),
                DispatchRole.valueOf(rs.getString("role")), rs.getString("code"), rs.getString("name_en"),
                rs.getString("name_zh"), rs.getString("village"), rs.getObject("start_date", LocalDate.class),
                rs.getObject("end_date", LocalDate.class), rs.getBoolean("bilingual"), rs.getString("note"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getString("updated_by"),
                rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
    }
}
