package org.tuopin.base;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A filtered, sorted SQL listing: the one place where the grids' services turn a where clause, a sort and a page
 * into SQL (docs/design-decisions/DD013). Pages come three ways:
 * <ul>
 * <li>by offset ({@link #find}), for callers that only know row numbers;</li>
 * <li>by seek ({@link #page} with a {@link Key} and no skip): the rows after a known row's sort key, with the id as
 * tie-breaker, so that the database starts reading at the key instead of counting rows up to it;</li>
 * <li>by a deferred join ({@link #page} with a skip): the ids of the page are found first on the narrow
 * {@code keyFrom} tables (an index-only scan where an index covers filter and sort), and only the page's rows are
 * joined to the wide columns.</li>
 * </ul>
 * Sort columns come from a whitelist; every order ends in the id, running the same way as the last key, so one
 * index scan (forwards or backwards) serves both directions.
 */
public final class Listing<T> {

    /** Where NULLs of a sort column go. */
    public enum Nulls {
        /** The column is never NULL. */
        NONE,
        /** PostgreSQL's default: NULL sorts above every value (last ascending, first descending). */
        HIGH,
        /** NULL always sorts last, in both directions. */
        LAST
    }

    /** A column the caller may sort by: its SQL expression and where its NULLs go. */
    public record Column(String sql, Nulls nulls) {

        public static Column notNull(String sql) {
            return new Column(sql, Nulls.NONE);
        }

        public static Column nullable(String sql, Nulls nulls) {
            return new Column(sql, nulls);
        }
    }

    /** The filter as SQL: a where clause (starting with " where") and its parameters. */
    public record Where(String sql, MapSqlParameterSource params) {
    }

    /**
     * The sort key of one row: the values of the sort columns (in the order of the sort the page was read with) and
     * the row's id. The values are bound as parameters and only narrow the caller's filtered rows, never widen them.
     */
    public record Key(List<@Nullable Object> values, long id) implements java.io.Serializable {
        public Key {
            // a copy of its own (NULLs allowed), serializable with the grid's data provider
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /** One page of rows and the sort key of its last row (null when the page is empty). */
    public record Page<T>(List<T> rows, @Nullable Key last) {
    }

    private final String columns;
    private final String from;
    private final String keyFrom;
    private final String id;
    private final Map<String, Column> sortable;
    private final List<SortKey> defaultSort;
    private final RowMapper<T> mapper;

    /**
     * @param columns     the select list, starting with "select"
     * @param from        the from clause with every join the columns need
     * @param keyFrom     the narrowest from clause on which the where clause and the sort columns can be evaluated
     * @param id          the unique id column that breaks ties
     * @param sortable    the sort keys a caller may name
     * @param defaultSort the order when the caller names none
     */
    public Listing(String columns, String from, String keyFrom, String id, Map<String, Column> sortable,
                   List<SortKey> defaultSort, RowMapper<T> mapper) {
        this.columns = columns;
        this.from = " " + from.strip() + " ";
        this.keyFrom = " " + keyFrom.strip() + " ";
        this.id = id;
        this.sortable = Map.copyOf(sortable);
        this.defaultSort = List.copyOf(defaultSort);
        this.mapper = mapper;
    }

    // ----- the ways to read

    /** One page by offset. */
    public List<T> find(NamedParameterJdbcTemplate jdbc, Where where, List<SortKey> sort, int offset, int limit) {
        return page(jdbc, where, sort, null, offset, limit).rows();
    }

    /**
     * The rows after {@code after} (from the start when null), skipping {@code skip} of them, at most {@code limit};
     * with the sort key of the last row, from which the next page seeks.
     */
    public Page<T> page(NamedParameterJdbcTemplate jdbc, Where where, List<SortKey> sort, @Nullable Key after,
                        int skip, int limit) {
        List<Sorted> order = effective(sort);
        if (after != null && after.values().size() != order.size()) {
            throw new IllegalArgumentException("A key of " + after.values().size() + " values for a sort of "
                    + order.size() + " columns");
        }
        MapSqlParameterSource params = copy(where.params());
        StringBuilder condition = new StringBuilder(where.sql());
        if (after != null) {
            condition.append(where.sql().isBlank() ? " where " : " and ").append(seek(order, after, params));
        }
        String orderBy = orderBy(order);
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < order.size(); i++) {
            keys.append(", ").append(order.get(i).column().sql()).append(" as tuopin_k").append(i);
        }
        keys.append(", ").append(id).append(" as tuopin_id");
        params.addValue("tuopin_limit", limit);
        String sql;
        if (skip <= 0) {
            sql = columns + keys + from + condition + orderBy + " limit :tuopin_limit";
        } else {
            // the deferred join: count past the skipped rows on the narrow tables, join the wide rows of the page only
            params.addValue("tuopin_skip", skip);
            sql = columns + keys + from + " join (select " + id + " as tuopin_page_id" + keyFrom + condition + orderBy
                    + " limit :tuopin_limit offset :tuopin_skip) tuopin_page on tuopin_page.tuopin_page_id = " + id
                    + orderBy;
        }
        List<T> rows = new ArrayList<>();
        Key[] last = {null};
        int n = order.size();
        jdbc.query(sql, params, (RowCallbackHandler) rs -> {
            rows.add(mapper.mapRow(rs, rows.size()));
            last[0] = key(rs, n);
        });
        return new Page<>(rows, last[0]);
    }

    /** How many rows match, counted up to {@code cap} when one is given. */
    public int count(NamedParameterJdbcTemplate jdbc, Where where, @Nullable Integer cap) {
        MapSqlParameterSource params = copy(where.params());
        String sql;
        if (cap == null) {
            sql = "select count(*)" + keyFrom + where.sql();
        } else {
            params.addValue("tuopin_cap", cap);
            sql = "select count(*) from (select 1" + keyFrom + where.sql() + " limit :tuopin_cap) capped";
        }
        Integer count = jdbc.queryForObject(sql, params, Integer.class);
        return count == null ? 0 : count;
    }

    /** The statement for every matching row in the given order: what {@link #stream} runs, for other readers (COPY). */
    public String select(Where where, List<SortKey> sort) {
        return columns + from + where.sql() + orderBy(effective(sort));
    }

    /** Every matching row in the given order, through a template that streams; returns the row count. */
    public long stream(NamedParameterJdbcTemplate streaming, Where where, List<SortKey> sort, Consumer<T> sink) {
        long[] n = {0};
        streaming.query(select(where, sort), where.params(),
                (RowCallbackHandler) rs -> sink.accept(mapper.mapRow(rs, (int) n[0]++)));
        return n[0];
    }

    // ----- SQL

    private record Sorted(Column column, boolean descending) {

        /** Whether NULLs come after every value in this direction. */
        boolean nullsAfter() {
            return column.nulls() == Nulls.LAST || (column.nulls() == Nulls.HIGH && !descending);
        }

        String sql() {
            String dir = descending ? " desc" : " asc";
            // only a descending "nulls last" differs from PostgreSQL's default and needs saying
            return column.sql() + dir + (column.nulls() == Nulls.LAST && descending ? " nulls last" : "");
        }
    }

    /** The caller's known sort keys, or the default; unknown names are ignored, as they always were. */
    private List<Sorted> effective(List<SortKey> sort) {
        List<Sorted> order = new ArrayList<>();
        for (SortKey key : sort) {
            Column column = sortable.get(key.property());
            if (column != null) {
                order.add(new Sorted(column, key.descending()));
            }
        }
        if (order.isEmpty()) {
            for (SortKey key : defaultSort) {
                order.add(new Sorted(sortable.get(key.property()), key.descending()));
            }
        }
        return order;
    }

    private String orderBy(List<Sorted> order) {
        List<String> parts = new ArrayList<>();
        for (Sorted s : order) {
            parts.add(s.sql());
        }
        boolean lastDescending = !order.isEmpty() && order.getLast().descending();
        parts.add(id + (lastDescending ? " desc" : " asc"));
        return " order by " + String.join(", ", parts);
    }

    /**
     * The condition "comes after the key in this order". When every column is NOT NULL and all run one way it is a
     * row comparison, which PostgreSQL turns into one index range; otherwise the expanded form, with a bound on the
     * first column that an index can start from where NULLs allow it.
     */
    private String seek(List<Sorted> order, Key after, MapSqlParameterSource params) {
        boolean lastDescending = !order.isEmpty() && order.getLast().descending();
        boolean uniform = true;
        boolean notNull = true;
        for (int i = 0; i < order.size(); i++) {
            Sorted s = order.get(i);
            params.addValue("tuopin_k" + i, after.values().get(i));
            uniform &= s.descending() == lastDescending;
            notNull &= s.column().nulls() == Nulls.NONE && after.values().get(i) != null;
        }
        params.addValue("tuopin_kid", after.id());
        if (uniform && notNull) {
            List<String> left = new ArrayList<>();
            List<String> right = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                left.add(order.get(i).column().sql());
                right.add(":tuopin_k" + i);
            }
            left.add(id);
            right.add(":tuopin_kid");
            return "(" + String.join(", ", left) + ") " + (lastDescending ? "<" : ">") + " (" + String.join(", ", right)
                    + ")";
        }
        List<String> alternatives = new ArrayList<>();
        StringBuilder equalSoFar = new StringBuilder();
        for (int i = 0; i < order.size(); i++) {
            Sorted s = order.get(i);
            String c = s.column().sql();
            String p = ":tuopin_k" + i;
            boolean isNull = after.values().get(i) == null;
            String beyond;
            if (!isNull) {
                beyond = c + (s.descending() ? " < " : " > ") + p + (s.nullsAfter() ? " or " + c + " is null" : "");
            } else {
                beyond = s.nullsAfter() ? null : c + " is not null";
            }
            if (beyond != null) {
                alternatives.add("(" + equalSoFar + "(" + beyond + "))");
            }
            equalSoFar.append(isNull ? c + " is null" : c + " = " + p).append(" and ");
        }
        alternatives.add("(" + equalSoFar + id + (lastDescending ? " < " : " > ") + ":tuopin_kid)");
        String expanded = "(" + String.join(" or ", alternatives) + ")";
        Sorted first = order.getFirst();
        boolean firstNull = after.values().getFirst() == null;
        String bound = null;
        if (!firstNull && !first.nullsAfter()) {
            bound = first.column().sql() + (first.descending() ? " <= " : " >= ") + ":tuopin_k0";
        } else if (firstNull && first.nullsAfter()) {
            bound = first.column().sql() + " is null";
        }
        return bound == null ? expanded : "(" + bound + " and " + expanded + ")";
    }

    private static Key key(ResultSet rs, int n) throws SQLException {
        List<@Nullable Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(rs.getObject("tuopin_k" + i));
        }
        return new Key(values, rs.getLong("tuopin_id"));
    }

    private static MapSqlParameterSource copy(MapSqlParameterSource params) {
        MapSqlParameterSource copy = new MapSqlParameterSource();
        for (String name : params.getParameterNames()) {
            copy.addValue(name, params.getValue(name), params.getSqlType(name));
        }
        return copy;
    }
}
