package org.tuopin.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

/**
 * Starts a real PostgreSQL 17 from a Maven jar when no {@code spring.datasource.url} is configured,
 * so that the app and its tests need nothing installed but a JDK. The data survives restarts
 * in {@code tuopin.embedded-db.dir}; with {@code tuopin.embedded-db.ephemeral=true} (the tests)
 * it lives in a temporary directory that is deleted on shutdown.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

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

    /**
     * The pool takes its size and time-outs from {@code spring.datasource.hikari.*} (application.properties), as
     * Boot's own pool for an external database does, so that both are tuned in one place.
     */
    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
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
