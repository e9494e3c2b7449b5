package org.tuopin.base;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
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

    @Bean
    ApplicationRunner logDatabaseInUse(DatabaseInfo info) {
        return args -> log.info("Database in use: {}", info.description());
    }
}
