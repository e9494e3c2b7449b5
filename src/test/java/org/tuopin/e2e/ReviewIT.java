package org.tuopin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Journey 3: the review loop between the Liangshan office and the Sichuan supervisor on Butuo County (513429),
 * 2020: submit, return with a reason, the reason in the office's inbox, correct and resubmit, approve, locked.
 */
class ReviewIT extends BrowserJourney {

    static final String RELOCATED = "People relocated (persons)";
    static final String REASON = "Add the source of the relocation figure.";

    @Test
    void theSupervisorReturnsTheOfficeCorrectsTheSupervisorApproves() {
        Shell clerk = signIn("clerk.liangshan");
        ReportFormPage form = ReportFormPage.open(browser(), "513429", 2020);
        form.enter(RELOCATED, "300").submit();
        assertThat(form.awaitState("Submitted")).isEqualTo("Submitted");
        clerk.signOut("Sign out");

        Shell supervisor = signIn("supervisor.sichuan");
        InboxPage inbox = InboxPage.from(supervisor, browser());
        assertThat(inbox.awaitRow("513429")).containsSubsequence("513429 Butuo County", "2020", "Submitted");
        form = inbox.open("513429");
        assertThat(form.valueOf(RELOCATED)).isEqualTo("300");
        assertThat(form.isReadOnly(RELOCATED)).as("a supervisor reviews, does not edit").isTrue();
        form.returnWithReason(REASON);
        assertThat(form.awaitState("Returned")).isEqualTo("Returned");
        supervisor = Shell.at(browser());
        supervisor.signOut("Sign out");

        clerk = signIn("clerk.liangshan");
        inbox = InboxPage.from(clerk, browser());
        assertThat(inbox.awaitRow("513429")).contains("Returned", REASON);
        form = inbox.open("513429");
        assertThat(form.state()).isEqualTo("Returned");
        form.enter(RELOCATED, "320").enterSource(RELOCATED, "Butuo relocation office, register of 2020").submit();
        assertThat(form.awaitState("Submitted")).isEqualTo("Submitted");
        Shell.at(browser()).signOut("Sign out");

        supervisor = signIn("supervisor.sichuan");
        form = InboxPage.from(supervisor, browser()).open("513429");
        assertThat(form.valueOf(RELOCATED)).isEqualTo("320");
        form.approve();
        browser().awaitNotification("Approved. The figures are now locked.");
        assertThat(form.awaitState("Approved")).isEqualTo("Approved");
        assertThat(form.hasButton("Approve")).isFalse();
        assertThat(form.hasButton("Reopen with reason")).isTrue();
        Shell.at(browser()).signOut("Sign out");

        signIn("clerk.liangshan");
        form = ReportFormPage.open(browser(), "513429", 2020);
        assertThat(form.state()).isEqualTo("Approved");
        assertThat(form.isReadOnly(RELOCATED)).isTrue();
        assertThat(form.hasButton("Save draft")).isFalse();
        assertThat(form.hasButton("Submit for review")).isFalse();
        assertThat(form.valueOf(RELOCATED)).isEqualTo("320");
    }
}
