package org.tuopin.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.audit.AuditQueryService;
import org.tuopin.audit.AuditQueryService.AuditFilter;
import org.tuopin.audit.AuditQueryService.AuditRow;
import org.tuopin.audit.FieldChange;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;
import org.tuopin.dashboard.ChartData;
import org.tuopin.dashboard.DashboardService;
import org.tuopin.pairing.PairingService.Pairing;

/**
 * Withdrawing a pairing record entered by mistake: it leaves the grid, its totals and the dashboard's sums, the
 * audit trail keeps its last values and the reason, and everything refused leaves it in place. No test
 * transaction: refusals must roll back on their own; the records made here are removed afterwards.
 */
@TuopinTest
class PairingWithdrawalTest {

    @Autowired
    PairingService pairings;
    @Autowired
    DashboardService dashboard;
    @Autowired
    AuditQueryService audit;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void removeTestRecords() {
        SecurityContextHolder.clearContext();
        jdbc.sql("delete from pairing where donor like 'Test %'").update();
    }

    private <T> T as(String username, Supplier<T> action) {
        return SignIn.as(users, username, action);
    }

    private void as(String username, Runnable action) {
        as(username, () -> {
            action.run();
            return null;
        });
    }

    static PairingInput record(String donor, String recipient, long pledged, long delivered) {
        return new PairingInput(donor, DonorType.EAST_WEST_PROVINCE, recipient, 2019, BigDecimal.valueOf(pledged),
                BigDecimal.valueOf(delivered), 12, 3400L, "Liangshan office 2020", null);
    }

    boolean stored(long id) {
        return jdbc.sql("select count(*) from pairing where id = :id").param("id", id).query(Long.class).single() == 1;
    }

    long entries(String action, long id) {
        return jdbc.sql("""
                        select count(*) from audit_entry where action = :action and entity_type = 'pairing'
                          and entity_id = :id""").param("action", action).param("id", String.valueOf(id))
                .query(Long.class).single();
    }

