package org.tuopin.base;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.tuopin.TuopinTest;

/** Without {@code tuopin.datasource.replica.url} nothing changes: one pool, the primary's, used as it is. */
@TuopinTest
class ReadReplicaOffTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    DataSource dataSource;

    @Test
    void withoutAReplicaTheApplicationHasOnePoolOnThePrimary() {
        assertThat(context.getBeansOfType(DataSource.class)).hasSize(1);
        // the embedded pool, behind the wait for a busy pool (PatientDataSource) and nothing else: no routing
        assertThat(dataSource).isInstanceOf(PatientDataSource.class);
        assertThat(((PatientDataSource) dataSource).getTargetDataSource()).isInstanceOfSatisfying(
                HikariDataSource.class, pool -> assertThat(pool.getPoolName()).isEqualTo("tuopin-embedded"));
        assertThat(context.getBeanNamesForType(ReadReplicaConfiguration.ReadReplica.class)).isEmpty();
    }
}
