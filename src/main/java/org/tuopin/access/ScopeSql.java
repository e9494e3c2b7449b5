package org.tuopin.access;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.tuopin.base.Listing;

/**
 * SQL fragments that put a query inside a {@link Scope}. They expect the parameter {@code :scope}
 * bound to {@code scope.path() + "%"}, and the aliases named in each fragment's comment.
 */
public final class ScopeSql {

    /**
     * Something owned by a region ({@code r}) or a group ({@code g}) lies in scope when the region is
     * under the scope path, or when every member of the group is.
     */
    public static final String OWNER_IN_SCOPE = """
            (r.path like :scope or (g.id is not null and not exists (
                select 1 from region_group_member m join region mr on mr.id = m.region_id
                where m.group_id = g.id and mr.path not like :scope)))
            """;

    /**
     * The groups in scope (every member under {@code :scope}), for {@link #OWNER_IN_SCOPE_GROUPS_GIVEN}: a query
     * asked once instead of a subquery per row, which keeps PostgreSQL from running the big query in parallel.
     */
    public static final String GROUPS_IN_SCOPE = """
            select g.id from region_group g where not exists (
                select 1 from region_group_member m join region mr on mr.id = m.region_id
                where m.group_id = g.id and mr.path not like :scope)
            """;

    /** {@link #OWNER_IN_SCOPE} with the groups in scope given as {@code :groups}, an array of their ids. */
    public static final String OWNER_IN_SCOPE_GROUPS_GIVEN = """
            (r.path like :scope or g.id = any(cast(:groups as bigint[])))
            """;

    /**
     * True while the account {@code :heldAccount} is enabled with the role {@code :heldRole} and its region's path
     * is {@code :heldPath}: the condition that makes a read with a remembered scope safe
     * ({@link CurrentScope#guarded}). PostgreSQL evaluates it once per statement, by primary key.
     */
    public static final String HELD = """
            exists (select 1 from account held_a join region held_r on held_r.id = held_a.region_id
                    where held_a.id = :heldAccount and held_a.enabled and held_a.role = :heldRole
                      and held_r.path = :heldPath)
            """;

    private ScopeSql() {
    }

    /** The listing's where clause (which starts with " where") and {@link #HELD} for the given scope. */
    public static Listing.Where held(Listing.Where where, Scope scope) {
        MapSqlParameterSource params = new MapSqlParameterSource(where.params().getValues())
                .addValue("heldAccount", scope.accountId()).addValue("heldRole", scope.role().name())
                .addValue("heldPath", scope.path());
        return new Listing.Where(where.sql() + " and " + HELD, params);
    }

    public static String param(Scope scope) {
        return scope.path() + "%";
    }
}
