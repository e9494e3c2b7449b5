package org.tuopin.figures.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.ListItem;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ValueKind;
import org.tuopin.figures.rules.ValueKey;

@TuopinTest
@ViewPackages(packages = "org.tuopin")
class ReportFormViewTest extends SpringBrowserlessTest {

    /** No test transaction: each click must commit or roll back on its own, as in the running app. */
    @org.junit.jupiter.api.AfterEach
    void removeThe2020Reports() {
        jdbc.sql("delete from yearly_report where year = 2020 and region_id in (select id from region where code like '5134%')")
                .update();
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserDetailsService users;

    private ReportFormView open(String code, int year) {
        UI.getCurrent().navigate("figures/" + code + "/" + year);
        return (ReportFormView) getCurrentView();
    }

    private void signIn(String username) {
        SignIn.as(users, username);
    }

    private ReportFormView.ValueRow row(ReportFormView view, Metric metric) {
        return view.rows.get(new ValueKey(metric, ValueKind.ACTUAL));
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void theOfficeMeetsAnErrorFixesItAndSubmitsWithAnExplanation() {
        ReportFormView view = open("513400", 2020);
        assertThat(view.state.getText()).isEqualTo("Not started");
        assertThat(row(view, Metric.PEOPLE_LIFTED_OUT).previous.getText()).isEqualTo("141,000");

        test(row(view, Metric.FUNDS_TOTAL).value).setValue(new BigDecimal("1000000"));
        test(row(view, Metric.FUNDS_CENTRAL).value).setValue(new BigDecimal("2000000"));
        test(row(view, Metric.PEOPLE_LIFTED_OUT).value).setValue(new BigDecimal("50000"));
        test(view.save).click();
        assertThat(find(ListItem.class, view.findings).all()).extracting(ListItem::getText)
                .anySatisfy(t -> assertThat(t).startsWith("Error: ").contains("1,000,000"));
        assertThat(row(view, Metric.FUNDS_CENTRAL).value.isInvalid()).isTrue();
        assertThat(row(view, Metric.FUNDS_CENTRAL).value.getValue()).as("the input is kept")
                .isEqualByComparingTo("2000000");

        test(row(view, Metric.FUNDS_CENTRAL).value).setValue(new BigDecimal("600000"));
        test(view.submit).click();
        assertThat(view.explanation.isInvalid()).as("a warning asks for an explanation").isTrue();

        test(view.explanation).setValue("The last 50,000 people left poverty in 2020.");
        test(view.submit).click();
        assertThat(view.state.getText()).isEqualTo("Submitted");
        assertThat(view.save.isVisible()).isFalse();
        assertThat(row(view, Metric.FUNDS_TOTAL).value.isReadOnly()).isTrue();
    }

    @Test
    @WithUserDetails("supervisor.sichuan")
    void theSupervisorReturnsWithAReasonAndApprovesAfterResubmission() {
        jdbc.sql("""
                        insert into yearly_report(region_id, year, state, created_by, updated_by, submitted_by)
                        values ((select id from region where code = '513429'), 2020, 'SUBMITTED', 'clerk.liangshan',
                                'clerk.liangshan', 'clerk.liangshan')""").update();
        ReportFormView view = open("513429", 2020);
        assertThat(view.approve.isVisible()).isTrue();
        assertThat(view.sendBack.getText()).isEqualTo("Return with reason");
        test(view.sendBack).click();
        var dialog = find(com.vaadin.flow.component.dialog.Dialog.class).single();
        test(find(com.vaadin.flow.component.textfield.TextArea.class, dialog).single()).setValue("Add the sources.");
        test(find(com.vaadin.flow.component.button.Button.class, dialog).withText("Return with reason").single()).click();
        assertThat(view.state.getText()).isEqualTo("Returned");

        signIn("clerk.liangshan");
        view = open("513429", 2020);
        assertThat(view.save.isVisible()).isTrue();
        test(row(view, Metric.PEOPLE_RELOCATED).value).setValue(new BigDecimal("300"));
        test(row(view, Metric.PEOPLE_RELOCATED).source).setValue("Butuo relocation office");
        test(view.submit).click();
        assertThat(view.state.getText()).isEqualTo("Submitted");

        signIn("supervisor.sichuan");
        view = open("513429", 2020);
        test(view.approve).click();
        assertThat(view.state.getText()).isEqualTo("Approved");
        assertThat(view.approve.isVisible()).isFalse();
        assertThat(view.sendBack.getText()).isEqualTo("Reopen with reason");
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void textThatIsNotANumberIsRefusedInsteadOfErasingTheStoredValue() {
        ReportFormView view = open("513400", 2020);
        test(row(view, Metric.PEOPLE_RELOCATED).value).setValue(new BigDecimal("1200"));
        test(view.save).click();
        assertThat(view.state.getText()).isEqualTo("Draft");

        // what the browser sends when the reader types "1.2.3": text the field cannot read, so no value
        var field = row(view, Metric.PEOPLE_RELOCATED).value;
        field.getElement().setProperty("value", "1.2.3");
        assertThat(field.getValue()).isNull();
        test(view.save).click();
        assertThat(field.isInvalid()).isTrue();
        assertThat(field.getErrorMessage()).startsWith("Not a number");
        assertThat(jdbc.sql("""
                        select fv.value from figure_value fv join yearly_report yr on yr.id = fv.report_id
                        join region r on r.id = yr.region_id
                        where r.code = '513400' and yr.year = 2020 and fv.metric = 'people_relocated'""")
                .query(BigDecimal.class).single()).isEqualByComparingTo("1200");
    }

    @Test
    @WithUserDetails("auditor")
    void anAuditorReadsButCannotEdit() {
        ReportFormView view = open("513400", 2018);
        assertThat(view.state.getText()).isEqualTo("Approved");
        assertThat(row(view, Metric.POVERTY_INCIDENCE).value.getValue()).isEqualByComparingTo("7.1");
        assertThat(row(view, Metric.POVERTY_INCIDENCE).source.getValue()).isEqualTo("Suga 2019");
        assertThat(row(view, Metric.POVERTY_INCIDENCE).value.isReadOnly()).isTrue();
        assertThat(view.save.isVisible()).isFalse();
        assertThat(view.approve.isVisible()).isFalse();
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void anotherRegionIsNotFound() {
        UI.getCurrent().navigate("figures/533300/2018");
        assertThat(getCurrentView()).isNotInstanceOf(ReportFormView.class);
    }
}
