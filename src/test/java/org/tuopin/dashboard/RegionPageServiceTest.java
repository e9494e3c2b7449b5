package org.tuopin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.base.NotFoundException;
import org.tuopin.dashboard.RegionPageService.Comparison;
import org.tuopin.figures.FigureRow;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ValueKind;
import org.tuopin.region.RegionRef;

/** One region's page: its place, its figures, its regions below against its own figures, its officials and pairings. */
@TuopinTest
class RegionPageServiceTest {

    @Autowired
    RegionPageService pages;

    static Comparison find(List<Comparison> rows, int year, Metric metric, ValueKind kind) {
        return rows.stream().filter(c -> c.year() == year && c.metric() == metric && c.kind() == kind).findFirst()
                .orElseThrow();
    }

    @Test
    @WithUserDetails("supervisor")
    void liangshanSitsUnderChinaAndSichuanWithItsCountiesBelow() {
        var profile = pages.profile("513400");
        assertThat(profile.breadcrumb()).extracting(RegionRef::code).containsExactly("CN", "510000");
        assertThat(profile.below()).hasSize(11).allSatisfy(r -> assertThat(r.code()).startsWith("5134"));
        List<FigureRow> figures = pages.figures("513400");
        assertThat(figures).hasSize(8).allSatisfy(f -> assertThat(f.regionCode()).isEqualTo("513400"));
        assertThat(figures).filteredOn(f -> f.year() == 2019 && f.kind() == ValueKind.TARGET)
                .extracting(f -> f.metric().code() + "=" + f.plainValue() + " " + f.source())
                .containsExactlyInAnyOrder("people_lifted_out=238000 Suga 2019", "villages_exited=445 Suga 2019");
        assertThat(pages.dispatches("513400")).singleElement().satisfies(d -> {
            assertThat(d.count()).isEqualTo(5700);
            assertThat(d.role()).isEqualTo("COMPREHENSIVE_ASSISTANCE_TEAM");
        });
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aClerksBreadcrumbStartsAtTheirOwnRegion() {
        assertThat(pages.profile("513400").breadcrumb()).isEmpty();
        assertThat(pages.profile("513431").breadcrumb()).extracting(RegionRef::code).containsExactly("513400");
        assertThatThrownBy(() -> pages.profile("510000")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pages.figures("533300")).isInstanceOf(NotFoundException.class);
    }

    @Test
    @WithUserDetails("supervisor")
    void chinasOwnFiguresAreComparedWithTheTopmostRegionsBelowAndDiscrepanciesFlagged() {
        List<Comparison> rows = pages.belowAgainstOwn("CN", 2019);
        Comparison poor = find(rows, 2019, Metric.POOR_POPULATION, ValueKind.ACTUAL);
        assertThat(poor.own()).isEqualByComparingTo("11090000");
        assertThat(poor.below()).isEqualByComparingTo("16000");
        assertThat(poor.differs()).isTrue();
        // Inner Mongolia, Guangxi, Liangshan (for Sichuan), Nujiang (for Yunnan), Qinghai, Ningxia, Xinjiang
        Comparison lifted = find(rows, 2019, Metric.PEOPLE_LIFTED_OUT, ValueKind.ACTUAL);
        assertThat(lifted.below()).isEqualByComparingTo("2447000");
        assertThat(lifted.regionsBelow()).isEqualTo(7);
        assertThat(lifted.differs()).isTrue();
        // China reported no villages itself: nothing to compare, nothing flagged
        Comparison villages = find(rows, 2019, Metric.VILLAGES_EXITED, ValueKind.ACTUAL);
        assertThat(villages.own()).isNull();
        assertThat(villages.differs()).isFalse();
        // rates are not added up
        assertThat(rows).noneMatch(c -> c.metric() == Metric.POVERTY_INCIDENCE);
    }

    @Test
    @WithUserDetails("clerk.nujiang")
    void nujiangsCountyExitMatchesGongshansOwnFigure() {
        List<Comparison> rows = pages.belowAgainstOwn("533300", 2019);
        assertThat(rows).singleElement().satisfies(c -> {
            assertThat(c.metric()).isEqualTo(Metric.COUNTIES_EXITED);
            assertThat(c.year()).isEqualTo(2019);
            assertThat(c.own()).isEqualByComparingTo("1");
            assertThat(c.below()).isEqualByComparingTo("1");
            assertThat(c.differs()).isFalse();
        });
        assertThat(pages.dispatches("533300")).isEmpty();
    }

    @Test
    @WithUserDetails("supervisor")
    void yunnansPairingsListDonorTypeYearAndSource() {
        assertThat(pages.pairings("530000"))
                .extracting(p -> p.donor() + "|" + p.donorType() + "|" + p.year() + "|" + p.source())
                .containsExactly("Guangdong Province|EAST_WEST_PROVINCE|2018|China Daily 2019",
                        "Shanghai Municipality|EAST_WEST_PROVINCE|2018|China Daily 2019");
    }
}
