package org.tuopin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Journey 5: the Nujiang office uploads a file with mistakes, reads every problem by row and column, then uploads
 * a clean file and imports it into a draft report. Works on Gongshan (533324), 2020.
 */
class ImportIT extends BrowserJourney {

    static final String WITH_ERRORS = """
            region_code,year,metric,value,unit,kind,source,note
            533324,2020,people_relocated,-5,persons,actual,,
            533324,2020,people_moved,100,persons,actual,,
            513400,2020,people_relocated,10,persons,actual,,
            """;
    static final String CLEAN = """
            region_code,year,metric,value,unit,kind,source,note
            533324,2020,people_relocated,450,persons,actual,Gongshan relocation office,
            533324,2020,poor_population,2100,persons,actual,Gongshan poverty register,
            """;

    @Test
    void aFileWithMistakesIsRefusedRowByRowAndACleanOneIsImported() throws Exception {
        Shell shell = signIn("clerk.nujiang");
        ImportPage page = ImportPage.from(shell, browser());

        page.upload("gongshan-draft.csv", WITH_ERRORS).check();
        assertThat(page.summary()).isEqualTo("The file has 3 problems. Nothing has been imported.");
        assertThat(page.problems()).satisfiesExactlyInAnyOrder(
                row -> assertThat(row).startsWith("2").anySatisfy(c -> assertThat(c).startsWith("Negative value: -5")),
                row -> assertThat(row).startsWith("3").anySatisfy(c -> assertThat(c).isEqualTo("Unknown metric: people_moved.")),
                row -> assertThat(row).startsWith("4").anySatisfy(c -> assertThat(c).contains("outside your area: 513400")));
        assertThat(page.importEnabled()).as("a file with problems cannot be imported").isFalse();

        page.removeFile().upload("gongshan.csv", CLEAN).check();
        assertThat(page.summary()).isEqualTo("No problems: 2 values can be imported.");
        assertThat(page.importEnabled()).isTrue();
        page.importFile();
        assertThat(browser().awaitNotification("Imported 2 values")).isEqualTo("Imported 2 values into draft reports.");

        ReportFormPage form = ReportFormPage.open(browser(), "533324", 2020);
        assertThat(form.state()).isEqualTo("Draft");
        assertThat(form.valueOf("People relocated (persons)")).isEqualTo("450");
        assertThat(browser().valueOf(form.source("People relocated (persons)"))).isEqualTo("Gongshan relocation office");
        assertThat(form.valueOf("Poor population (persons)")).isEqualTo("2100");
    }
}
