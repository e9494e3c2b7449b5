package org.tuopin.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Starts a real PostgreSQL 17 from a Maven jar when no {@code spring.datasource.url} is configured,
 * so that the app and its tests need nothing installed but a JDK. The data survives restarts
 * in {@code tuopin.embedded-db.dir}; with {@code tuopin.embedded-db.ephemeral=true} (the tests)
 * it lives in a temporary directory that is deleted on shutdown.
 *
 * <p>Like an external deployment, it has two roles besides the server's superuser (DD025): {@value #OWNER} owns
 * the schema and runs the migrations, {@value #APP} is the application's pool and may only append to the audit
 * trail. Both get a new random password at every start; nothing needs to remember them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
    static final String OWNER = "tuopin_owner";
    static final String APP = "tuopin_app";

    /** The two roles' passwords of this run. */
    record EmbeddedRoles(String ownerPassword, String appPassword) {
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${tuopin.embedded-db.dir:data/pg}") String dir,
                                      @Value("${tuopin.embedded-db.ephemeral:false}") boolean ephemeral,
                                      @Value("${tuopin.embedded-db.port:0}") int port) throws IOException {
        Path dataDir = ephemeral ? Files.createTempDirectory("tuopin-pg") : Path.of(dir).toAbsolutePath();
        Files.createDirectories(dataDir.getParent());
        if (!ephemeral) {
            stopOrphanedPostmaster(dataDir);
        }
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(ephemeral)
                .setPort(port)
                // zonky turns durability off for speed; the application keeps PostgreSQL's default
                .setServerConfig("synchronous_commit", ephemeral ? "off" : "on")
                // zonky starts PostgreSQL with -F (no fsync); a later -c wins, so a power cut cannot lose commits
                .setServerConfig("fsync", ephemeral ? "off" : "on")
                .setLocaleConfig("locale", "C.UTF-8")
                .start();
    }

    @Bean
    EmbeddedRoles embeddedRoles(EmbeddedPostgres postgres) throws SQLException {
        EmbeddedRoles roles = new EmbeddedRoles(password(), password());
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String[] role : new String[][]{{OWNER, roles.ownerPassword()}, {APP, roles.appPassword()}}) {
                s.execute("""
                        do $$ begin
                            if not exists (select 1 from pg_roles where rolname = '%1$s') then
                                create role %1$s login;
                            end if;
                        end $$""".formatted(role[0]));
                s.execute("alter role " + role[0] + " password '" + role[1] + "'");
            }
            // the owner creates the tables and the btree_gist extension (trusted, needs CREATE on the database)
            s.execute("grant create on database postgres to " + OWNER);
            s.execute("grant usage, create on schema public to " + OWNER);
            s.execute("revoke create on schema public from public");
            handSchemaToOwner(s);
        }
        return roles;
    }

    /**
     * A data directory from before DD025 has its tables owned by the superuser {@code postgres}: they go to
     * {@value #OWNER} once, so that its migrations may alter them. The extension's own objects stay as they are.
     */
    private static void handSchemaToOwner(Statement s) throws SQLException {
        s.execute("""
                do $$ declare r record; begin
                    for r in select c.oid::regclass as name, c.relkind from pg_class c
                             join pg_namespace n on n.oid = c.relnamespace
                             where n.nspname = 'public' and pg_get_userbyid(c.relowner) = 'postgres'
                               and c.relkind in ('r', 'p', 'v', 'm', 'S')
                               and not exists (select 1 from pg_depend d where d.objid = c.oid
                                               and d.deptype in ('a', 'i', 'e'))
                    loop
                        execute format('alter %s %s owner to OWNER_ROLE', case r.relkind when 'v' then 'view'
                            when 'm' then 'materialized view' when 'S' then 'sequence' else 'table' end, r.name);
                    end loop;
                    for r in select p.oid::regprocedure as name from pg_proc p
                             join pg_namespace n on n.oid = p.pronamespace
                             where n.nspname = 'public' and pg_get_userbyid(p.proowner) = 'postgres'
                               and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
                    loop
                        execute format('alter routine %s owner to OWNER_ROLE', r.name);
                    end loop;
                end $$""".replace("OWNER_ROLE", OWNER));
    }

    private static String password() {
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** Flyway and schema work connect as the owner, one connection at a time and only now and then. */
    @Bean
    DatabaseOwner databaseOwner(EmbeddedPostgres postgres, EmbeddedRoles roles) {
        return new DatabaseOwner(new SimpleDriverDataSource(new org.postgresql.Driver(), url(postgres), OWNER,
                roles.ownerPassword()));
    }

    /** Without a user in the URL, which would win over the pool's user. */
    private static String url(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    /**
     * The pool takes its size and time-outs from {@code spring.datasource.hikari.*} (application.properties), as
     * Boot's own pool for an external database does, so that both are tuned in one place.
     */
    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedRoles roles) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url(postgres));
        ds.setUsername(APP);
        ds.setPassword(roles.appPassword());
        ds.setPoolName("tuopin-embedded");
        return ds;
    }

    @Bean
    DatabaseInfo databaseInfo(EmbeddedPostgres postgres, @Value("${tuopin.embedded-db.ephemeral:false}") boolean ephemeral,
                              @Value("${tuopin.embedded-db.dir:data/pg}") String dir) {
        String where = ephemeral ? "a temporary directory" : Path.of(dir).toAbsolutePath().toString();
        return new DatabaseInfo(true, "embedded PostgreSQL 17 on port " + postgres.getPort() + ", data in " + where);
    }

    /**
     * An application killed with SIGKILL (or whose JVM died) leaves its PostgreSQL running, since pg_ctl
     * detaches it: the next start on the same data directory would then fail. Such an orphan is asked to shut
     * down fast (SIGINT: open transactions roll back, committed ones stay) before a new server starts. A
     * {@code postmaster.pid} of a process that is gone is left to PostgreSQL, which recovers from its WAL.
     */
    static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        } catch (RuntimeException e) {
            return;
        }
        ProcessHandle postmaster = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElse(null);
        // only a PostgreSQL server of this very data directory, never a process that happens to reuse the pid
        if (postmaster == null || !postmaster.info().commandLine().orElse("").contains(dataDir.toString())) {
            return;
        }
        LOG.warn("A PostgreSQL server (pid {}) left behind by an earlier run still holds {}: stopping it", pid, dataDir);
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(pid)).inheritIO().start().waitFor();
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping PostgreSQL " + pid, e);
        } catch (ExecutionException | TimeoutException e) {
            postmaster.destroyForcibly();
            throw new IOException("PostgreSQL " + pid + " of " + dataDir + " did not stop within 30 s", e);
        }
    }
}
