package org.tuopin.figures.ui;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
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

import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.tuopin.access.AppRoles;
import org.tuopin.base.UserError;
import org.tuopin.base.ui.ComponentTexts;
import org.tuopin.figures.ReportingYearService;
import org.tuopin.figures.ReportingYearService.ReportingYear;
import org.tuopin.figures.ReportingYearService.YearException;
import org.tuopin.region.RegionRef;
import org.tuopin.region.RegionService;

/**
 * ADMIN: open and close reporting years for the whole country (an administrator bound to the country only), and
 * let a region of one's own scope enter a closed year until a date (DD023). A change someone else made first is
 * refused as stale: the view says so and offers to reload.
 */
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
    final Paragraph nationalOnly = new Paragraph();
    final Paragraph stale = new Paragraph();
    final Button reload = new Button();

    private final ReportingYearService service;
    private final boolean national;
    private List<YearException> shown = List.of();

    ReportingYearsView(ReportingYearService service, RegionService regions) {
        this.service = service;
        this.national = service.mayOpenAndClose();
        Locale locale = getLocale();
        H2 title = new H2(getTranslation("menu.years"));
        title.addClassName("view-title");

        years.addColumn(ReportingYear::year).setHeader(getTranslation("column.year")).setAutoWidth(true);
        years.addColumn(y -> getTranslation(y.open() ? "years.open" : "years.closed")).setHeader(getTranslation("column.state"));
        if (national) {
            years.addComponentColumn(y -> {
                Button toggle = new Button(getTranslation(y.open() ? "years.close" : "years.reopen"),
                        e -> run(() -> service.setOpen(y.year(), y.version(), !y.open())));
                toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
                return toggle;
            });
        }
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
            service.addYear(newYear.getValue(), true);
        }));
        nationalOnly.setText(getTranslation("years.nationalOnly"));

        exceptions.addColumn(YearException::year).setHeader(getTranslation("column.year")).setAutoWidth(true);
        exceptions.addColumn(x -> x.regionCode() + " " + (locale.getLanguage().equals("zh") ? x.regionNameZh()
                : x.regionNameEn())).setHeader(getTranslation("column.region")).setAutoWidth(true);
        exceptions.addColumn(YearException::until).setHeader(getTranslation("years.until")).setAutoWidth(true);
        exceptions.addColumn(YearException::reason).setHeader(getTranslation("report.reason")).setFlexGrow(2);
        exceptions.addColumn(YearException::grantedBy).setHeader(getTranslation("years.grantedBy")).setAutoWidth(true);
        exceptions.addComponentColumn(x -> {
            Button end = new Button(getTranslation("years.end"), e -> confirmEnd(x));
            end.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return end;
        });
        exceptions.addThemeVariants(GridVariant.LUMO_COMPACT);
        exceptions.setAllRowsVisible(true);

        region.setLabel(getTranslation("column.region"));
        region.setItems(q -> regions.search(q.getFilter().orElse(""), false, q.getOffset(), q.getLimit()).stream(),
                q -> regions.searchCount(q.getFilter().orElse(""), false));
        region.setItemLabelGenerator(r -> r.label(locale));
        exceptionYear.setLabel(getTranslation("column.year"));
        ComponentTexts.localise(until);
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
            String code = region.getValue().code();
            int year = exceptionYear.getValue();
            // moving the date of an exception on the list goes from the version shown; a new one from "none"
            long version = shown.stream().filter(x -> x.year() == year && x.regionCode().equals(code))
                    .mapToLong(YearException::version).findFirst().orElse(0);
            service.grantException(code, year, until.getValue(), reason.getValue(), version);
        }));

        stale.setText(getTranslation("years.error.stale"));
        stale.addClassName("form-error");
        reload.setText(getTranslation("years.reload"));
        reload.addClickListener(e -> refresh());

        HorizontalLayout add = new HorizontalLayout(newYear, addYear);
        add.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add.setVisible(national);
        nationalOnly.setVisible(!national);
        HorizontalLayout form = new HorizontalLayout(region, exceptionYear, until, reason, grant);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        HorizontalLayout staleBar = new HorizontalLayout(stale, reload);
        staleBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(title, staleBar, years, add, nationalOnly, new H3(getTranslation("years.exceptions")), exceptions, form);
        refresh();
    }

    private void confirmEnd(YearException exception) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("years.endTitle", String.valueOf(exception.year()), exception.regionCode()));
        TextField why = new TextField(getTranslation("report.reason"));
        why.setMaxLength(2000);
        why.setWidthFull();
        Button confirm = new Button(getTranslation("years.end"), e -> {
            run(() -> service.endException(exception.regionCode(), exception.year(), exception.version(),
                    why.getValue()));
            dialog.close();
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.add(why);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), confirm);
        dialog.open();
    }

    private void run(Runnable action) {
        try {
            action.run();
        } catch (UserError e) {
            Notification.show(getTranslation(e.messageKey(), e.args()), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        } catch (ObjectOptimisticLockingFailureException e) {
            // never overwritten: the user sees that someone else was first, and reloads to see what they did
            showStale(true);
            Notification.show(getTranslation("years.error.stale"), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        refresh();
    }

    private void showStale(boolean visible) {
        stale.setVisible(visible);
        reload.setVisible(visible);
    }

    private void refresh() {
        showStale(false);
        var list = service.years();
        years.setItems(list);
        exceptionYear.setItems(list.stream().map(ReportingYear::year).toList());
        shown = service.exceptions();
        exceptions.setItems(shown);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.years") + " · " + getTranslation("app.name");
    }
}
