package org.tuopin.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.TuopinTest;
import org.tuopin.base.UserError;

@TuopinTest
@Transactional
class RegionAdministrationTest {

    @Autowired
    RegionService regions;
    @Autowired
    JdbcClient jdbc;

    @Test
    @WithUserDetails("admin")
    void aNewCountyGoesOneLevelBelowItsPrefectureAndIntoTheScopeQueries() {
        RegionNode county = regions.create(new RegionService.NewRegion("533300", "533399", "Example County", "示例县",
                Designation.THREE_PREFECTURES, false));
        assertThat(county.level()).isEqualTo(RegionLevel.COUNTY);
        assertThat(jdbc.sql("select path from region where code = '533399'").query(String.class).single())
                .isEqualTo("CN/530000/533300/533399/");
        assertThat(jdbc.sql("select action || ':' || entity_id from audit_entry order by seq desc limit 1")
                .query(String.class).single()).isEqualTo("CREATE:533399");

        RegionNode renamed = regions.update("533399", regions.version("533399"), "Example County (renamed)", "示例县",
                Designation.THREE_PREFECTURES, false);
        assertThat(renamed.nameEn()).isEqualTo("Example County (renamed)");
    }

    @Test
    @WithUserDetails("admin")
    void badRegionsAreRefusedWithAReason() {
        assertThatThrownBy(() -> regions.create(new RegionService.NewRegion("533300", "0123", "X", "X", null, false)))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.messageKey()).isEqualTo("regions.error.code"));
        assertThatThrownBy(() -> regions.create(new RegionService.NewRegion("533300", "533301", "X", "X", null, false)))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.messageKey()).isEqualTo("regions.error.taken"));
        assertThatThrownBy(() -> regions.create(new RegionService.NewRegion("533301", "533398", "X", "X", null, false)))
                .isInstanceOfSatisfying(UserError.class,
                        e -> assertThat(e.messageKey()).isEqualTo("regions.error.belowCounty"));
        assertThatThrownBy(() -> regions.create(new RegionService.NewRegion("533300", "533397", " ", "X", null, false)))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.messageKey()).isEqualTo("regions.error.names"));
    }
}
