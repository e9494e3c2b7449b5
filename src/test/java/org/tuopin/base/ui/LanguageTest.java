package org.tuopin.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Locale;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNavItem;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.TuopinTest;
import org.tuopin.figures.Unit;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
@Transactional
class LanguageTest extends SpringBrowserlessTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    @WithUserDetails("clerk.liangshan")
    void switchingToChineseChangesTheScreensAndIsRemembered() {
        MainLayout layout = find(MainLayout.class).single();
        assertThat(layout.language.getText()).isEqualTo("中文");
        test(layout.language).click();
        assertThat(jdbc.sql("select locale from account where username = 'clerk.liangshan'").query(String.class).single())
                .isEqualTo("zh-CN");
        assertThat(UI.getCurrent().getLocale().getLanguage()).isEqualTo("zh");

        UI.getCurrent().navigate("figures");
        MainLayout chinese = find(MainLayout.class).single();
        assertThat(chinese.nav.getItems()).extracting(SideNavItem::getLabel)
                .contains("总览", "年度数据", "填报进度", "待办", "校验规则", "行政区划");
        assertThat(chinese.language.getText()).isEqualTo("English");

        // Vaadin's own component texts follow too: the audit view's date pickers name months in Chinese
        UI.getCurrent().navigate("audit");
        var pickers = find(com.vaadin.flow.component.datepicker.DatePicker.class).all();
        assertThat(pickers).isNotEmpty();
        assertThat(pickers.getFirst().getI18n().getMonthNames().getFirst()).isEqualTo("一月");
        assertThat(pickers.getFirst().getI18n().getToday()).isEqualTo("今天");
        assertThat(pickers.getFirst().getI18n().getBadInputErrorMessage()).startsWith("不是有效日期");
    }

    @Test
    void chineseShowsLargeFiguresInWanAndYi() {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        assertThat(Formats.compact(new BigDecimal("3708000000"), Unit.RMB, zh)).isEqualTo("37.08亿");
        assertThat(Formats.compact(new BigDecimal("141000"), Unit.PERSONS, zh)).isEqualTo("14.1万");
        assertThat(Formats.compact(new BigDecimal("9999"), Unit.PERSONS, zh)).isEqualTo("9,999");
        assertThat(Formats.compact(new BigDecimal("7.1"), Unit.PERCENT, zh)).isEqualTo("7.1");
        assertThat(Formats.compact(new BigDecimal("3708000000"), Unit.RMB, Locale.ENGLISH)).isEqualTo("3,708,000,000");
    }
}
