package org.tuopin.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.security.AccountRow;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
class AdminUsersViewTest extends SpringBrowserlessTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    @WithUserDetails("admin")
    void theAdministratorCreatesAnAccountAndSeesItsOneTimePasswordOnce() {
        AdminUsersView view = navigate(AdminUsersView.class);
        var grid = test(view.grid);
        assertThat(IntStream.range(0, grid.size()).mapToObj(i -> grid.getRow(i).username()))
                .contains("admin", "auditor", "clerk.liangshan", "clerk.nujiang");

        test(view.create).click();
        Dialog form = find(Dialog.class).single();
        var fields = find(TextField.class, form).all();
        test(fields.get(0)).setValue("clerk.butuo");
        test(fields.get(1)).setValue("Butuo county office");
        @SuppressWarnings("unchecked")
        ComboBox<org.tuopin.region.RegionRef> region = find(ComboBox.class, form).single();
        test(region).setFilter("Butuo");
        test(region).selectItem("513429 Butuo County");
        test(find(Button.class, form).withText("Save").single()).click();

        Dialog shown = find(Dialog.class).single();
        String temporary = find(Span.class, shown).withClassName("temporary-password").single().getText();
        assertThat(temporary).hasSize(16);
        assertThat(jdbc.sql("select must_change_password from account where username = 'clerk.butuo'")
                .query(Boolean.class).single()).isTrue();
        AccountRow created = IntStream.range(0, test(view.grid).size()).mapToObj(i -> test(view.grid).getRow(i))
                .filter(a -> a.username().equals("clerk.butuo")).findFirst().orElseThrow();
        assertThat(created.regionCode()).isEqualTo("513429");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void otherRolesCannotOpenTheAccountsPage() {
        assertThat(find(com.vaadin.flow.component.sidenav.SideNav.class).single().getItems())
                .noneMatch(item -> "admin/users".equals(item.getPath()));
        try {
            navigate(AdminUsersView.class);
        } catch (IllegalArgumentException expected) {
            // navigation ended elsewhere
        }
        assertThat(getCurrentView()).isNotInstanceOf(AdminUsersView.class);
    }
}
