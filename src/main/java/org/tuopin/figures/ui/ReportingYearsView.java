package org.tuopin.figures.ui;

import java.time.LocalDate;
import java.util.Locale;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

import org.tuopin.base.UserError;
import org.tuopin.base.ui.ComponentTexts;
import org.tuopin.figures.ReportingYearService;
import org.tuopin.figures.ReportingYearService.ReportingYear;
import org.tuopin.figures.ReportingYearService.YearException;
import org.tuopin.region.RegionRef;
import org.tuopin.region.RegionService;
import org.tuopin.security.AppRoles;

/** ADMIN: open and close reporting years, and let one region enter a closed year until a date. */
@Route("admin/years")
@Menu(order = 21, title = "menu.years", icon = "vaadin:calendar")
@RolesAllowed(AppRoles.ADMIN)
class ReportingYearsView extends VerticalLayout implements HasDynamicTitle {

    final Grid<ReportingYear> years = new Grid<>();
    final IntegerField newYear = new IntegerField();
    final Button addYear = new Button();
    final Grid<YearException> exceptions = new Grid<>();
    final ComboBox<RegionRef> region = new ComboBox<>();
    final Select<Integer> exceptionYear = new Select<>();
    final DatePicker until = new DatePicker();
    final TextField reason = new TextField();
    final Button grant = new Button();

    private final ReportingYearService service;

    ReportingYearsView(ReportingYearService service, RegionService regions) {
        this.service = service;
        Locale locale = getLocale();
        H2 title = new H2(getTranslation("menu.years"));
        title.addClassName("view-title");

        years.addColumn(ReportingYear::year).setHeader(getTranslation("column.year")).setAutoWidth(true);
        years.addColumn(y -> getTranslation(y.open() ? "years.open" : "years.closed")).setHeader(getTranslation("column.state"));
        years.addComponentColumn(y -> {
            Button toggle = new Button(getTranslation(y.open() ? "years.close" : "years.reopen"),
                    e -> run(() -> service.setOpen(y.year(), !y.open())));
            toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return toggle;
        });
        years.addThemeVariants(GridVariant.LUMO_COMPACT);
        years.setAllRowsVisible(true);
        newYear.setLabel(getTranslation("years.new"));
        newYear.setMin(1990);
        newYear.setMax(2100);
        ComponentTexts.localise(newYear);
        addYear.setText(getTranslation("years.add"));
        addYear.addClickListener(e -> run(() -> {
            if (newYear.getValue() == null) {
                throw new UserError("years.error.year");
            }
            service.setOpen(newYear.getValue(), true);
        }));

        exceptions.addColumn(YearException::year).setHeader(getTranslation("column.year")).setAutoWidth(true);
        exceptions.addColumn(x -> x.regionCode() + " " + (locale.getLanguage().equals("zh") ? x.regionNameZh()
                : x.regionNameEn())).setHeader(getTranslation("column.region")).setAutoWidth(true);
        exceptions.addColumn(YearException::until).setHeader(getTranslation("years.until")).setAutoWidth(true);
        exceptions.addColumn(YearException::reason).setHeader(getTranslation("report.reason")).setFlexGrow(2);
        exceptions.addColumn(YearException::grantedBy).setHeader(getTranslation("years.grantedBy")).setAutoWidth(true);
        exceptions.addThemeVariants(GridVariant.LUMO_COMPACT);
        exceptions.setAllRowsVisible(true);

        region.setLabel(getTranslation("column.region"));
        region.setItems(q -> regions.search(q.getFilter().orElse(""), false, q.getOffset(), q.getLimit()).stream(),
                q -> regions.searchCount(q.getFilter().orElse(""), false));
        region.setItemLabelGenerator(r -> r.label(locale));
        exceptionYear.setLabel(getTranslation("column.year"));
        org.tuopin.base.ui.ComponentTexts.localise(until);
        until.setLabel(getTranslation("years.until"));
        until.setMin(LocalDate.now());
        reason.setLabel(getTranslation("report.reason"));
        reason.setMaxLength(2000);
        grant.setText(getTranslation("years.grant"));
        grant.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grant.addClickListener(e -> run(() -> {
            if (region.getValue() == null || exceptionYear.getValue() == null) {
                throw new UserError("years.error.choose");
            }
            service.grantException(region.getValue().code(), exceptionYear.getValue(), until.getValue(),
                    reason.getValue());
        }));

        HorizontalLayout add = new HorizontalLayout(newYear, addYear);
        add.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        HorizontalLayout form = new HorizontalLayout(region, exceptionYear, until, reason, grant);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        add(title, years, add, new H3(getTranslation("years.exceptions")), exceptions, form);
        refresh();
    }

    private void run(Runnable action) {
        try {
            action.run();
        } catch (UserError e) {
            Notification.show(getTranslation(e.messageKey(), e.args()), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        refresh();
    }

    private void refresh() {
        var list = service.years();
        years.setItems(list);
        exceptionYear.setItems(list.stream().map(ReportingYear::year).toList());
        exceptions.setItems(service.exceptions());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.years") + " · " + getTranslation("app.name");
    }
}
