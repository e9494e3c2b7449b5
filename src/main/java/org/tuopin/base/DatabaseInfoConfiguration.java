package org.tuopin.base;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

@Configuration(proxyBeanMethods = false)
class DatabaseInfoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseInfoConfiguration.class);

    /** An external database: whatever spring.datasource.url names. The password is never logged. */
    @Bean
    @ConditionalOnExpression("!'${spring.datasource.url:}'.isEmpty()")
    DatabaseInfo externalDatabaseInfo(@Value("${spring.datasource.url:}") String url) {
        return new DatabaseInfo(false, "external PostgreSQL at " + url.replaceAll("password=[^&]*", "password=***"));
    }

    /**
     * An external database's owner: {@code spring.flyway.user} and {@code spring.flyway.password} (on
     * {@code spring.flyway.url}, or the application's URL), as Boot's Flyway uses them. Without them the owner is the
     * application's own user, and {@link DatabaseRoles} warns that the audit trail is not protected.
     */
    @Bean
    @ConditionalOnExpression("!'${spring.datasource.url:}'.isEmpty()")
    DatabaseOwner externalDatabaseOwner(DataSource dataSource, @Value("${spring.datasource.url}") String url,
                                        @Value("${spring.flyway.url:}") String flywayUrl,
                                        @Value("${spring.flyway.user:}") String user,
                                        @Value("${spring.flyway.password:}") String password) {
        if (user.isBlank()) {
            return new DatabaseOwner(dataSource);
        }
        return new DatabaseOwner(new SimpleDriverDataSource(new org.postgresql.Driver(),
                flywayUrl.isBlank() ? url : flywayUrl, user, password));
    }

    /**
     * Where Boot's Flyway connects on an external database. Boot's own details take {@code spring.flyway.user}
     * without {@code spring.flyway.url} to mean "the application's URL with another user", and read that URL off the
     * application's pool, which {@link PatientDataSource} wraps so that it has none to give: the start failed with
     * "Unable to find suitable method for url" (the docker-compose set-up, which names the owner only). Here the URL
     * falls back to {@code spring.datasource.url} itself.
     */
    @Bean
    @ConditionalOnExpression("!'${spring.datasource.url:}'.isEmpty()")
    FlywayConnectionDetails ownerConnectionDetails(@Value("${spring.datasource.url}") String url,
                                                  @Value("${spring.flyway.url:}") String flywayUrl,
                                                  @Value("${spring.flyway.user:}") String user,
                                                  @Value("${spring.flyway.password:}") String password) {
        return new FlywayConnectionDetails() {
            @Override
            public @Nullable String getUsername() {
                return user.isBlank() ? null : user;
            }

            @Override
            public @Nullable String getPassword() {
                return user.isBlank() ? null : password;
            }

            @Override
            public @Nullable String getJdbcUrl() {
                if (!flywayUrl.isBlank()) {
                    return flywayUrl;
                }
                return user.isBlank() ? null : url; // no owner named: Flyway uses the application's pool
            }
        };
    }

    @Bean
    ApplicationRunner logDatabaseInUse(DatabaseInfo info) {
        return args -> log.info("Database in use: {}", info.description());
    }
}
