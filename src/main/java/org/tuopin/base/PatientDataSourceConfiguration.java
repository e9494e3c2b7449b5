package org.tuopin.base;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Every Hikari pool of the application, the embedded database's or Boot's for an external one, is handed out
 * through a {@link PatientDataSource}: a request waits up to {@code tuopin.database.busy-wait} (default 30 s) for a
 * connection while the others are busy, and only the pool's own 5 s time-out for a database that is down.
 */
@Configuration(proxyBeanMethods = false)
class PatientDataSourceConfiguration {

    @Bean
    static BeanPostProcessor patientDataSources(Environment environment) {
        Duration busyWait = busyWait(environment);
        // first of the post-processors, so that the read replica's routing (ReadReplicaConfiguration) wraps the
        // patient pool rather than hiding the Hikari pool from this one
        final class Patient implements BeanPostProcessor, PriorityOrdered {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof HikariDataSource pool ? new PatientDataSource(pool, busyWait) : bean;
            }

            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE;
            }
        }
        return new Patient();
    }

    /** How long a request waits for a connection of a busy pool: {@code tuopin.database.busy-wait}, 30 s by default. */
    static Duration busyWait(Environment environment) {
        return Binder.get(environment).bind("tuopin.database.busy-wait", Duration.class).orElse(Duration.ofSeconds(30));
    }
}
