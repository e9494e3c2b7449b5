package org.tuopin.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tuopin.audit.AuditLabelsCheck.EN;
import static org.tuopin.audit.AuditLabelsCheck.ZH;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.tuopin.audit.AuditLabelsCheck;

/** A pairing record's audit entries read in the reader's language (DD019), with the export's column names. */
class PairingAuditLabelsTest {

    final PairingAuditLabels labels = new PairingAuditLabels();

    @Test
    void aPairingsFieldsAndValuesRead() {
        assertThat(labels.label("pairing", "donor", EN)).hasValue("Donor");
        assertThat(labels.label("pairing", "donor", ZH)).hasValue("帮扶方");
        assertThat(labels.label("pairing", "recipient_code", ZH)).hasValue("受援地区");
        assertThat(labels.label("pairing", "projects", EN)).hasValue("Projects");
        assertThat(labels.value("pairing", "projects", "1200", EN)).hasValue("1,200");
        assertThat(labels.value("pairing", "funds_pledged_rmb", "8000000", EN)).hasValue("8,000,000");
        assertThat(labels.value("pairing", "donor_type", "MILITARY", ZH)).hasValue("军队");
        assertThat(labels.value("pairing", "year", "2019", EN)).as("a year is not a count").isEmpty();
    }

    @Test
    void everyFieldThePairingsWriteHasALabelInBothLanguages() throws IOException {
        var written = AuditLabelsCheck.written("pairing").fields();
        assertThat(written).contains("donor_type", "funds_delivered_rmb");
        assertThat(written.stream().filter(f -> labels.label(PairingService.ENTITY_TYPE, f, EN).isEmpty()).toList())
                .isEmpty();
        AuditLabelsCheck.assertInBothBundles(labels.keys());
    }
}
