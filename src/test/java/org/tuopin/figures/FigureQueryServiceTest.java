package org.tuopin.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.SortKey;
import org.tuopin.region.Designation;

/** The figures a user can read are exactly those of their region and below, whatever the filter. */
@TuopinTest
class FigureQueryServiceTest {

    @Autowired
    FigureQueryService figures;

    @Test
    @WithUserDetails("clerk.liangshan")
    void aPrefectureClerkSeesItsOwnRegionAndNothingElse() {
        List<FigureRow> rows = figures.find(FigureFilter.none(), List.of(), 0, 1000);
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.regionCode()).startsWith("5134"));
        assertThat(figures.count(FigureFilter.none())).isEqualTo(rows.size());
        assertThatThrownBy(() -> figures.count(new FigureFilter(null, "533300", null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> figures.count(new FigureFilter(null, "GROUP:THREE_AREAS_THREE_PREFECTURES", null)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    @WithUserDetails("clerk.nujiang")
    void anotherPrefectureSeesItsOwnFigures() {
        List<FigureRow> rows = figures.find(FigureFilter.none(), List.of(), 0, 1000);
        assertThat(rows).extracting(FigureRow::regionCode).containsOnly("533300", "533324");
    }

    @Test
    @WithUserDetails("supervisor.sichuan")
    void aProvinceSeesItsPrefecturesButNoGroupWithMembersElsewhere() {
        List<FigureRow> rows = figures.find(FigureFilter.none(), List.of(), 0, 1000);
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.regionCode()).startsWith("51"));
    }

    @Test
    @WithUserDetails("auditor")
    void theNationalAuditorSeesRegionsAndGroups() {
        assertThat(figures.count(FigureFilter.none())).isEqualTo(123);
        List<FigureRow> groupRows = figures.find(new FigureFilter(null, "GROUP:THREE_AREAS_THREE_PREFECTURES", null), List.of(), 0, 100);
        assertThat(groupRows).isNotEmpty().allSatisfy(r -> assertThat(r.regionCode()).isEqualTo("GROUP:THREE_AREAS_THREE_PREFECTURES"));
    }

    @Test
    @WithUserDetails("auditor")
    void filtersPagesAndSortsHappenInTheDatabase() {
        FigureFilter prefectures = new FigureFilter(2019, null, Designation.THREE_PREFECTURES);
        List<FigureRow> rows = figures.find(prefectures, List.of(new SortKey("value", true)), 0, 100);
        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.year()).isEqualTo(2019);
            assertThat(r.regionCode()).matches("5134.*|5333.*|6229.*");
        });
        assertThat(rows).extracting(FigureRow::value).isSortedAccordingTo((a, b) -> b.compareTo(a));

        int total = figures.count(FigureFilter.none());
        List<FigureRow> page1 = figures.find(FigureFilter.none(), List.of(), 0, 50);
        List<FigureRow> page3 = figures.find(FigureFilter.none(), List.of(), 100, 50);
        assertThat(page1).hasSize(50);
        assertThat(page3).hasSize(total - 100);
        assertThat(page1).extracting(FigureRow::id).doesNotContainAnyElementsOf(page3.stream().map(FigureRow::id).toList());
    }

    @Test
    void withoutASignedInUserNothingIsRead() {
        assertThatThrownBy(() -> figures.count(FigureFilter.none()))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }
}
