package org.tuopin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
/**
 * Journey 7: switching to Chinese changes the menu, a grid's headers and a validation message; switching back
 * restores English. The choice is remembered per account, so the journey always switches clerk.nujiang back.
 */
class LanguageIT extends BrowserJourney {

    static final List<String> MENU_ZH = List.of("总览", "年度数据", "填报进度", "待办", "校验规则", "行政区划", "导入数据",
            "选派干部", "结对帮扶", "审计记录");

    @Test
    void chineseChangesTheMenuAGridHeaderAndAValidationMessage() {
        Shell shell = signIn("clerk.nujiang");
        assertThat(shell.menu()).contains("Progress");
        try {
            shell = shell.switchLanguage("中文");
            assertThat(shell.menu()).isEqualTo(MENU_ZH);

            ProgressPage progress = ProgressPage.from(shell, browser(), "填报进度");
            assertThat(progress.regionHeaders()).contains("地区", "2020").doesNotContain("Region");
            assertThat(progress.completenessHeaders()).contains("年份", "应报地区数");

            ReportFormPage form = ReportFormPage.open(browser(), "533300", 2020);
            assertThat(form.state()).isEqualTo("未开始");
            form.enter("脱贫人口 (人)", "1.5");
            browser().click("保存草稿");
            assertThat(browser().awaitNotification("整数")).isEqualTo("脱贫人口 的数值必须为整数。");
        } finally {
            browser().open("");
            Shell current = Shell.at(browser());
            if (current.menu().contains("总览")) {
                current.switchLanguage("English");
            }
        }
        assertThat(Shell.at(browser()).menu()).isEqualTo(SignInIT.DATA_ENTRY);
    }
}
