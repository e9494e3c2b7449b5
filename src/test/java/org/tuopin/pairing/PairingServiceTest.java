package org.tuopin.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.audit.AuditQueryService;
import org.tuopin.audit.AuditQueryService.AuditFilter;
import org.tuopin.audit.AuditQueryService.AuditRow;
import org.tuopin.audit.FieldChange;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.SortKey;
import org.tuopin.base.UserError;
import org.tuopin.pairing.PairingService.Pairing;

/**
 * The pairing records through the service: checks, totals, scope, edits and their audit trail. No test
 * transaction: a refused save must leave nothing behind on its own, as in the running application; the
 * records made here are removed afterwards.
 */
@TuopinTest
class PairingServiceTest {

    @Autowired
    PairingService pairings;
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

    /** A valid record for Zhaojue County in Liangshan. */
    static PairingInput zhaojue() {
        return new PairingInput("Test Foshan City", DonorType.EAST_WEST_PROVINCE, "513431", 2019,
                new BigDecimal("50000000"), new BigDecimal("42000000"), 12, 3400L, "Liangshan office 2020", null);
    }

    static PairingInput with(UnaryOperator<List<Object>> change) {
        PairingInput base = zhaojue();
        List<Object> f = new ArrayList<>(java.util.Arrays.asList(base.donor(), base.donorType(), base.recipientCode(),
                base.year(), base.fundsPledgedRmb(), base.fundsDeliveredRmb(), base.projects(), base.peopleHelped(),
                base.source(), base.note()));
        f = change.apply(f);
        return new PairingInput((String) f.get(0), (DonorType) f.get(1), (String) f.get(2), (Integer) f.get(3),
                (BigDecimal) f.get(4), (BigDecimal) f.get(5), (Integer) f.get(6), (Long) f.get(7), (String) f.get(8),
                (String) f.get(9));
    }

