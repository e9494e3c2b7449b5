package org.tuopin.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;

/**
 * The tree grids learn which rows can be expanded from one query per page of rows (DD013), and it answers what a
 * count per row answered: in scope, and under the designation filter.
 */
@TuopinTest
class RegionChildFlagsTest {

    @Autowired
    RegionService regions;

    @Test
    @WithUserDetails("clerk.liangshan")
    void aPrefectureHasChildrenAndItsCountiesHaveNone() {
        List<RegionNode> root = regions.children(null, 0, 10);
        assertThat(root).extracting(RegionNode::code).containsExactly("513400");
        assertThat(regions.withChildren(root, null)).containsExactly(root.getFirst().id());

        List<RegionNode> counties = regions.children(root.getFirst(), 0, 100);
        assertThat(counties).isNotEmpty();
        assertThat(regions.withChildren(counties, null)).isEmpty();
        assertThat(regions.withChildren(List.of(), null)).isEmpty();
    }

    @Test
    @WithUserDetails("supervisor")
    void theFlagsAgreeWithTheCountsForEveryRowAndDesignation() {
        List<RegionNode> nation = regions.children(null, 0, 1);
        List<RegionNode> provinces = regions.children(nation.getFirst(), 0, 100);
        assertThat(provinces).hasSizeGreaterThan(1);
        for (Designation designation : new Designation[] {null, Designation.THREE_AREAS, Designation.THREE_PREFECTURES}) {
            List<RegionNode> rows = designation == null ? provinces
                    : regions.children(nation.getFirst(), designation, 0, 100);
            var flagged = regions.withChildren(rows, designation);
            for (RegionNode row : rows) {
                assertThat(flagged.contains(row.id())).as("%s under %s", row.code(), designation)
                        .isEqualTo(regions.childCount(row, designation) > 0);
            }
        }
        // with a designation, a province without such a region below it is no parent at all
        assertThat(regions.withChildren(provinces, Designation.THREE_PREFECTURES))
                .hasSizeLessThan(regions.withChildren(provinces, null).size());
    }
}
