package org.tuopin.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.base.SortKey;
import org.tuopin.pairing.PairingService.Pairing;

/**
 * The record's copy of its recipient region's path (V13, docs/design-decisions/DD008): written by the service on
 * create and update, kept equal to the region's own path by the database, and followed when a region's path changes,
 * so that the scoped grid, which reads the copy, still finds the record. No test transaction: the records and the
 * changed region are put back afterwards.
 */
@TuopinTest
class PairingRecipientPathTest {

    private static final String ZHAOJUE = "513431";
    private static final String BUTUO = "513429";

    @Autowired
    PairingService pairings;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void removeTestRecords() {
        SecurityContextHolder.clearContext();
        jdbc.sql("delete from pairing where donor like 'Test path %'").update();
    }

    private <T> T as(String username, Supplier<T> action) {
        return SignIn.as(users, username, action);
    }

    private static PairingInput input(String donor, String recipient) {
        return new PairingInput(donor, DonorType.CENTRAL_UNIT, recipient, 2019, new BigDecimal("3000000"),
                new BigDecimal("2500000"), 3, 800L, "Liangshan office 2020", null);
    }

    private String regionPath(String code) {
        return jdbc.sql("select path from region where code = :code").param("code", code).query(String.class).single();
    }

    private String recordPath(long id) {
        return jdbc.sql("select recipient_path from pairing where id = :id").param("id", id).query(String.class)
                .single();
    }

    @Test
    void createAndUpdateWriteTheRecipientsPath() {
        Pairing created = as("clerk.liangshan", () -> pairings.create(input("Test path donor", ZHAOJUE)));
        assertThat(recordPath(created.id())).isEqualTo(regionPath(ZHAOJUE)).isEqualTo("CN/510000/513400/513431/");

        // moved to another county: the path moves with it, and the grid filtered by either county says so
        Pairing moved = as("clerk.liangshan", () -> pairings.update(created.id(), created.version(),
                input("Test path donor", BUTUO)));
        assertThat(moved.recipientCode()).isEqualTo(BUTUO);
        assertThat(recordPath(created.id())).isEqualTo(regionPath(BUTUO));
        assertThat(as("clerk.liangshan", () -> pairings.page(new PairingFilter(BUTUO, null, 2019), List.of(), null, 0,
                50).rows())).extracting(Pairing::id).contains(created.id());
        assertThat(as("clerk.liangshan", () -> pairings.page(new PairingFilter(ZHAOJUE, null, 2019), List.of(), null,
                0, 50).rows())).extracting(Pairing::id).doesNotContain(created.id());
    }

    @Test
    void theDatabaseRefusesAPathThatIsNotTheRegions() {
        Pairing created = as("clerk.liangshan", () -> pairings.create(input("Test path refused", ZHAOJUE)));
        // another region's path, a path of no region, and a record written without one
        for (String wrong : List.of(regionPath(BUTUO), "CN/510000/513400/999999/")) {
            assertThatThrownBy(() -> jdbc.sql("update pairing set recipient_path = :path where id = :id")
                    .param("path", wrong).param("id", created.id()).update()).as(wrong)
                    .isInstanceOf(DataIntegrityViolationException.class);
        }
        assertThatThrownBy(() -> jdbc.sql("""
                insert into pairing(donor, donor_type, recipient_region_id, year, source)
                values ('Test path missing', 'CENTRAL_UNIT', (select id from region where code = :code), 2019, 's')""")
                .param("code", ZHAOJUE).update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(recordPath(created.id())).isEqualTo(regionPath(ZHAOJUE));
    }

    @Test
    void aRegionWhosePathChangesTakesItsRecordsAlongAndTheScopedGridStillFindsThem() {
        Pairing created = as("clerk.liangshan", () -> pairings.create(input("Test path recoded", ZHAOJUE)));
        String before = regionPath(ZHAOJUE);
        // the application never changes a path; a county given a new code by the state council would
        String recoded = "513499";
        jdbc.sql("update region set code = :recoded, path = :path where code = :code").param("recoded", recoded)
                .param("path", "CN/510000/513400/" + recoded + "/").param("code", ZHAOJUE).update();
        try {
            assertThat(recordPath(created.id())).isEqualTo("CN/510000/513400/513499/");

            // the office's grid, filtered by the new code, by the prefecture, and unfiltered in the default order
            List<Pairing> byCounty = as("clerk.liangshan", () -> pairings.page(new PairingFilter(recoded, null, null),
                    List.of(), null, 0, 50).rows());
            assertThat(byCounty).extracting(Pairing::id).contains(created.id());
            assertThat(byCounty).filteredOn(p -> p.id() == created.id()).singleElement()
                    .extracting(Pairing::recipientCode).isEqualTo(recoded);
            assertThat(as("clerk.liangshan", () -> pairings.page(new PairingFilter("513400", DonorType.CENTRAL_UNIT,
                    2019), List.of(new SortKey("recipient", true)), null, 0, 500).rows()))
                    .extracting(Pairing::id).contains(created.id());
            // a jump deep into the national grid skips on the records alone, and still counts the moved one
            PairingFilter central2019 = new PairingFilter(null, DonorType.CENTRAL_UNIT, 2019);
            int total = as("auditor", () -> pairings.count(central2019));
            List<Long> all = as("auditor", () -> pairings.page(central2019, List.of(new SortKey("recipient", false)),
                    null, 0, total).rows()).stream().map(Pairing::id).toList();
            int at = all.indexOf(created.id());
            assertThat(at).isNotNegative();
            assertThat(as("auditor", () -> pairings.page(central2019, List.of(new SortKey("recipient", false)), null,
                    at, 1).rows())).extracting(Pairing::id).containsExactly(created.id());
            // and the office of another prefecture still does not see it
            assertThat(as("clerk.nujiang", () -> pairings.page(PairingFilter.none(), List.of(), null, 0, 500).rows()))
                    .extracting(Pairing::id).doesNotContain(created.id());
        } finally {
            jdbc.sql("update region set code = :code, path = :path where code = :recoded").param("code", ZHAOJUE)
                    .param("path", before).param("recoded", recoded).update();
        }
        assertThat(recordPath(created.id())).isEqualTo(before);
    }
}
