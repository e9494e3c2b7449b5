package org.tuopin.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;
import org.tuopin.TuopinTest;
import org.tuopin.base.SortKey;

/**
 * The grid at national scale: 120,000 pairing rows (inside a transaction that is rolled back), filtered, counted,
 * sorted and summed in the database from indexes that match the filters.
 */
@TuopinTest
class PairingScaleTest {

    static final int ROWS = 120_000;

    @Autowired
    PairingService pairings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    UserDetailsService users;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void filtersSortsAndTotalsStayFastAndUseTheIndexes() {
        var auditor = users.loadUserByUsername("auditor");
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(auditor, null, auditor.getAuthorities()));
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql("""
                    insert into pairing(donor, donor_type, recipient_region_id, recipient_path, year,
                                        funds_pledged_rmb, funds_delivered_rmb, projects, people_helped, source)
                    select 'Scale donor ' || g,
                           (array['EAST_WEST_PROVINCE', 'CENTRAL_UNIT', 'STATE_OWNED_ENTERPRISE', 'PRIVATE_ENTERPRISE',
                                  'ENTERPRISE', 'SOCIAL_ORGANISATION', 'MILITARY'])[1 + g % 7],
                           r.id, r.path, 2013 + (g / 7) % 8, 1000000 + g, 900000 + g, g % 50, g % 1000, 'scale test'
                    from generate_series(1, :rows) g
                    join (select id, path, row_number() over (order by id) - 1 as n from region) r
                      on r.n = g % (select count(*) from region)""").param("rows", ROWS).update();
            jdbc.sql("analyze pairing").update();
            jdbc.sql("analyze region").update();

            PairingFilter typeAndYear = new PairingFilter(null, DonorType.CENTRAL_UNIT, 2019);
            assertThat(timed(() -> pairings.count(PairingFilter.none()))).isEqualTo(ROWS + 14);
            int expected = ROWS / 7 / 8;
            assertThat(timed(() -> pairings.count(typeAndYear))).isBetween(expected - 10, expected + 10);
            List<PairingService.Pairing> page = timed(() -> pairings.find(typeAndYear,
                    List.of(new SortKey("delivered", true)), 1000, 50));
            assertThat(page).hasSize(50).allSatisfy(p -> {
                assertThat(p.year()).isEqualTo(2019);
                assertThat(p.donorType()).isEqualTo(DonorType.CENTRAL_UNIT);
            });
            assertThat(page.getFirst().fundsDeliveredRmb()).isGreaterThan(page.getLast().fundsDeliveredRmb());
            assertThat(timed(() -> pairings.find(new PairingFilter("650000", null, null), List.of(), 5000, 50)))
                    .hasSize(50).allSatisfy(p -> assertThat(p.recipientCode()).startsWith("65"));
            assertThat(timed(() -> pairings.totalsByDonorType(new PairingFilter(null, null, 2016)))).hasSize(7);
            assertThat(timed(() -> pairings.totalsByRecipient(PairingFilter.none(), 0, 50))).isNotEmpty();

            // selective filters are answered from the indexes made for them, not by reading the whole table
            assertThat(plan("p.recipient_path like 'CN/%'", "p.donor_type = 'CENTRAL_UNIT' and p.year = 2019"))
                    .doesNotContain("Seq Scan on pairing");
            assertThat(plan("p.recipient_path like 'CN/650000/653100/%'", "true"))
                    .doesNotContain("Seq Scan on pairing");
            assertThat(plan("p.recipient_path like 'CN/%'", "p.donor_type = 'MILITARY'"))
                    .doesNotContain("Seq Scan on pairing");
        });
    }

    /** The query plan of the grid's count for a filter: on the records alone, which carry the recipient's path. */
    private String plan(String scope, String condition) {
        return String.join("\n", jdbc.sql("explain select count(*) from pairing p where " + scope + " and "
                + condition).query(String.class).list());
    }

    /** Runs a grid query and prints how long it took (speed is measured by the benchmark, not asserted here). */
    private static <T> T timed(Supplier<T> query) {
        long start = System.nanoTime();
        T result = query.get();
        System.out.printf("grid query over %d rows: %d ms%n", ROWS, (System.nanoTime() - start) / 1_000_000);
        return result;
    }
}
