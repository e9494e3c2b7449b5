package org.tuopin.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tuopin.audit.AuditLabelsCheck.EN;
import static org.tuopin.audit.AuditLabelsCheck.ZH;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.tuopin.audit.AuditLabelsCheck;

/** A roster posting's audit entries read in the reader's language (DD019); the audit view asks these labels. */
class PostingAuditLabelsTest {

    final PostingAuditLabels labels = new PostingAuditLabels();

    @Test
    void aPostingsFieldsReadAsTheFormNamesThem() {
        assertThat(labels.label("dispatch", "sendingOrganisation", EN)).hasValue("Sending organisation");
        assertThat(labels.label("dispatch", "sendingOrganisation", ZH)).hasValue("派出单位");
        assertThat(labels.label("dispatch", "rank", ZH)).hasValue("职级");
        assertThat(labels.label("dispatch", "bilingual", EN)).hasValue("Works bilingually");
        assertThat(labels.label("dispatch", "endDate", ZH)).hasValue("结束日期");
        assertThat(labels.value("dispatch", "rank", "SECTION_LEVEL", EN)).hasValue("Section level");
        assertThat(labels.value("dispatch", "village", "Sanhe Village", EN)).as("names stay as stored").isEmpty();
    }

    @Test
    void aPostingsRoleAndRegionAreItsOwnMeaningOnly() {
        assertThat(labels.label("dispatch", "role", ZH)).hasValue("选派类型");
        assertThat(labels.value("dispatch", "role", "FIRST_SECRETARY", ZH)).hasValue("驻村第一书记");
        // an account's role is an access role: another module reads it
        assertThat(labels.label("account", "role", ZH)).isEmpty();
        assertThat(labels.label(null, "region", EN)).isEmpty();
        assertThat(labels.label("account", "officialNo", EN)).as("other fields read so wherever they appear")
                .hasValue("Official id number");
    }

    @Test
    void everyFieldTheRosterWritesHasALabelInBothLanguages() throws IOException {
        var written = AuditLabelsCheck.written("dispatch").fields();
        assertThat(written).contains("officialNo", "role", "bilingual");
        assertThat(written.stream().filter(f -> labels.label(DispatchService.ENTITY_TYPE, f, EN).isEmpty()).toList())
                .isEmpty();
        AuditLabelsCheck.assertInBothBundles(labels.keys());
    }
}
