package org.tuopin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Journey 1: every demo account signs in and sees exactly the menu of its role; a wrong password is refused. */
class SignInIT extends BrowserJourney {

    static final List<String> DATA_ENTRY = List.of("Dashboard", "Yearly figures", "Progress", "Inbox", "Checks",
            "Regions", "Import figures",
            "Officials dispatched", "Pairing assistance", "Audit trail");
    static final List<String> SUPERVISOR = List.of("Dashboard", "Yearly figures", "Progress", "Inbox", "Checks",
            "Regions", "Officials dispatched", "Pairing assistance", "Audit trail");
    static final List<String> AUDITOR = List.of("Dashboard", "Yearly figures", "Progress", "Checks", "Regions",
            "Officials dispatched", "Pairing assistance", "Audit trail");
    static final List<String> ADMIN = List.of("Dashboard", "Yearly figures", "Progress", "Checks", "Regions",
            "Officials dispatched", "Pairing assistance", "Audit trail", "Accounts", "Reporting years");

    /** Each demo account with its menu and the line that names it under the menu. */
    static final Map<String, Expected> ACCOUNTS = Map.of(
            "admin", new Expected(ADMIN, "admin · Administrator · CN"),
            "supervisor", new Expected(SUPERVISOR, "supervisor · Supervisor · CN"),
            "supervisor.sichuan", new Expected(SUPERVISOR, "supervisor.sichuan · Supervisor · 510000"),
            "clerk.liangshan", new Expected(DATA_ENTRY, "clerk.liangshan · Data entry · 513400"),
            "clerk.nujiang", new Expected(DATA_ENTRY, "clerk.nujiang · Data entry · 533300"),
            "auditor", new Expected(AUDITOR, "auditor · Auditor · CN"));

    record Expected(List<String> menu, String userLine) {
    }

    @Test
    void everyDemoAccountSeesOnlyItsMenu() {
        for (var account : ACCOUNTS.entrySet()) {
            Shell shell = signIn(account.getKey());
            assertThat(shell.menu()).as("menu of %s", account.getKey()).isEqualTo(account.getValue().menu());
            assertThat(shell.userLine()).isEqualTo(account.getValue().userLine());
            shell.signOut("Sign out");
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithTheGenericMessage() {
        LoginPage login = LoginPage.open(browser()).signInRefused("clerk.liangshan", "not-the-password-2020");
        String refusal = login.errorMessage();
        assertThat(refusal).contains("The username or password is not correct, or the account cannot sign in right now.");

        // an unknown account gets the very same words: the page does not tell which part was wrong
        login = LoginPage.open(browser()).signInRefused("nobody.here", "not-the-password-2020");
        assertThat(login.errorMessage()).isEqualTo(refusal);
        assertThat(browser().path()).startsWith("login");
    }
}