    /** The dashboard's east-west sum of 2019 in the series (PLEDGED or DELIVERED), zero when there is none. */
    BigDecimal eastWest2019(String series) {
        ChartData chart = dashboard.pairingFundsByDonorType(2019);
        int at = chart.categories().stream().map(ChartData.Category::code).toList()
                .indexOf(DonorType.EAST_WEST_PROVINCE.name());
        if (at < 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal value = chart.series().stream().filter(s -> s.code().equals(series)).findFirst().orElseThrow()
                .values().get(at);
        return value == null ? BigDecimal.ZERO : value;
    }

    @Test
    void aClerkWithdrawsAMistakenRecordAndTheSumsAndTheDashboardDropByItsAmounts() {
        Pairing kept = as("clerk.liangshan", () -> pairings.create(record("Test Foshan City", "513431", 50_000_000,
                42_000_000)));
        BigDecimal pledgedBefore = as("auditor", () -> eastWest2019("PLEDGED"));
        BigDecimal deliveredBefore = as("auditor", () -> eastWest2019("DELIVERED"));
        long recordsBefore = as("auditor", () -> pairings.totalsByDonorType(PairingFilter.none()).stream()
                .filter(t -> t.key().equals("EAST_WEST_PROVINCE")).findFirst().orElseThrow().records());
        Pairing mistaken = as("clerk.liangshan", () -> pairings.create(record("Test Guangzhou City", "513431",
                7_000_000, 6_500_000)));
        assertThat(as("auditor", () -> eastWest2019("DELIVERED"))).isEqualByComparingTo(
                deliveredBefore.add(BigDecimal.valueOf(6_500_000)));

        as("clerk.liangshan", () -> pairings.withdraw(mistaken.id(), mistaken.version(),
                " Entered for Zhaojue; Guangzhou pairs with another county "));

        as("clerk.liangshan", () -> {
            assertThat(pairings.find(PairingFilter.none(), List.of(), 0, 50)).extracting(Pairing::id)
                    .containsExactly(kept.id());
            assertThat(pairings.page(PairingFilter.none(), List.of(), null, 0, 50).rows()).extracting(Pairing::id)
                    .containsExactly(kept.id());
            assertThat(pairings.count(PairingFilter.none())).isEqualTo(1);
            assertThat(pairings.totalsByDonorType(PairingFilter.none())).singleElement().satisfies(t -> {
                assertThat(t.records()).isEqualTo(1);
                assertThat(t.fundsPledgedRmb()).isEqualTo(50_000_000L);
                assertThat(t.fundsDeliveredRmb()).isEqualTo(42_000_000L);
            });
            assertThatThrownBy(() -> pairings.get(mistaken.id())).isInstanceOf(NotFoundException.class);
        });
        as("auditor", () -> {
            assertThat(eastWest2019("PLEDGED")).isEqualByComparingTo(pledgedBefore);
            assertThat(eastWest2019("DELIVERED")).isEqualByComparingTo(deliveredBefore);
            assertThat(pairings.totalsByDonorType(PairingFilter.none()).stream()
                    .filter(t -> t.key().equals("EAST_WEST_PROVINCE")).findFirst().orElseThrow().records())
                    .isEqualTo(recordsBefore);
        });

        List<AuditRow> history = as("auditor", () -> audit.find(
                AuditFilter.history(PairingService.ENTITY_TYPE, String.valueOf(mistaken.id())), 0, 10));
        assertThat(history).extracting(r -> r.action().name()).containsExactly("DELETE", "CREATE");
        AuditRow deletion = history.getFirst();
        assertThat(deletion.account()).isEqualTo("clerk.liangshan");
        assertThat(deletion.regionCode()).isEqualTo("513431");
        assertThat(deletion.reason()).isEqualTo("Entered for Zhaojue; Guangzhou pairs with another county");
        assertThat(deletion.changes()).containsExactly(
                new FieldChange("donor", "Test Guangzhou City", null),
                new FieldChange("donor_type", "EAST_WEST_PROVINCE", null),
                new FieldChange("recipient_code", "513431", null),
                new FieldChange("year", "2019", null),
                new FieldChange("funds_pledged_rmb", "7000000", null),
                new FieldChange("funds_delivered_rmb", "6500000", null),
                new FieldChange("projects", "12", null),
                new FieldChange("people_helped", "3400", null),
                new FieldChange("source", "Liangshan office 2020", null));
        // Sichuan's supervisor reads what was removed and why; Nujiang's clerk does not
        assertThat(as("supervisor.sichuan", () -> audit.find(
                AuditFilter.history(PairingService.ENTITY_TYPE, String.valueOf(mistaken.id())), 0, 10)).getFirst()
                .reason()).isEqualTo(deletion.reason());
        assertThat(as("clerk.nujiang", () -> audit.count(
                AuditFilter.history(PairingService.ENTITY_TYPE, String.valueOf(mistaken.id()))))).isZero();
    }

    @Test
    void aBlankOrOverlongReasonIsRefusedAndNothingIsWithdrawn() {
        Pairing created = as("clerk.liangshan", () -> pairings.create(record("Test Foshan City", "513431", 10, 5)));
        for (String blank : new String[]{null, "", "  \t "}) {
            assertThatThrownBy(() -> as("clerk.liangshan", () -> pairings.withdraw(created.id(), created.version(),
                    blank))).isInstanceOfSatisfying(UserError.class,
                    e -> assertThat(e.messageKey()).isEqualTo("withdraw.error.reasonMissing"));
        }
        assertThatThrownBy(() -> as("clerk.liangshan", () -> pairings.withdraw(created.id(), created.version(),
                "z".repeat(1001)))).isInstanceOfSatisfying(UserError.class,
                e -> assertThat(e.messageKey()).isEqualTo("withdraw.error.reasonTooLong"));
        assertThat(stored(created.id())).isTrue();
        assertThat(entries("DELETE", created.id())).isZero();
    }

    @Test
    void aStaleVersionIsRefusedLikeAStaleEditAndTheRefusalIsAudited() {
        Pairing created = as("clerk.liangshan", () -> pairings.create(record("Test Foshan City", "513431", 10, 5)));
        Pairing changed = as("clerk.liangshan", () -> pairings.update(created.id(), created.version(),
                record("Test Foshan City", "513431", 10, 8)));
        assertThatThrownBy(() -> as("clerk.liangshan", () -> pairings.withdraw(created.id(), created.version(),
                "duplicate"))).isInstanceOf(ObjectOptimisticLockingFailureException.class);
        assertThat(as("auditor", () -> pairings.get(created.id()))).isEqualTo(changed);
        assertThat(entries("DELETE", created.id())).isZero();
        assertThat(entries("STALE_REFUSED", created.id())).isEqualTo(1);
        as("clerk.liangshan", () -> pairings.withdraw(created.id(), changed.version(), "duplicate"));
        assertThat(stored(created.id())).isFalse();
    }

    @Test
    void aRecordOutsideTheClerksScopeIsNotFoundExactlyLikeAMissingOne() {
        Pairing nujiang = as("clerk.nujiang", () -> pairings.create(record("Test Zhuhai City", "533300", 10, 5)));
        assertThatThrownBy(() -> as("clerk.liangshan", () -> pairings.withdraw(nujiang.id(), nujiang.version(),
                "not ours"))).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.what()).isEqualTo("Pairing " + nujiang.id()));
        assertThatThrownBy(() -> as("clerk.liangshan", () -> pairings.withdraw(Long.MAX_VALUE, 0, "not ours")))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.what()).isEqualTo("Pairing " + Long.MAX_VALUE));
        assertThat(stored(nujiang.id())).isTrue();
        assertThat(entries("DELETE", nujiang.id())).isZero();
        assertThat(entries("STALE_REFUSED", nujiang.id())).as("not even the version is compared").isZero();
    }

    @Test
    void readersAreDenied() {
        Pairing created = as("clerk.liangshan", () -> pairings.create(record("Test Foshan City", "513431", 10, 5)));
        for (String reader : List.of("supervisor.sichuan", "supervisor", "auditor", "admin")) {
            assertThatThrownBy(() -> as(reader, () -> pairings.withdraw(created.id(), created.version(),
                    "not mine to withdraw"))).as(reader).isInstanceOf(AccessDeniedException.class);
        }
        assertThat(stored(created.id())).isTrue();
        assertThat(entries("DELETE", created.id())).isZero();
    }
}
