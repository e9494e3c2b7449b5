package org.tuopin.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.security.ApiTokenService;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
class ApiTokensViewTest extends SpringBrowserlessTest {

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void cleanUp() {
        jdbc.sql("delete from api_token where account_id = (select id from account where username = 'clerk.nujiang')")
                .update();
    }

    @Test
    @WithUserDetails("clerk.nujiang")
    void aUserCreatesATokenSeesItOnceAndRevokesIt() {
        ApiTokensView view = navigate(ApiTokensView.class);
        test(view.create).click();
        assertThat(view.name.isInvalid()).as("a name is required").isTrue();
        assertThat(view.name.getErrorMessage()).isEqualTo("Give the token a name of 1 to 80 characters.");

        test(view.name).setValue("nightly export");
        test(view.days).selectItem("30 days");
        test(view.create).click();
        Dialog shown = find(Dialog.class).single();
        String secret = find(Span.class, shown).withClassName("token-secret").single().getText();
        assertThat(secret).startsWith(ApiTokenService.PREFIX);
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = :h or hint like :s")
                .param("h", secret).param("s", secret).query(Integer.class).single()).as("never stored as given")
                .isZero();
        test(find(Button.class, shown).withText("Close").single()).click();
        assertThat(find(Span.class).withClassName("token-secret").all()).as("shown once only").isEmpty();

        var grid = test(view.tokens);
        assertThat(grid.size()).isEqualTo(1);
        assertThat(grid.getRow(0).name()).isEqualTo("nightly export");
        assertThat(grid.getCellText(0, 6)).isEqualTo("Active");
        assertThat(grid.getCellText(0, 4)).isEqualTo("Never");
        assertThat(grid.getRow(0).expiresAt()).isAfter(grid.getRow(0).createdAt().plusSeconds(29 * 86_400L));

        test((Button) grid.getCellComponent(0, 7)).click();
        assertThat(test(view.tokens).getCellText(0, 6)).isEqualTo("Revoked by clerk.nujiang");
        assertThat(jdbc.sql("select revoked_by from api_token where name = 'nightly export'").query(String.class)
                .single()).isEqualTo("clerk.nujiang");
    }
}
