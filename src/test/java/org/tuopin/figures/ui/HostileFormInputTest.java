package org.tuopin.figures.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.notification.Notification;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.corpus.CorpusFile;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ValueKind;
import org.tuopin.figures.rules.ValueKey;

/**
 * The hostile-input corpus typed into the report form, as the browser would send it: every hostile number is
 * refused with a message beside the field, in a notification or among the findings, and nothing is stored;
 * hostile notes are refused with a message, or stored and shown back exactly as typed, as text.
 */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class HostileFormInputTest extends SpringBrowserlessTest {

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void removeThe2020Reports() {
        jdbc.sql("delete from yearly_report where year = 2020 and region_id in (select id from region where code like '5134%')")
                .update();
    }

    private ReportFormView open() {
        UI.getCurrent().navigate("figures/513400/2020");
        return (ReportFormView) getCurrentView();
    }

    private int storedValues() {
        return jdbc.sql("""
                        select count(*) from figure_value fv join yearly_report yr on yr.id = fv.report_id
                        join region r on r.id = yr.region_id where r.code = '513400' and yr.year = 2020""")
                .query(Integer.class).single();
    }

    private List<String> errorNotifications() {
        return find(Notification.class).all().stream().map(n -> n.getElement().getProperty("text", "")).toList();
    }

    static Stream<Arguments> numbers() {
        return CorpusFile.rows("numbers.tsv").stream().map(c -> Arguments.of(CorpusFile.label(c[0]), c[1], c[0]));
    }

    @ParameterizedTest(name = "form value {0} ({1})")
    @MethodSource("numbers")
    @WithUserDetails("clerk.liangshan")
    void aHostileNumberTypedIntoTheFormIsRefusedWithAMessage(String label, String category, String cell) {
        ReportFormView view = open();
        var field = view.rows.get(new ValueKey(Metric.PEOPLE_RELOCATED, ValueKind.ACTUAL)).value;
        String typed = CorpusFile.text(cell);
        // what the browser sends: the typed text in the input element, and as the value when it can be read
        field.getElement().setProperty("_inputElementValue", typed);
        field.getElement().setProperty("value", typed);
        test(view.save).click();

        assertThat(storedValues()).as("nothing stored").isZero();
        if (typed.strip().isEmpty()) {
            // blank is "no value" in the form: nothing to refuse, and nothing was stored
            assertThat(field.getValue()).isNull();
            return;
        }
        boolean fieldMessage = field.isInvalid() && !field.getErrorMessage().isBlank();
        boolean finding = find(ListItem.class, view.findings).all().stream()
                .anyMatch(item -> item.getText().startsWith("Error: "));
        boolean notification = !errorNotifications().isEmpty();
        assertThat(fieldMessage || finding || notification).as("a message says why").isTrue();
        assertThat(view.state.getText()).isEqualTo("Not started");
    }

    static Stream<Arguments> texts() {
        return CorpusFile.rows("texts.tsv").stream().map(c -> Arguments.of(c[0], CorpusFile.label(c[1]), c[1]));
    }

    @ParameterizedTest(name = "form note {1}: {0}")
    @MethodSource("texts")
    @WithUserDetails("clerk.liangshan")
    void aHostileNoteIsRefusedOrShownBackAsText(String expect, String label, String cell) {
        ReportFormView view = open();
        ReportFormView.ValueRow row = view.rows.get(new ValueKey(Metric.PEOPLE_RELOCATED, ValueKind.ACTUAL));
        String text = CorpusFile.text(cell);
        test(row.value).setValue(new BigDecimal("100"));
        test(row.note).setValue(text);
        test(view.save).click();

        if ("refused".equals(expect)) {
            assertThat(storedValues()).as("nothing stored").isZero();
            assertThat(errorNotifications()).as("a message says why").isNotEmpty();
            return;
        }
        assertThat(view.state.getText()).isEqualTo("Draft");
        assertThat(jdbc.sql("""
                        select fv.note from figure_value fv join yearly_report yr on yr.id = fv.report_id
                        join region r on r.id = yr.region_id where r.code = '513400' and yr.year = 2020""")
                .query(String.class).single()).isEqualTo(text.strip());
        // opened again, the note is the field's text value, never parsed as markup
        ReportFormView again = open();
        var note = again.rows.get(new ValueKey(Metric.PEOPLE_RELOCATED, ValueKind.ACTUAL)).note;
        assertThat(note.getValue()).isEqualTo(text.strip());
        assertThat(note.getElement().getChildCount()).isZero();
    }
}
