package org.tuopin.base;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Reads of read-only transactions from a PostgreSQL streaming replica, off unless
 * {@code tuopin.datasource.replica.url} is set (docs/design-decisions/DD015-read-replica.md).
 *
 * <p>The application's one {@code DataSource} (the embedded database's pool or Boot's pool for
 * {@code spring.datasource.url}) is wrapped in a {@link LazyConnectionDataSourceProxy} whose read-only data source is
 * a second Hikari pool on the replica. The proxy hands out a connection that fetches a real one only at the first
 * statement: by then the transaction manager has said whether the transaction is read-only
 * ({@code @Transactional(readOnly = true)}), and the proxy takes the connection from the replica if it is, from the
 * primary otherwise. Everything outside a read-only transaction, so every write, the audit entries written in
 * {@code REQUIRES_NEW} transactions, Flyway and Hibernate's start-up, uses the primary.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tuopin.datasource.replica.url")
class ReadReplicaConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ReadReplicaConfiguration.class);

    /**
     * Where the replica is and how many connections to it a node may hold. {@code connectionTimeout} in
     * milliseconds, as for the primary: a replica that is gone is reported as "database unavailable" in 5 s.
     */
    record ReplicaSettings(String url, @Nullable String username, @Nullable String password,
                           @DefaultValue("10") int maximumPoolSize, @DefaultValue("5000") long connectionTimeout) {
    }

    /** The replica's pool: its own bean (not a {@code DataSource}, which would stop Boot from making the primary's). */
    static final class ReadReplica implements AutoCloseable {

        final HikariDataSource pool;

        ReadReplica(ReplicaSettings settings) {
            pool = new HikariDataSource();
            pool.setPoolName("tuopin-replica");
            pool.setJdbcUrl(settings.url());
            pool.setUsername(settings.username());
            pool.setPassword(settings.password());
            pool.setMaximumPoolSize(settings.maximumPoolSize());
            pool.setConnectionTimeout(settings.connectionTimeout());
            // a second fence: a write that strayed here fails even on a server that would take it
            pool.setReadOnly(true);
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    @Bean(destroyMethod = "close")
    static ReadReplica readReplica(Environment environment) {
        ReplicaSettings settings = Binder.get(environment).bind("tuopin.datasource.replica", ReplicaSettings.class)
                .get();
        ReadReplica replica = new ReadReplica(settings);
        LOG.info("Read-only transactions read from the replica at {} (pool of {})",
                settings.url().replaceAll("password=[^&]*", "password=***"), replica.pool.getMaximumPoolSize());
        return replica;
    }

    /** Wraps the primary's pool; static, so that it exists before the data source it post-processes. */
    @Bean
    static BeanPostProcessor readReplicaRouting(ObjectProvider<ReadReplica> replica, Environment environment) {
        Duration busyWait = PatientDataSourceConfiguration.busyWait(environment);
        // last of the post-processors: the primary is already a PatientDataSource, and the replica gets one too
        final class Routing implements BeanPostProcessor, Ordered {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource primary && !(bean instanceof LazyConnectionDataSourceProxy)) {
                    LazyConnectionDataSourceProxy routing = new LazyConnectionDataSourceProxy(primary);
                    routing.setReadOnlyDataSource(new PatientDataSource(replica.getObject().pool, busyWait));
                    return routing;
                }
                return bean;
            }

            @Override
            public int getOrder() {
                return Ordered.LOWEST_PRECEDENCE;
            }
        }
        return new Routing();
    }
}
