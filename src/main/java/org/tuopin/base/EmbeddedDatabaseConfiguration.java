package org.tuopin.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.beans.factory.annotation.Value;
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

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${tuopin.embedded-db.dir:data/pg}") String dir,
                                      @Value("${tuopin.embedded-db.ephemeral:false}") boolean ephemeral,
                                      @Value("${tuopin.embedded-db.port:0}") int port) throws IOException {
        Path dataDir = ephemeral ? Files.createTempDirectory("tuopin-pg") : Path.of(dir).toAbsolutePath();
        Files.createDirectories(dataDir.getParent());
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(ephemeral)
                .setPort(port)
                // zonky turns durability off for speed; the application keeps PostgreSQL's default
                .setServerConfig("synchronous_commit", ephemeral ? "off" : "on")
                .setLocaleConfig("locale", "C.UTF-8")
                .start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setMaximumPoolSize(10);
        ds.setPoolName("tuopin-embedded");
        return ds;
    }

    @Bean
    DatabaseInfo databaseInfo(EmbeddedPostgres postgres, @Value("${tuopin.embedded-db.ephemeral:false}") boolean ephemeral,
                              @Value("${tuopin.embedded-db.dir:data/pg}") String dir) {
        String where = ephemeral ? "a temporary directory" : Path.of(dir).toAbsolutePath().toString();
        return new DatabaseInfo(true, "embedded PostgreSQL 17 on port " + postgres.getPort() + ", data in " + where);
    }
}
