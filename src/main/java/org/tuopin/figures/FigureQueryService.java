package org.tuopin.figures;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.access.CurrentScope;
import org.tuopin.access.Scope;
import org.tuopin.access.ScopeSql;
import org.tuopin.base.CopyStream;
import org.tuopin.base.Listing;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.SortKey;
import org.tuopin.region.RegionService;

/**
 * Reads reported values for grids, exports and the API, always inside the caller's scope.
 * Plain SQL rather than JPA: one join across reports, regions and groups, paged and sorted in the
 * database, with the scope condition inside the query (docs/design-decisions/DD003).
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("isAuthenticated()")
public class FigureQueryService {

    private static final String FROM = """
            from figure_value fv
            join yearly_report yr on yr.id = fv.report_id
            left join region r on r.id = yr.region_id
            left join region_group g on g.id = yr.group_id
            """;

    private static final String COLUMNS = """
            select fv.id, coalesce(r.code, g.code) as region_code, coalesce(r.name_en, g.name_en) as name_en,
                   coalesce(r.name_zh, g.name_zh) as name_zh, yr.year, fv.metric, fv.kind, fv.value, fv.unit,
                   fv.source, fv.note, yr.state
            """;

    private static final Map<String, Listing.Column> SORTABLE = Map.of(
            "region", Listing.Column.notNull("coalesce(r.path, g.code)"),
            // a value's year is its report's (V12 enforces it), and sorting on the value's own column needs no join
            "year", Listing.Column.notNull("fv.year"),
            "metric", Listing.Column.notNull("fv.metric"),
            "kind", Listing.Column.notNull("fv.kind"),
            "value", Listing.Column.notNull("fv.value"),
            "source", Listing.Column.nullable("fv.source", Listing.Nulls.HIGH));

    private static final List<SortKey> DEFAULT_SORT = List.of(new SortKey("region", false), new SortKey("year", false),
            new SortKey("metric", false), new SortKey("kind", false));

    /** The scope condition reads the region and the group, so the ids of a page are found on the whole join. */
    private static final Listing<FigureRow> LISTING = new Listing<>(COLUMNS, FROM, FROM, "fv.id", SORTABLE,
            DEFAULT_SORT, FigureQueryService::mapRow);

    /**
     * For a caller whose scope holds every region, with no filter or sort on the region: every condition and sort
     * column is on {@code figure_value} alone, so the ids of a page are found there, from the index on (year, value,
     * id) without visiting the table when a user jumps deep into a year sorted by value (DD013).
     */
    private static final Listing<FigureRow> VALUES_ONLY = new Listing<>(COLUMNS, FROM, "from figure_value fv",
            "fv.id", SORTABLE, DEFAULT_SORT, FigureQueryService::mapRow);

    /**
     * For a scope on a top-level region: true when no region lies outside it, that is when there is no other
     * top-level region (every region's path starts with its top-level region's). Evaluated once per statement, inside
     * the page's own statement, by the index on the parent. (It was a range test on the path, {@code path ~<~ :prefix
     * or path ~>=~ :pastPrefix}: once the driver prepared the statement on the server, PostgreSQL's generic plan for
     * it scanned every region, 0.8 ms of a 1.7 ms page.)
     */
    private static final String WHOLE_COUNTRY = """
            not exists (select 1 from region where parent_id is null and path <> :topLevel)""";

    private final NamedParameterJdbcTemplate jdbc;
    private final DataSource dataSource;
    private final CurrentScope currentScope;
    private final RegionService regions;

    FigureQueryService(NamedParameterJdbcTemplate jdbc, CurrentScope currentScope, RegionService regions) {
        this.regions = regions;
        this.jdbc = jdbc;
        this.dataSource = jdbc.getJdbcTemplate().getDataSource();
        this.currentScope = currentScope;
    }

    public List<FigureRow> find(FigureFilter filter, List<SortKey> sort, int offset, int limit) {
        return read(currentScope.require(), filter, sort, (listing, where) -> listing.find(jdbc, where, sort, offset,
                limit), List::isEmpty);
    }

    /**
     * The values after {@code after} in the given order (from the start when null), skipping {@code skip}, at most
     * {@code limit}: how the grid pages without counting rows up to where it reads (docs/design-decisions/DD013).
     * On every scroll: one statement, no transaction, the scope checked inside it ({@link CurrentScope#guarded}).
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Listing.Page<FigureRow> page(FigureFilter filter, List<SortKey> sort, Listing.@Nullable Key after,
                                        int skip, int limit) {
        return currentScope.guarded(scope -> read(scope, filter, sort, (listing, where) -> listing.page(jdbc, where,
                sort, after, skip, limit), page -> page.rows().isEmpty()), page -> page.rows().isEmpty());
    }

    public int count(FigureFilter filter) {
        // a count has no order: any sort that leaves the region out lets it count on figure_value alone
        return read(currentScope.require(), filter, List.of(new SortKey("value", false)),
                (listing, where) -> listing.count(jdbc, where, null), n -> n == 0);
    }

    /**
     * Streams every matching row in the default order; memory stays flat whatever the row count. Through COPY, not a
     * cursor, and with the groups in scope asked first, so that the database sorts a million rows in parallel and
     * sends them while the caller writes (docs/design-decisions/DD016).
     */
    public void stream(FigureFilter filter, Consumer<FigureRow> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        Listing.Where where = where(filter, params, ScopeSql.OWNER_IN_SCOPE_GROUPS_GIVEN, currentScope.require());
        params.addValue("groups", jdbc.queryForList(ScopeSql.GROUPS_IN_SCOPE, params, Long.class).toArray(Long[]::new));
        CopyStream.query(dataSource, LISTING.select(where, DEFAULT_SORT), params, row -> {
            Metric metric = Metric.fromCode(row.required(5)).orElseThrow();
            sink.accept(new FigureRow(row.longValue(0), row.required(1), row.required(2), row.required(3),
                    row.intValue(4), metric, ValueKind.fromCode(row.required(6)).orElseThrow(), row.decimal(7),
                    metric.unit(), row.text(9), row.text(10), ReportState.valueOf(row.required(11))));
        });
    }

    /**
     * Reads with the values-only listing when nothing asked needs the region: no region or designation filter, no
     * sort by region (the default sort starts with the region), and a top-level scope, whose statement then carries
     * {@link #WHOLE_COUNTRY} instead of the scope condition. An empty answer from it may mean that some region lies
     * outside the scope after all, so it is read again through the whole join. Every read carries
     * {@link ScopeSql#HELD}.
     */
    private <T> T read(Scope scope, FigureFilter filter, List<SortKey> sort,
                       BiFunction<Listing<FigureRow>, Listing.Where, T> read, Predicate<T> empty) {
        boolean sortsByRegion = sort.stream().noneMatch(k -> SORTABLE.containsKey(k.property()))
                || sort.stream().anyMatch(k -> k.property().equals("region"));
        String path = scope.path();
        boolean topLevel = path.indexOf('/') == path.length() - 1;
        if (filter.regionCode() == null && filter.designation() == null && !sortsByRegion && topLevel) {
            MapSqlParameterSource params = new MapSqlParameterSource("topLevel", path);
            StringBuilder where = new StringBuilder(" where ").append(WHOLE_COUNTRY);
            if (filter.year() != null) {
                where.append(" and fv.year = :year");
                params.addValue("year", filter.year());
            }
            T result = read.apply(VALUES_ONLY, ScopeSql.held(new Listing.Where(where.toString(), params), scope));
            if (!empty.test(result)) {
                return result;
            }
        }
        return read.apply(LISTING, ScopeSql.held(where(filter, new MapSqlParameterSource(), ScopeSql.OWNER_IN_SCOPE,
                scope), scope));
    }

    private Listing.Where where(FigureFilter filter, MapSqlParameterSource params, String scopeCondition,
                                Scope scope) {
        params.addValue("scope", ScopeSql.param(scope));
        StringBuilder where = new StringBuilder(" where ").append(scopeCondition);
        if (filter.year() != null) {
            // the report's year, not the value's copy: under a scope the planner cannot estimate, the index on the
            // value's (year, value) would tempt it to walk a whole year for a county's few dozen rows (DD013)
            where.append(" and yr.year = :year");
            params.addValue("year", filter.year());
        }
        if (filter.regionCode() != null) {
            String code = filter.regionCode();
            if (code.startsWith("GROUP:")) {
                where.append(" and g.code = :code");
            } else {
                where.append(" and r.path like (select path from region where code = :code) || '%'");
            }
            params.addValue("code", code);
            if (regions.find(code).isEmpty()) {
                throw new NotFoundException("Region " + code);
            }
        }
        if (filter.designation() != null) {
            where.append(" and r.designation = :designation");
            params.addValue("designation", filter.designation().name());
        }
        return new Listing.Where(where.toString(), params);
    }

    private static FigureRow mapRow(ResultSet rs, int n) throws SQLException {
        Metric metric = Metric.fromCode(rs.getString("metric")).orElseThrow();
        return new FigureRow(rs.getLong("id"), rs.getString("region_code"), rs.getString("name_en"),
                rs.getString("name_zh"), rs.getInt("year"), metric,
                ValueKind.fromCode(rs.getString("kind")).orElseThrow(),
                rs.getBigDecimal("value"), metric.unit(),
                rs.getString("source"), rs.getString("note"),
                ReportState.valueOf(rs.getString("state")));
    }
}
