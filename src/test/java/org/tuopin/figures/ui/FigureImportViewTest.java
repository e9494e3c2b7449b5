package org.tuopin.figures.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;

/** The office checks a file, sees its problems by row and column, fixes it, and imports it. */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class FigureImportViewTest extends SpringBrowserlessTest {

    static final String HEADER = "region_code,year,metric,value,unit,kind,source,note\n";

    @Autowired
    JdbcClient jdbc;

    /** No test transaction: the import commits on its own, as in the running app. */
    @AfterEach
    void removeThe2020Reports() {
        jdbc.sql("delete from yearly_report where year = 2020 and region_id in (select id from region where code like '5134%')")
                .update();
    }

    private FigureImportView open() {
        UI.getCurrent().navigate("figures/import");
        return (FigureImportView) getCurrentView();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void importIsPossibleOnlyAfterACleanCheckOfTheSameFile() {
        FigureImportView view = open();
        assertThat(view.year.getValue()).as("the newest open year").isEqualTo(2020);
        assertThat(view.check.isEnabled()).isFalse();
        assertThat(view.importButton.isEnabled()).isFalse();

        view.receive("figures.csv", utf8(HEADER + "513431,2020,people_relocated,1200,persons,actual,,\n"
                + "513431,2020,counties_exited,1,persons,,,\n"));
        test(view.check).click();
        assertThat(view.importButton.isEnabled()).isFalse();
        assertThat(view.problems.isVisible()).isTrue();
        assertThat(test(view.problems).size()).isEqualTo(1);
        assertThat(test(view.problems).getCellText(0, 0)).isEqualTo("3");
        assertThat(test(view.problems).getCellText(0, 1)).isEqualTo("unit");
        assertThat(test(view.problems).getCellText(0, 2)).isEqualTo("The unit of Counties exited is counties, not persons.");
        assertThat(view.summary.getText()).isEqualTo("The file has 1 problems. Nothing has been imported.");

        view.receive("figures.csv", utf8(HEADER + "513431,2020,people_relocated,1200,persons,actual,,\n"));
        assertThat(view.importButton.isEnabled()).as("a new file needs a new check").isFalse();
        test(view.check).click();
        assertThat(view.summary.getText()).isEqualTo("No problems: 1 values can be imported.");
        assertThat(view.problems.isVisible()).isFalse();
        assertThat(view.importButton.isEnabled()).isTrue();
        assertThat(jdbc.sql("select count(*) from yearly_report where year = 2020 and region_id = "
                + "(select id from region where code = '513431')").query(Long.class).single()).as("the check stored nothing")
                .isZero();

        test(view.importButton).click();
        assertThat(view.summary.getText()).isEqualTo("Imported 1 values into draft reports.");
        assertThat(view.importButton.isEnabled()).isFalse();
        assertThat(jdbc.sql("""
                        select yr.state from yearly_report yr join region r on r.id = yr.region_id
                        where r.code = '513431' and yr.year = 2020""").query(String.class).single()).isEqualTo("DRAFT");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void anotherKindOfFileCannotBeChecked() {
        FigureImportView view = open();
        view.receive("figures.txt", utf8(HEADER));
        assertThat(view.check.isEnabled()).isFalse();
        view.receive("figures.xlsx", utf8(HEADER));
        test(view.check).click();
        assertThat(test(view.problems).getCellText(0, 2)).startsWith("The file cannot be read as an Excel workbook");
    }
}
