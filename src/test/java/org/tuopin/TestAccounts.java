package org.tuopin;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Accounts a test needs beside the demo ones, with the demo password (copied from the demo {@code admin}). */
public final class TestAccounts {

    private TestAccounts() {
    }

    /** Adds the account with that role, bound to the region with that code, unless it exists already. */
    public static void add(JdbcClient jdbc, String username, String role, String regionCode) {
        jdbc.sql("""
                        insert into account(username, display_name, password_hash, role, region_id)
                        select :u, :u, password_hash, :role, (select id from region where code = :r)
                        from account where username = 'admin'
                        on conflict (username) do nothing""")
                .param("u", username).param("role", role).param("r", regionCode).update();
    }
}