    static UnaryOperator<List<Object>> set(int index, Object value) {
        return f -> {
            f.set(index, value);
            return f;
        };
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("no donor", with(set(0, "  ")), "pairing.error.donor"),
                Arguments.of("donor too long", with(set(0, "Test " + "x".repeat(300))), "pairing.error.donor"),
                Arguments.of("no donor type", with(set(1, null)), "pairing.error.donorType"),
                Arguments.of("no recipient", with(set(2, "")), "pairing.error.recipient"),
                Arguments.of("year before 2013", with(set(3, 2012)), "pairing.error.year"),
                Arguments.of("year after 2020", with(set(3, 2021)), "pairing.error.year"),
                Arguments.of("no year", with(set(3, null)), "pairing.error.year"),
                Arguments.of("pledge with fen", with(set(4, new BigDecimal("100.50"))), "pairing.error.funds"),
                Arguments.of("negative delivery", with(set(5, new BigDecimal("-1"))), "pairing.error.funds"),
                Arguments.of("negative projects", with(set(6, -1)), "pairing.error.negative"),
                Arguments.of("negative people", with(set(7, -5L)), "pairing.error.negative"),
                Arguments.of("no source", with(set(8, " ")), "pairing.error.source"),
                Arguments.of("note too long", with(set(9, "n".repeat(1001))), "pairing.error.noteTooLong"),
                Arguments.of("more delivered than pledged, no note",
                        with(set(5, new BigDecimal("60000000"))), "pairing.error.overDelivery"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void eachCheckRefusesBadInputAndStoresNothing(String name, PairingInput input, String key) {
        long before = jdbc.sql("select count(*) from pairing").query(Long.class).single();
        assertThatThrownBy(() -> as("clerk.liangshan", () -> pairings.create(input)))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.messageKey()).isEqualTo(key));
        assertThat(jdbc.sql("select count(*) from pairing").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void theGridsPagesStopForAnAccountMovedAwayOrDisabled() {
        Pairing saved = as("clerk.liangshan", () -> pairings.create(zhaojue()));
        PairingFilter test = new PairingFilter("513431", null, 2019);
        jdbc.sql("""
                insert into account(username, display_name, password_hash, role, region_id)
                select 'pairing.reader', 'Pairing reader', password_hash, 'AUDITOR', (select id from region where code = '513400')
                from account where username = 'admin'""").update();
        try {
            assertThat(as("pairing.reader", () -> pairings.page(test, List.of(), null, 0, 50).rows()))
                    .extracting(Pairing::id).contains(saved.id());
            jdbc.sql("update account set region_id = (select id from region where code = '533300') where username = 'pairing.reader'")
                    .update();
            assertThatThrownBy(() -> as("pairing.reader", () -> pairings.page(test, List.of(), null, 0, 50)))
                    .as("Zhaojue is no longer in the reader's scope").isInstanceOf(NotFoundException.class);
            assertThat(as("pairing.reader", () -> pairings.page(new PairingFilter(null, null, 2019), List.of(), null, 0,
                    50).rows())).as("moved to Nujiang").extracting(Pairing::id).doesNotContain(saved.id());
            jdbc.sql("update account set enabled = false where username = 'pairing.reader'").update();
            assertThatThrownBy(() -> as("pairing.reader", () -> pairings.page(new PairingFilter(null, null, 2019),
                    List.of(), null, 0, 50))).as("disabled").isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        } finally {
            jdbc.sql("delete from account where username = 'pairing.reader'").update();
        }
    }

    @Test
    void goodInputIsStoredAsTyped() {
        // whole amounts written with decimals zero are still whole RMB; blank texts are "no note"
        Pairing saved = as("clerk.liangshan", () -> pairings.create(with(f -> {
            f.set(4, new BigDecimal("50000000.00"));
            f.set(9, "   ");
            return f;
        })));
        assertThat(saved.donor()).isEqualTo("Test Foshan City");
        assertThat(saved.recipientCode()).isEqualTo("513431");
        assertThat(saved.fundsPledgedRmb()).isEqualTo(50_000_000L);
        assertThat(saved.fundsDeliveredRmb()).isEqualTo(42_000_000L);
        assertThat(saved.deliveryRatio()).isEqualByComparingTo("0.84");
        assertThat(saved.overDelivered()).isFalse();
        assertThat(saved.note()).isNull();
        assertThat(saved.version()).isZero();
        // unknown amounts stay unknown: no ratio, no warning
        Pairing unknown = as("clerk.liangshan", () -> pairings.create(with(f -> {
            f.set(0, "Test Chengdu");
            f.set(4, null);
            return f;
        })));
        assertThat(unknown.fundsPledgedRmb()).isNull();
        assertThat(unknown.deliveryRatio()).isNull();
    }

    @Test
    void moreDeliveredThanPledgedIsAcceptedWithANoteAndFlagged() {
        Pairing saved = as("clerk.liangshan", () -> pairings.create(with(f -> {
            f.set(5, new BigDecimal("60000000"));
            f.set(9, "a second tranche arrived in December");
            return f;
        })));
        assertThat(saved.overDelivered()).isTrue();
        assertThat(saved.deliveryRatio()).isEqualByComparingTo("1.2");
    }

    @Test
    void aSecondRecordForTheSameDonorRecipientAndYearIsRefused() {
        as("clerk.liangshan", () -> pairings.create(zhaojue()));
        assertThatThrownBy(() -> as("clerk.liangshan", () -> pairings.create(with(set(0, "test foshan city")))))
                .isInstanceOfSatisfying(UserError.class,
                        e -> assertThat(e.messageKey()).isEqualTo("pairing.error.duplicate"));
        // another year is another record
        assertThat(as("clerk.liangshan", () -> pairings.create(with(set(3, 2020)))).year()).isEqualTo(2020);
    }

    @Test
    void theDatabaseRefusesWhatTheServiceRefusesAsASecondFence() {
        String insert = """
                insert into pairing(donor, donor_type, recipient_region_id, recipient_path, year, funds_pledged_rmb,
                                    funds_delivered_rmb, source, note)
                values (:donor, :type, (select id from region where code = '513431'),
                        (select path from region where code = '513431'), 2019, :pledged, :delivered, :source, :note)""";
        record Row(String donor, String type, Long pledged, Long delivered, String source, String note) {
        }
        for (Row bad : List.of(
                new Row("Test over", "CENTRAL_UNIT", 10L, 11L, "s", null),
                new Row("Test over blank note", "CENTRAL_UNIT", 10L, 11L, "s", "  "),
                new Row("Test negative", "CENTRAL_UNIT", -1L, null, "s", null),
                new Row("Test no source", "CENTRAL_UNIT", null, null, " ", null),
                new Row("Test unknown type", "FOREIGN_STATE", null, null, "s", null))) {
            assertThatThrownBy(() -> jdbc.sql(insert).param("donor", bad.donor()).param("type", bad.type())
                    .param("pledged", bad.pledged()).param("delivered", bad.delivered()).param("source", bad.source())
                    .param("note", bad.note()).update()).as(bad.donor())
                    .isInstanceOf(DataIntegrityViolationException.class);
        }
        jdbc.sql(insert).param("donor", "Test ok").param("type", "STATE_OWNED_ENTERPRISE").param("pledged", 10L)
                .param("delivered", 11L).param("source", "s").param("note", "explained").update();
        assertThatThrownBy(() -> jdbc.sql(insert).param("donor", "TEST OK").param("type", "CENTRAL_UNIT")
                .param("pledged", null).param("delivered", null).param("source", "s").param("note", null).update())
                .as("one record per donor, recipient and year").isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void totalsPerDonorTypeMatchTheReferenceFileComputedByHand() {
        List<PairingTotal> totals = as("auditor", () -> pairings.totalsByDonorType(PairingFilter.none()));
        assertThat(totals).extracting(PairingTotal::key).containsExactly("EAST_WEST_PROVINCE", "CENTRAL_UNIT",
                "PRIVATE_ENTERPRISE", "ENTERPRISE", "SOCIAL_ORGANISATION", "MILITARY");
        // Jiangsu 275,000,000 + 19 provinces 10,403,000,000 (2018) + 18,819,000,000 (2019); four without figures
        assertThat(totals.get(0)).isEqualTo(new PairingTotal("EAST_WEST_PROVINCE", null, null, 7, null,
                29_497_000_000L, 3, null, null, 1935L, null));
        // 16 central authorities 183,000,000 (131 projects) + Inner Mongolia's 208,000,000 (214 projects, 87,000 people)
        assertThat(totals.get(1)).isEqualTo(new PairingTotal("CENTRAL_UNIT", null, null, 2, null, 391_000_000L, 2,
                null, null, 345L, 87_000L));
        assertThat(totals.get(2)).isEqualTo(new PairingTotal("PRIVATE_ENTERPRISE", null, null, 1, null,
                1_287_000_000L, 1, null, null, null, 237_800L));
        // 107 enterprises: people helped only
        assertThat(totals.get(3)).isEqualTo(new PairingTotal("ENTERPRISE", null, null, 1, null, null, 0, null, null,
                null, 34_500L));
        // 1716 social organisations 226,000,000 + China Glory Society 2,760,000
        assertThat(totals.get(4)).isEqualTo(new PairingTotal("SOCIAL_ORGANISATION", null, null, 2, null,
                228_760_000L, 2, null, null, null, null));
        assertThat(totals.get(5)).isEqualTo(new PairingTotal("MILITARY", null, null, 1, null, 69_780_000L, 1, null,
                null, 14L, null));
        assertThat(totals).allSatisfy(t -> assertThat(t.deliveryRatio()).as("no pledges published").isNull());
    }

    @Test
    void totalsPerRecipientMatchTheReferenceFileComputedByHand() {
        List<PairingTotal> totals = as("auditor", () -> pairings.totalsByRecipient(PairingFilter.none(), 0, 50));
        assertThat(totals).extracting(t -> t.key() + ":" + t.records() + ":" + t.fundsDeliveredRmb())
                .containsExactly("150000:2:208000000", "520000:1:null", "530000:2:null", "630000:1:275000000",
                        "640000:1:null", "650000:7:30990540000");
        assertThat(as("auditor", () -> pairings.recipientCount(PairingFilter.none()))).isEqualTo(6);
        // Xinjiang in 2018 only: 10,403,000,000 + 183,000,000 + 226,000,000 + 1,287,000,000 + 2,760,000 + 69,780,000
        assertThat(as("auditor", () -> pairings.totalsByRecipient(new PairingFilter("650000", null, 2018), 0, 10)))
                .singleElement().satisfies(t -> {
                    assertThat(t.records()).isEqualTo(6);
                    assertThat(t.fundsDeliveredRmb()).isEqualTo(12_171_540_000L);
                });
    }

    @Test
    void theRatioOfATotalCountsOnlyRecordsWithBothAmounts() {
        as("clerk.liangshan", () -> pairings.create(zhaojue()));                        // 50,000,000 → 42,000,000
        as("clerk.liangshan", () -> pairings.create(with(f -> {
            f.set(0, "Test Chengdu");
            f.set(4, null);                                                            // delivered only
            return f;
        })));
        PairingTotal total = as("clerk.liangshan", () -> pairings.totalsByDonorType(PairingFilter.none())).getFirst();
        assertThat(total.records()).isEqualTo(2);
        assertThat(total.fundsDeliveredRmb()).isEqualTo(84_000_000L);
        assertThat(total.fundsPledgedRmb()).isEqualTo(50_000_000L);
        assertThat(total.deliveryRatio()).as("42 of 50 million, not 84 of 50").isEqualByComparingTo("0.84");
    }

    @Test
    void filtersNarrowTheGridAndSortingIsDoneInTheDatabase() {
        assertThat(as("auditor", () -> pairings.count(PairingFilter.none()))).isEqualTo(14);
        assertThat(as("auditor", () -> pairings.count(new PairingFilter("650000", null, null)))).isEqualTo(7);
        assertThat(as("auditor", () -> pairings.count(new PairingFilter(null, DonorType.EAST_WEST_PROVINCE, 2018))))
                .isEqualTo(6);
        assertThat(as("auditor", () -> pairings.find(new PairingFilter(null, null, 2019),
                List.of(new SortKey("delivered", true)), 0, 10)))
                .extracting(p -> p.donor() + ":" + p.fundsDeliveredRmb())
                .containsExactly("19 pairing provinces and cities:18819000000", "Central authorities:208000000",
                        "107 enterprises:null");
        Pairing jiangsu = as("auditor", () -> pairings.find(new PairingFilter("630000", null, 2018), List.of(), 0, 10))
                .getFirst();
        assertThat(jiangsu.donor()).isEqualTo("Jiangsu Province");
        assertThat(jiangsu.fundsDeliveredRmb()).isEqualTo(275_000_000L);
        assertThat(jiangsu.fundsPledgedRmb()).isNull();
        assertThat(jiangsu.source()).isEqualTo("Wang 2020");
        assertThat(as("auditor", () -> pairings.get(jiangsu.id()))).isEqualTo(jiangsu);
    }

    @Test
    void liangshansClerkSeesNothingOfNujiangOrAnyoneElseAnywhere() {
        Pairing own = as("clerk.liangshan", () -> pairings.create(zhaojue()));
        Pairing nujiang = as("clerk.nujiang", () -> pairings.create(with(f -> {
            f.set(0, "Test Zhuhai City");
            f.set(2, "533300");
            return f;
        })));
        as("clerk.liangshan", () -> {
            assertThat(pairings.find(PairingFilter.none(), List.of(), 0, 100)).extracting(Pairing::id)
                    .containsExactly(own.id());
            assertThat(pairings.count(PairingFilter.none())).isEqualTo(1);
            List<Pairing> streamed = new ArrayList<>();
            pairings.stream(streamed::add);
            assertThat(streamed).extracting(Pairing::id).containsExactly(own.id());
            assertThat(pairings.totalsByDonorType(PairingFilter.none())).singleElement()
                    .satisfies(t -> assertThat(t.fundsDeliveredRmb()).isEqualTo(42_000_000L));
            assertThat(pairings.totalsByRecipient(PairingFilter.none(), 0, 50)).extracting(PairingTotal::key)
                    .containsExactly("513431");
            assertThatThrownBy(() -> pairings.get(nujiang.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> pairings.count(new PairingFilter("533300", null, null)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> pairings.update(nujiang.id(), nujiang.version(), zhaojue()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> pairings.create(with(set(2, "533300")))).isInstanceOf(NotFoundException.class);
            return null;
        });
        // the auditor, bound to China, sees both
        assertThat(as("auditor", () -> pairings.count(PairingFilter.none()))).isEqualTo(16);
    }

    @Test
    void anEditIsAuditedWithBeforeAndAfterAndAStaleEditIsRefused() {
        Pairing created = as("clerk.liangshan", () -> pairings.create(zhaojue()));
        Pairing changed = as("clerk.liangshan", () -> pairings.update(created.id(), created.version(), with(f -> {
            f.set(5, new BigDecimal("50000000"));
            f.set(6, 13);
            return f;
        })));
        assertThat(changed.version()).isEqualTo(created.version() + 1);
        assertThat(changed.fundsDeliveredRmb()).isEqualTo(50_000_000L);
        // unchanged input changes nothing and writes no entry
        as("clerk.liangshan", () -> pairings.update(created.id(), changed.version(), with(f -> {
            f.set(5, new BigDecimal("50000000"));
            f.set(6, 13);
            return f;
        })));
        // someone who still holds the first version cannot overwrite the change
        assertThatThrownBy(() -> as("clerk.liangshan", () -> pairings.update(created.id(), created.version(),
                zhaojue()))).isInstanceOf(ObjectOptimisticLockingFailureException.class);
        assertThat(as("auditor", () -> pairings.get(created.id())).fundsDeliveredRmb()).isEqualTo(50_000_000L);

        List<AuditRow> history = as("auditor", () -> audit.find(
                AuditFilter.history(PairingService.ENTITY_TYPE, String.valueOf(created.id())), 0, 10));
        assertThat(history).hasSize(3);
        // the refused attempt is in the trail too, newest first
        assertThat(history.getFirst().action().name()).isEqualTo("STALE_REFUSED");
        assertThat(history.getFirst().changes()).containsExactly(new FieldChange("version",
                String.valueOf(created.version()), String.valueOf(changed.version())));
        AuditRow update = history.get(1);
        assertThat(update.account()).isEqualTo("clerk.liangshan");
        assertThat(update.regionCode()).isEqualTo("513431");
        assertThat(update.changes()).containsExactly(new FieldChange("funds_delivered_rmb", "42000000", "50000000"),
                new FieldChange("projects", "12", "13"));
        AuditRow creation = history.get(2);
        assertThat(creation.action().name()).isEqualTo("CREATE");
        assertThat(creation.changes()).contains(new FieldChange("donor", null, "Test Foshan City"),
                new FieldChange("recipient_code", null, "513431"), new FieldChange("source", null, "Liangshan office 2020"),
                new FieldChange("funds_pledged_rmb", null, "50000000"));
        assertThat(creation.changes()).extracting(FieldChange::field).as("an empty note is no change")
                .doesNotContain("note");
        // Sichuan's supervisor sees the history too; Nujiang's clerk does not
        assertThat(as("supervisor.sichuan", () -> audit.count(
                AuditFilter.history(PairingService.ENTITY_TYPE, String.valueOf(created.id()))))).isEqualTo(3);
        assertThat(as("clerk.nujiang", () -> audit.count(
                AuditFilter.history(PairingService.ENTITY_TYPE, String.valueOf(created.id()))))).isZero();
    }
}
