package org.tuopin.audit;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/** The chain verification on any database, for tests that fill a database of their own. */
public final class AuditChains {

    private AuditChains() {
    }

    public static AuditVerification.Result verify(DataSource dataSource) {
        return new AuditVerification(new JdbcTemplate(dataSource)).verify();
    }
}
