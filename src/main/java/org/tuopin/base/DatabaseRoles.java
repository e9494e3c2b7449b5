package org.tuopin.base;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flyway migrates as the schema's owner; after every migration (also when there was nothing to migrate) the owner
 * gives the application's role what it needs on every table and sequence, and less on the audit trail: on
 * {@code audit_entry} only select and insert, on {@code audit_head} only select and update (docs/design-decisions/
 * DD025). Tables of later migrations get the same rights from the default privileges and from the next start.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseRoles {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRoles.class);

    @Bean
    FlywayConfigurationCustomizer migrateAsOwner(DatabaseOwner owner) {
        return configuration -> configuration.dataSource(owner.dataSource());
    }

    @Bean
    Callback grantApplicationRole(ObjectProvider<DataSource> application) {
        return new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.AFTER_MIGRATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                try {
                    grant(context.getConnection(), currentUser(application.getObject()));
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not grant the application's role its rights: "
                            + e.getMessage(), e);
                }
            }

            @Override
            public String getCallbackName() {
                return "tuopin-application-role";
            }
        };
    }

    private static String currentUser(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void grant(Connection owner, String app) throws SQLException {
        try (Statement s = owner.createStatement()) {
            String me;
            int version;
            boolean superuser;
            try (ResultSet rs = s.executeQuery("select current_user, current_setting('server_version_num')::int, "
                    + "(select rolsuper from pg_roles where rolname = current_user)")) {
                rs.next();
                me = rs.getString(1);
                version = rs.getInt(2);
                superuser = rs.getBoolean(3);
            }
            if (me.equals(app)) {
                LOG.warn("The application connects to the database as the schema's owner ({}): it could change or "
                        + "delete audit entries. Give Flyway the owner (spring.flyway.user / spring.flyway.password) "
                        + "and the application a role of its own (docs/deployment.md, DD025).", me);
                return;
            }
            String role = quoted(s, app);
            // MAINTAIN (PostgreSQL 17) lets the app's role analyse the tables it loads; older servers skip it
            String maintain = version >= 170000 ? ", maintain" : "";
            s.execute("grant usage on schema public to " + role);
            s.execute("grant select, insert, update, delete" + maintain + " on all tables in schema public to " + role);
            s.execute("grant usage, select, update on all sequences in schema public to " + role);
            s.execute("alter default privileges in schema public grant select, insert, update, delete" + maintain
                    + " on tables to " + role);
            s.execute("alter default privileges in schema public grant usage, select, update on sequences to " + role);
            s.execute("revoke all on audit_entry from " + role);
            s.execute("grant select, insert on audit_entry to " + role);
            s.execute("revoke all on audit_head from " + role);
            s.execute("grant select, update on audit_head to " + role);
            s.execute("revoke all on flyway_schema_history from " + role);
            s.execute("grant select on flyway_schema_history to " + role);
            if (superuser) {
                LOG.warn("Flyway runs as a superuser ({}); the application's role {} is restricted, but the tables "
                        + "belong to whoever created them.", me, app);
            }
            LOG.info("The application's role {} may append to the audit trail but not change it (owner {})", app, me);
        }
    }

    private static String quoted(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("select quote_ident('" + name.replace("'", "''") + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
