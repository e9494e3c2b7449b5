package org.tuopin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Journey 7: the Liangshan office records a pairing with Zhaojue (513431), 2019, by mistake and withdraws it with a
 * reason; the national supervisor finds the deletion and its reason in the audit trail, and reads a record without a
 * Withdraw button. Leaves no pairing record behind.
 */
class WithdrawIT extends BrowserJourney {

    static final String DONOR = "Journey Foshan City";
    static final String REASON = "Entered twice: Foshan's 2019 funds are in the prefecture's record.";

    @Test
    void theOfficeWithdrawsAMistakenRecordWithAReasonAndItIsGone() {
        Shell clerk = signIn("clerk.liangshan");
        PairingsPage pairings = PairingsPage.from(clerk, browser())
                .add("Zhaojue", "513431 Zhaojue County", "2019", DONOR, "East–west province or municipality",
                        "4200000", "Liangshan office 2020");
        pairings.awaitRows(rows -> rows.stream().anyMatch(r -> r.getFirst().equals(DONOR)));

        pairings.open(DONOR);
        assertThat(pairings.hasButton("Withdraw…")).isTrue();
        // no reason: refused under the field, the record stays
        pairings.withdraw("");
        String refusal = browser().until(() -> "the reason's error message",
                d -> pairings.reasonError().isEmpty() ? null : pairings.reasonError());
        assertThat(refusal).isEqualTo("Give the reason for withdrawing the record: the audit trail keeps it.");

        pairings.withdraw(REASON);
        browser().awaitNotification("Pairing record withdrawn.");
        pairings.awaitRows(rows -> rows.stream().noneMatch(r -> r.getFirst().equals(DONOR)));
        browser().until(() -> "the confirmation to close", d -> !pairings.hasButton("Withdraw"));
        clerk.signOut("Sign out");

        // the record's deletion, with the reason, in the supervisor's audit trail
        Shell supervisor = signIn("supervisor");
        AuditPage audit = AuditPage.from(supervisor, browser()).filterByAccount("clerk.liangshan");
        assertThat(audit.awaitRows(rows -> rows.stream().anyMatch(r -> r.contains("Deleted"))))
                .anySatisfy(row -> assertThat(row).contains("Deleted", REASON)
                        .anySatisfy(cell -> assertThat(cell).startsWith("Donor: " + DONOR + "; Donor type: "
                                + "East–west province or municipality; Recipient region: 513431; Year: 2019")));

        // a reader opens a record read-only, with no Withdraw button
        PairingsPage read = PairingsPage.from(Shell.at(browser()), browser());
        read.awaitRows(rows -> !rows.isEmpty());
        read.open("Jiangsu Province");
        assertThat(read.hasButton("Close")).isTrue();
        assertThat(read.hasButton("Withdraw…")).isFalse();
    }
}
