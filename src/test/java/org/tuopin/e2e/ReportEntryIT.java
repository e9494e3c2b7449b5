package org.tuopin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Journey 2: the Liangshan office fills in 2020 (the open year, not started in the reference data), meets a
 * validation error, fixes it, and submits with the explanation that the warnings ask for. Works on 513400/2020.
 */
class ReportEntryIT extends BrowserJourney {

    static final String LIFTED = "People lifted out (persons)";
    static final String FUNDS_TOTAL = "Funds, total (RMB)";
    static final String FUNDS_CENTRAL = "Funds, central (RMB)";

    @Test
    void theOfficeMeetsAnErrorFixesItAndSubmitsWithAnExplanation() {
        signIn("clerk.liangshan");
        ReportFormPage form = ReportFormPage.open(browser(), "513400", 2020);
        assertThat(form.title()).isEqualTo("513400 Liangshan Yi Autonomous Prefecture, 2020");
        assertThat(form.state()).isEqualTo("Not started");
        assertThat(form.previousYear(LIFTED)).as("the approved 2019 figure beside the field").isEqualTo("141,000");

        form.enter(FUNDS_TOTAL, "1000000").enter(FUNDS_CENTRAL, "2000000").enter(LIFTED, "50000").saveDraft();
        assertThat(browser().awaitNotification("The checks refused this")).contains("see the findings");
        assertThat(form.findings()).anySatisfy(f -> assertThat(f).startsWith("Error: ").contains("1,000,000"));
        assertThat(form.isInvalid(FUNDS_CENTRAL)).isTrue();
        assertThat(form.valueOf(FUNDS_CENTRAL)).as("what was typed stays").isEqualTo("2000000");
        assertThat(form.state()).as("nothing was saved").isEqualTo("Not started");

        form.enter(FUNDS_CENTRAL, "600000").submit();
        assertThat(browser().awaitNotification("submit again with a written explanation"))
                .startsWith("The checks found warnings");
        assertThat(browser().isInvalid(form.explanation())).isTrue();
        assertThat(form.findings()).isNotEmpty().allSatisfy(f -> assertThat(f).startsWith("Warning: "));

        form.explain("The last 50,000 people left poverty in 2020.").submit();
        browser().awaitNotification("Submitted for review.");
        assertThat(form.awaitState("Submitted")).isEqualTo("Submitted");
        assertThat(form.hasButton("Save draft")).isFalse();
        assertThat(form.hasButton("Submit for review")).isFalse();
        assertThat(form.isReadOnly(FUNDS_TOTAL)).isTrue();

        // what was submitted is what a reload shows
        form = ReportFormPage.open(browser(), "513400", 2020);
        assertThat(form.state()).isEqualTo("Submitted");
        assertThat(form.valueOf(FUNDS_CENTRAL)).isEqualTo("600000");
        assertThat(form.valueOf(LIFTED)).isEqualTo("50000");
    }
}
