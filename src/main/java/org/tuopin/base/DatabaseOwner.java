package org.tuopin.base;

import javax.sql.DataSource;

/**
 * The database role that owns the schema (docs/design-decisions/DD025): Flyway migrates as it, and only work that
 * changes the schema itself (the synthetic loader's index rebuild, tests that create a table) uses it. Everything
 * else runs as the application's role, which may append to the audit trail but not change it. When a deployment
 * configures only one user, {@link #dataSource()} is the application's own pool and the trail is not protected.
 */
public record DatabaseOwner(DataSource dataSource) {
}
