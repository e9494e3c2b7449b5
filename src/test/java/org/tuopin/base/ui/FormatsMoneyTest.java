package org.tuopin.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Money in whole RMB or in 万元, and ratios as percentages, as readers of each language expect them. */
class FormatsMoneyTest {

    static final Locale ZH = Locale.forLanguageTag("zh-CN");

    @Test
    void wholeRmbGetsTheReadersGrouping() {
        assertThat(Formats.money(275_000_000L, Locale.ENGLISH, false)).isEqualTo("275,000,000");
        assertThat(Formats.money(275_000_000L, ZH, false)).isEqualTo("275,000,000");
        assertThat(Formats.money(275_000_000L, Locale.GERMANY, false)).isEqualTo("275.000.000");
        assertThat(Formats.money(0L, Locale.ENGLISH, false)).isEqualTo("0");
    }

    @Test
    void tenThousandRmbUnitsKeepEveryYuan() {
        assertThat(Formats.money(275_000_000L, Locale.ENGLISH, true)).isEqualTo("27,500");
        assertThat(Formats.money(18_819_000_000L, ZH, true)).isEqualTo("1,881,900");
        assertThat(Formats.money(2_760_000L, Locale.ENGLISH, true)).isEqualTo("276");
        assertThat(Formats.money(12_345L, Locale.ENGLISH, true)).as("no yuan rounded away").isEqualTo("1.2345");
        assertThat(Formats.money(5L, Locale.ENGLISH, true)).isEqualTo("0.0005");
    }

    @Test
    void ratiosArePercentagesWithOneDecimal() {
        assertThat(Formats.percent(new BigDecimal("0.8534"), Locale.ENGLISH)).isEqualTo("85.3 %");
        assertThat(Formats.percent(new BigDecimal("1.2"), Locale.ENGLISH)).isEqualTo("120 %");
        assertThat(Formats.percent(new BigDecimal("0.99996"), Locale.ENGLISH)).isEqualTo("100 %");
    }
}
