package org.tuopin.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.TuopinTest;

/**
 * The shell's menu and account area for each role, in both languages: the items the role may open, in the order
 * the views declare, with their icons; the inbox badge for the roles that have an inbox; the same account actions
 * for everyone. The menu is assembled from what the modules contribute, so this pins what a user sees.
 */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
@Transactional
class MenuByRoleTest extends SpringBrowserlessTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    @WithUserDetails("admin")
    void anAdministratorSeesTheAdministrationPagesAndNoInbox() {
        assertThat(menu()).containsExactly(
                "Dashboard |  | vaadin:dashboard",
                "Yearly figures | figures | vaadin:table",
                "Progress | progress | vaadin:grid-big",
                "Checks | figures/rules | vaadin:check-square-o",
                "Regions | regions | vaadin:sitemap",
                "Officials dispatched | dispatches | vaadin:user-star",
                "Pairing assistance | pairings | vaadin:handshake",
                "Audit trail | audit | vaadin:file-search",
                "Accounts | admin/users | vaadin:users",
                "Reporting years | admin/years | vaadin:calendar");
        assertThat(userLine()).isEqualTo("admin · Administrator · CN");
        assertThat(accountButtons()).containsExactly("中文", "Change password", "Two-factor sign-in", "API tokens",
                "Sign out");

        inChinese();
        assertThat(menu()).containsExactly(
                "总览 |  | vaadin:dashboard",
                "年度数据 | figures | vaadin:table",
                "填报进度 | progress | vaadin:grid-big",
                "校验规则 | figures/rules | vaadin:check-square-o",
                "行政区划 | regions | vaadin:sitemap",
                "选派干部 | dispatches | vaadin:user-star",
                "结对帮扶 | pairings | vaadin:handshake",
                "审计记录 | audit | vaadin:file-search",
                "账户管理 | admin/users | vaadin:users",
                "填报年度 | admin/years | vaadin:calendar");
        assertThat(userLine()).isEqualTo("admin · 管理员 · CN");
        assertThat(find(Span.class).withText("admin · 管理员 · CN").single().getElement().getAttribute("title"))
                .isEqualTo("可查看地区 CN 及其下属全部地区");
        assertThat(accountButtons()).containsExactly("English", "修改密码", "双因素登录", "API 令牌", "退出登录");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aDataEntryClerkSeesTheInboxWithWhatWasReturnedAndTheImport() {
        assertThat(menu()).containsExactly(
                "Dashboard |  | vaadin:dashboard",
                "Yearly figures | figures | vaadin:table",
                "Progress | progress | vaadin:grid-big",
                "Inbox | inbox | vaadin:inbox",
                "Checks | figures/rules | vaadin:check-square-o",
                "Regions | regions | vaadin:sitemap",
                "Import figures | figures/import | vaadin:upload",
                "Officials dispatched | dispatches | vaadin:user-star",
                "Pairing assistance | pairings | vaadin:handshake",
                "Audit trail | audit | vaadin:file-search");
        assertThat(userLine()).isEqualTo("clerk.liangshan · Data entry · 513400");
        assertThat(find(Span.class).withText("clerk.liangshan · Data entry · 513400").single().getElement()
                .getAttribute("title")).isEqualTo("Sees region 513400 and every region below it");
        assertThat(accountButtons()).containsExactly("中文", "Change password", "Two-factor sign-in", "API tokens",
                "Sign out");

        // a report of the clerk's own prefecture comes back from review: the next page shows it waiting
        setState("513400", 2019, "RETURNED");
        UI.getCurrent().getPage().reload();
        assertThat(menu()).contains("Inbox | inbox | vaadin:inbox | 1 (1 reports wait for you)");

        inChinese();
        assertThat(menu()).containsExactly(
                "总览 |  | vaadin:dashboard",
                "年度数据 | figures | vaadin:table",
                "填报进度 | progress | vaadin:grid-big",
                "待办 | inbox | vaadin:inbox | 1 (" + find(MainLayout.class).single().getTranslation("layout.waiting", 1)
                        + ")",
                "校验规则 | figures/rules | vaadin:check-square-o",
                "行政区划 | regions | vaadin:sitemap",
                "导入数据 | figures/import | vaadin:upload",
                "选派干部 | dispatches | vaadin:user-star",
                "结对帮扶 | pairings | vaadin:handshake",
                "审计记录 | audit | vaadin:file-search");
        assertThat(userLine()).isEqualTo("clerk.liangshan · 填报人 · 513400");
    }

    @Test
    @WithUserDetails("supervisor.sichuan")
    void aSupervisorSeesTheInboxWithWhatWasSubmittedBelowButNoImport() {
        List<String> expected = List.of(
                "Dashboard |  | vaadin:dashboard",
                "Yearly figures | figures | vaadin:table",
                "Progress | progress | vaadin:grid-big",
                "Inbox | inbox | vaadin:inbox",
                "Checks | figures/rules | vaadin:check-square-o",
                "Regions | regions | vaadin:sitemap",
                "Officials dispatched | dispatches | vaadin:user-star",
                "Pairing assistance | pairings | vaadin:handshake",
                "Audit trail | audit | vaadin:file-search");
        assertThat(menu()).isEqualTo(expected);
        assertThat(userLine()).isEqualTo("supervisor.sichuan · Supervisor · 510000");

        // a report returned to a clerk is not the supervisor's to act on; a submitted one below them is
        setState("513400", 2019, "RETURNED");
        UI.getCurrent().getPage().reload();
        assertThat(menu()).isEqualTo(expected);
        setState("513400", 2018, "SUBMITTED");
        UI.getCurrent().getPage().reload();
        assertThat(menu()).contains("Inbox | inbox | vaadin:inbox | 1 (1 reports wait for you)");
        assertThat(accountButtons()).containsExactly("中文", "Change password", "Two-factor sign-in", "API tokens",
                "Sign out");
    }

    @Test
    @WithUserDetails("auditor")
    void anAuditorSeesTheReadingPagesOnly() {
        assertThat(menu()).containsExactly(
                "Dashboard |  | vaadin:dashboard",
                "Yearly figures | figures | vaadin:table",
                "Progress | progress | vaadin:grid-big",
                "Checks | figures/rules | vaadin:check-square-o",
                "Regions | regions | vaadin:sitemap",
                "Officials dispatched | dispatches | vaadin:user-star",
                "Pairing assistance | pairings | vaadin:handshake",
                "Audit trail | audit | vaadin:file-search");
        assertThat(userLine()).isEqualTo("auditor · Auditor · CN");
        assertThat(accountButtons()).containsExactly("中文", "Change password", "Two-factor sign-in", "API tokens",
                "Sign out");
    }

    /** Each item as "label | path | icon", with " | count (spoken label)" when it carries a badge. */
    private List<String> menu() {
        return find(MainLayout.class).single().nav.getItems().stream().map(this::describe).toList();
    }

    private String describe(SideNavItem item) {
        String text = item.getLabel() + " | " + item.getPath() + " | "
                + item.getPrefixComponent().getElement().getAttribute("icon");
        if (item.getSuffixComponent() instanceof Span badge) {
            assertThat(badge.getElement().getThemeList()).contains("badge", "pill");
            text += " | " + badge.getText() + " (" + badge.getElement().getAttribute("aria-label") + ")";
        }
        return text;
    }

    private String userLine() {
        return find(Span.class).all().stream().map(Span::getText).filter(t -> t.contains(" · ")).findFirst()
                .orElse("(none)");
    }

    /** The buttons of the account area at the foot of the drawer, top to bottom. */
    private List<String> accountButtons() {
        return find(Button.class).all().stream()
                .filter(b -> b.getParent().map(p -> p.hasClassName("app-user")).orElse(false))
                .map(Button::getText).toList();
    }

    /** Switches the language as the user does, and opens another page so the shell is drawn again. */
    private void inChinese() {
        test(find(MainLayout.class).single().language).click();
        UI.getCurrent().navigate("regions");
    }

    private void setState(String regionCode, int year, String state) {
        assertThat(jdbc.sql("""
                        update yearly_report set state = :state
                        where year = :year and region_id = (select id from region where code = :code)""")
                .param("state", state).param("year", year).param("code", regionCode).update()).isEqualTo(1);
    }
}
