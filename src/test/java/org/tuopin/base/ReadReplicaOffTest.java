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
        assertThat(dataSource).isInstanceOf(HikariDataSource.class);
        assertThat(((HikariDataSource) dataSource).getPoolName()).isEqualTo("tuopin-embedded");
        assertThat(context.getBeanNamesForType(ReadReplicaConfiguration.ReadReplica.class)).isEmpty();
    }
}
