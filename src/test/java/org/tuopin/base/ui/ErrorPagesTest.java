package org.tuopin.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.server.ErrorEvent;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.base.UserError;

/** Unknown addresses, records outside the scope and failed actions answer in the reader's language. */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class ErrorPagesTest extends SpringBrowserlessTest {

    @Autowired
    UiErrors errors;

    @Test
    @WithUserDetails("clerk.liangshan")
    void anUnknownAddressShowsATranslatedNotFoundPageInsideTheShell() {
        UI.getCurrent().navigate("no/such/page");
        assertThat(getCurrentView()).isInstanceOf(NotFoundView.class);
        NotFoundView page = (NotFoundView) getCurrentView();
        assertThat(page.title.getText()).isEqualTo("Not found");
        assertThat(find(MainLayout.class).all()).hasSize(1);

        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        UI.getCurrent().navigate("another/missing/page");
        assertThat(((ErrorPage) getCurrentView()).title.getText()).isEqualTo("未找到");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aReportOutsideTheScopeLooksExactlyLikeAMissingOne() {
        UI.getCurrent().navigate("figures/533300/2019"); // Nujiang: not Liangshan's
        ErrorPage outside = (ErrorPage) getCurrentView();
        UI.getCurrent().navigate("figures/999999/2019"); // no such region
        ErrorPage missing = (ErrorPage) getCurrentView();
        assertThat(outside.text.getText()).isEqualTo(missing.text.getText())
                .isEqualTo("There is nothing at this address, or it lies outside the regions you may see.");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aFailedActionShowsASentenceNotAStackTrace() {
        assertThat(errors.messageFor(new RuntimeException(new UserError("years.error.year"))))
                .isEqualTo(UI.getCurrent().getTranslation("years.error.year"));
        assertThat(errors.messageFor(new OptimisticLockingFailureException("stale")))
                .startsWith("Someone else changed this record meanwhile");
        String unexpected = errors.messageFor(new IllegalStateException("connection reset"));
        assertThat(unexpected).startsWith("Something went wrong and nothing was saved").doesNotContain("connection reset")
                .containsPattern("reference [0-9a-f]{8}");

        errors.error(new ErrorEvent(new IllegalStateException("boom")));
        assertThat(find(Notification.class).all()).anySatisfy(n ->
                assertThat(n.getElement().getProperty("text")).startsWith("Something went wrong"));
    }
}
