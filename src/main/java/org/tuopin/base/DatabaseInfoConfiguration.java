package org.tuopin.base;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DatabaseInfoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseInfoConfiguration.class);

    /** An external database: whatever spring.datasource.url names. The password is never logged. */
    @Bean
    @ConditionalOnExpression("!'${spring.datasource.url:}'.isEmpty()")
    DatabaseInfo externalDatabaseInfo(@Value("${spring.datasource.url:}") String url) {
        return new DatabaseInfo(false, "external PostgreSQL at " + url.replaceAll("password=[^&]*", "password=***"));
    }

    @Bean
    ApplicationRunner logDatabaseInUse(DatabaseInfo info) {
        return args -> log.info("Database in use: {}", info.description());
    }
}
