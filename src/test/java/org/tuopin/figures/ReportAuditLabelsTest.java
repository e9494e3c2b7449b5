package org.tuopin.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tuopin.audit.AuditLabelsCheck.EN;
import static org.tuopin.audit.AuditLabelsCheck.ZH;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tuopin.audit.AuditLabelsCheck;

/** The audit entries of reports and reporting years read in the reader's language (DD019). */
class ReportAuditLabelsTest {

    final ReportAuditLabels labels = new ReportAuditLabels();

    @Test
    void aReportsAndAYearsFieldsRead() {
        assertThat(labels.label("report", "comment", EN)).hasValue("Comment");
        assertThat(labels.label("report", "comment", ZH)).hasValue("评论");
        assertThat(labels.label("reporting_year", "open", EN)).hasValue("Open for entering figures");
        assertThat(labels.label("reporting_year", "exceptionUntil", ZH)).hasValue("例外截止日期");
        assertThat(labels.label("report", "funds_total/baseline/followUp", EN))
                .hasValue("Funds, total, baseline (follow up)");
        assertThat(labels.value("report", "poor_population/actual/followUp", "false", ZH)).hasValue("否");
        assertThat(labels.value("report", "poor_population/actual/note", "checked", EN)).as("notes stay as stored")
                .isEmpty();
    }

    @Test
    void everyMetricKindAndPartComposesALabelInBothLanguages() {
        for (Metric metric : Metric.values()) {
            for (ValueKind kind : ValueKind.values()) {
                for (String suffix : List.of("", "/source", "/note", "/followUp")) {
                    String field = metric.code() + "/" + kind.code() + suffix;
                    assertThat(labels.label("report", field, EN)).as(field).get().asString().doesNotContain("!", "/");
                    assertThat(labels.label("report", field, ZH)).as(field).get().asString().doesNotContain("!", "/");
                }
            }
        }
    }

    @Test
    void everyFieldTheReportsWriteHasALabelInBothLanguages() throws IOException {
        var written = AuditLabelsCheck.written("figures");
        assertThat(written.fields()).contains("state", "open");
        assertThat(written.fields().stream().filter(f -> labels.label("report", f, EN).isEmpty()).toList()).isEmpty();
        assertThat(written.composedParts()).as("the parts of a figure field the labels compose")
                .isSubsetOf(ReportAuditLabels.FIGURE_PARTS.keySet()).contains("source", "note");
        AuditLabelsCheck.assertInBothBundles(labels.keys());
    }
}
