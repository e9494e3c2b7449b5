package org.tuopin.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditLabels;
import org.tuopin.audit.AuditLabelsCheck;
import org.tuopin.audit.AuditQueryService.AuditRow;
import org.tuopin.audit.FieldChange;
import org.tuopin.base.TuopinI18NProvider;
import org.tuopin.figures.ValueKind;

/**
 * The audit trail's field names and values read in the reader's language, and never blank: through the
 * {@link AuditLabels} the modules contribute, found as the application finds them (a component scan of
 * {@code org.tuopin}), so a contribution that is not a bean fails here.
 */
@SpringJUnitConfig(ChangeLabelsTest.Contributions.class)
class ChangeLabelsTest {

    @Configuration
    @ComponentScan(basePackages = "org.tuopin", useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = AuditLabels.class))
    static class Contributions {
    }

    static final TuopinI18NProvider PROVIDER = new TuopinI18NProvider();

    @Autowired
    List<AuditLabels> contributions;

    ChangeLabels EN;
    ChangeLabels ZH;

    @BeforeEach
    void labels() {
        EN = labels(Locale.ENGLISH);
        ZH = labels(Locale.SIMPLIFIED_CHINESE);
    }

    ChangeLabels labels(Locale locale) {
        return new ChangeLabels(contributions, (key, args) -> PROVIDER.getTranslation(key, locale, args), locale);
    }

    @Test
    void fieldsReadAsLabelsInBothLanguages() {
        assertThat(EN.label("dispatch", "officialNo")).isEqualTo("Official id number");
        assertThat(ZH.label("dispatch", "officialNo")).isEqualTo("干部身份证号");
        assertThat(EN.label("pairing", "funds_delivered_rmb")).isEqualTo("Funds delivered (RMB)");
        assertThat(ZH.label("pairing", "funds_delivered_rmb")).isEqualTo("到位资金（元）");
        assertThat(EN.label("report", "poor_population/actual")).isEqualTo("Poor population, actual");
        assertThat(ZH.label("report", "poor_population/actual")).isEqualTo("贫困人口（实际数）");
        assertThat(EN.label("report", "people_relocated/target/source")).isEqualTo("People relocated, target (source)");
        assertThat(ZH.label("report", "people_relocated/target/note")).isEqualTo("易地扶贫搬迁人口（目标数）·备注");
        assertThat(EN.label("report", "state")).isEqualTo("State");
        assertThat(ZH.label("report", "state")).isEqualTo("状态");
    }

    @Test
    void aFieldNameMeansWhatItsRecordTypeMeansByIt() {
        assertThat(EN.label("dispatch", "role")).isEqualTo("Role");
        assertThat(ZH.label("dispatch", "role")).isEqualTo("选派类型");
        assertThat(ZH.label("account", "role")).isEqualTo("角色");
        assertThat(EN.label("dispatch", "region")).isEqualTo("County or prefecture");
        assertThat(EN.label("account", "region")).isEqualTo("Region");
        assertThat(EN.value("dispatch", "role", "FIRST_SECRETARY")).isEqualTo("First secretary");
        assertThat(ZH.value("dispatch", "role", "FIRST_SECRETARY")).isEqualTo("驻村第一书记");
        assertThat(EN.value("account", "role", "DATA_ENTRY")).isEqualTo("Data entry");
        assertThat(ZH.value("account", "role", "SUPERVISOR")).isEqualTo("审核人");
        // an entry of no record type, or of one no module owns, reads a field as the module that writes it does
        assertThat(ZH.label(null, "role")).isEqualTo("角色");
        assertThat(ZH.value(null, "role", "SUPERVISOR")).isEqualTo("审核人");
        assertThat(ZH.label("retired", "officialNo")).isEqualTo("干部身份证号");
        assertThat(EN.value("retired", "funds_delivered_rmb", "6500000")).isEqualTo("6,500,000");
    }

    @Test
    void codesReadAsTheirNamesAndNumbersWithTheReadersGrouping() {
        assertThat(EN.value("report", "state", "SUBMITTED")).isEqualTo("Submitted");
        assertThat(ZH.value("report", "state", "APPROVED")).isEqualTo("已审核");
        assertThat(EN.value("pairing", "donor_type", "EAST_WEST_PROVINCE"))
                .isEqualTo("East–west province or municipality");
        assertThat(ZH.value("dispatch", "rank", "SECTION_LEVEL")).isEqualTo("科级");
        assertThat(EN.value("region", "level", "COUNTY")).isEqualTo("County");
        assertThat(ZH.value("region", "designation", "THREE_AREAS")).isEqualTo("三区");
        assertThat(EN.value("dispatch", "bilingual", "true")).isEqualTo("Yes");
        assertThat(ZH.value("dispatch", "bilingual", "false")).isEqualTo("否");
        assertThat(EN.value("report", "poor_population/actual/followUp", "true")).isEqualTo("Yes");
        assertThat(EN.value("reporting_year", "open", "false")).isEqualTo("Closed");
        assertThat(ZH.value("reporting_year", "open", "true")).isEqualTo("开放");

        assertThat(EN.value("report", "poor_population/actual", "141000")).isEqualTo("141,000");
        assertThat(EN.value("report", "poverty_incidence/actual", "7.10")).isEqualTo("7.1");
        assertThat(EN.value("pairing", "funds_delivered_rmb", "6500000")).isEqualTo("6,500,000");
        assertThat(EN.value("pairing", "people_helped", "3400")).isEqualTo("3,400");
        assertThat(EN.value("export", "rows", "12345")).isEqualTo("12,345");
    }

    @Test
    void plainValuesStayAsStored() {
        assertThat(EN.value("dispatch", "startDate", "2017-01-01")).isEqualTo("2017-01-01");
        assertThat(EN.value("pairing", "year", "2019")).as("a year is not a count").isEqualTo("2019");
        assertThat(EN.value("dispatch", "region", "513431")).isEqualTo("513431");
        assertThat(ZH.value("dispatch", "name", "Aniu Ashi")).isEqualTo("Aniu Ashi");
        assertThat(EN.value("report", "poor_population/actual/source", "Zhaojue office")).isEqualTo("Zhaojue office");
        assertThat(EN.value("dispatch", "village", null)).isEqualTo("–");
    }

    @Test
    void unknownFieldsAndValuesFallBackToWhatWasStored() {
        // fields an older version wrote, or a future one: the raw name, never blank, never an exception
        assertThat(EN.label("report", "retiredField")).isEqualTo("retiredField");
        assertThat(ZH.label(null, "retiredField")).isEqualTo("retiredField");
        assertThat(EN.label("report", "no_such_metric/actual")).isEqualTo("no_such_metric/actual");
        assertThat(EN.label("report", "poor_population/sometimes")).isEqualTo("poor_population/sometimes");
        assertThat(EN.label("report", "poor_population/actual/colour")).isEqualTo("poor_population/actual/colour");
        assertThat(EN.label("report", "/")).isEqualTo("/");
        assertThat(EN.label("report", "")).isEmpty();
        assertThat(EN.labelled("report", "retiredField")).isFalse();
        // values that are not the code or number the field holds today
        assertThat(EN.value("report", "state", "ARCHIVED")).isEqualTo("ARCHIVED");
        assertThat(EN.value("dispatch", "role", "ASSISTANT")).isEqualTo("ASSISTANT");
        assertThat(EN.value("dispatch", "bilingual", "sometimes")).isEqualTo("sometimes");
        assertThat(EN.value("pairing", "funds_delivered_rmb", "12.5")).isEqualTo("12.5");
        assertThat(EN.value("report", "poor_population/actual", "many")).isEqualTo("many");
        assertThat(EN.value("retired", "retiredField", "x")).isEqualTo("x");
    }

    @Test
    void anEntryReadsAsOneLineAndADeletionShowsItsLastValues() {
        AuditRow update = row(AuditAction.UPDATE, "dispatch", List.of(new FieldChange("officialNo", "510", "513"),
                new FieldChange("role", "VILLAGE_WORK_TEAM", "FIRST_SECRETARY"), new FieldChange("oldField", null, "x")));
        assertThat(EN.describe(update)).isEqualTo("Official id number: 510 → 513; Role: Village work team member → "
                + "First secretary; oldField: – → x");
        assertThat(ZH.describe(update)).isEqualTo("干部身份证号：510 → 513；选派类型：驻村工作队队员 → 驻村第一书记；oldField：– → x");
        AuditRow deletion = row(AuditAction.DELETE, "pairing", List.of(new FieldChange("donor_type", "MILITARY", null)));
        assertThat(EN.describe(deletion)).isEqualTo("Donor type: Military");
        assertThat(ZH.describe(deletion)).isEqualTo("帮扶方类型：军队");
    }

    static AuditRow row(AuditAction action, String entityType, List<FieldChange> changes) {
        return new AuditRow(1, Instant.parse("2020-03-31T08:00:00Z"), "clerk.liangshan", "DATA_ENTRY", null, action,
                entityType, "1", "513431", changes, null, "0".repeat(64));
    }

    @Test
    void everyKeyTheLabelsUseExistsInBothLanguages() throws IOException {
        AuditLabelsCheck.assertInBothBundles(EN.keys());
        assertThat(EN.keys()).as("the modules' keys are asked for too")
                .contains("dispatch.officialNo", "column.designation", "audit.field.figure", "accounts.username");
    }

    /**
     * The fence against a new unlabelled field: every field name the application writes into the audit trail,
     * found in its sources as {@code FieldChange.of("name", ...)}, {@code new FieldChange("name", ...)} or a helper
     * call {@code field(changes, "name", ...)}, has a label. A name composed in code ({@code field + "/source"})
     * may only add the parts of a figure field that the labels know.
     */
    @Test
    void everyFieldTheServicesWriteHasALabel() throws IOException {
        AuditLabelsCheck.Written scan = AuditLabelsCheck.written("");
        Set<String> written = scan.fields();
        assertThat(written).as("the scan finds the writers").contains("officialNo", "state", "funds_delivered_rmb",
                "totpRequired", "bytesWritten", "version");
        assertThat(written.stream().filter(f -> !EN.labelled(null, f)).toList())
                .as("fields written into the audit trail that no contribution labels").isEmpty();
        Set<String> knownParts = new TreeSet<>(List.of("source", "note", "followUp"));
        for (ValueKind kind : ValueKind.values()) {
            knownParts.add(kind.code());
        }
        assertThat(scan.composedParts()).as("composed field names the labels cannot read").isSubsetOf(knownParts)
                .contains("source", "followUp");
    }
}
