package org.tuopin.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tuopin.audit.AuditLabelsCheck.EN;
import static org.tuopin.audit.AuditLabelsCheck.ZH;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.tuopin.audit.AuditLabelsCheck;

/** A region's audit entries read in the reader's language (DD019). */
class RegionAuditLabelsTest {

    final RegionAuditLabels labels = new RegionAuditLabels();

    @Test
    void aRegionsFieldsAndValuesRead() {
        assertThat(labels.label("region", "nameEn", EN)).hasValue("English name");
        assertThat(labels.label("region", "nameZh", ZH)).hasValue("中文名称");
        assertThat(labels.label("region", "parent", EN)).hasValue("Parent code");
        assertThat(labels.label("region", "designation", ZH)).hasValue("类别");
        assertThat(labels.label("region", "eightProvinces", EN)).hasValue("Eight provinces");
        assertThat(labels.value("region", "level", "PROVINCE", ZH)).hasValue("省级");
        assertThat(labels.value("region", "designation", "THREE_PREFECTURES", EN)).hasValue("Three prefectures");
        assertThat(labels.value("region", "eightProvinces", "true", ZH)).hasValue("是");
        assertThat(labels.value("region", "parent", "5134", EN)).as("region codes stay as stored").isEmpty();
    }

    @Test
    void everyFieldTheRegionsWriteHasALabelInBothLanguages() throws IOException {
        var written = AuditLabelsCheck.written("region").fields();
        assertThat(written).contains("nameEn", "designation");
        assertThat(written.stream().filter(f -> labels.label("region", f, EN).isEmpty()).toList()).isEmpty();
        AuditLabelsCheck.assertInBothBundles(labels.keys());
    }
}
