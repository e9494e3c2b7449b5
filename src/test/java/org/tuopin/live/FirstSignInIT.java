package org.tuopin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tuopin.packaged.PackagedApp;
import org.tuopin.packaged.SharedApp;

/**
 * A newcomer's first minute: the jar started on a fresh data directory, {@code /login} polled, and a sign-in sent
 * the moment it first answers 200 (done by {@link PackagedApp} while it starts, since that moment comes only once).
 */
@ExtendWith(SharedApp.class)
class FirstSignInIT {

    @Test
    void theSignInSentAtTheFirstAnswerOfTheLoginPageSucceeds(PackagedApp app) {
        assumeTrue(app.firstSignIn != null, "an application that was already running has no first answer to check");
        PackagedApp.FirstSignIn first = app.firstSignIn;
        assertThat(first.signInStatus()).as("the login form's answer").isEqualTo(302);
        assertThat(first.signInLocation()).as("refused sign-ins are sent back to /login?error").doesNotContain("error")
                .doesNotEndWith("/login");
        assertThat(first.nextPageStatus()).as("the audit page as " + PackagedApp.FIRST_USER).isEqualTo(200);
    }
}
