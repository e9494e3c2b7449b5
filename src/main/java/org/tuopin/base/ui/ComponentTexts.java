package org.tuopin.base.ui;

import java.text.DateFormatSymbols;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;

/**
 * The texts that Vaadin's own components carry (month names, upload prompts), in the reader's language:
 * month and weekday names from the JDK's locale data, the rest from the bundles.
 */
public final class ComponentTexts {

    private ComponentTexts() {
    }

    public static void localise(DatePicker picker) {
        Locale locale = picker.getLocale();
        DateFormatSymbols symbols = DateFormatSymbols.getInstance(locale);
        DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n();
        i18n.setMonthNames(Arrays.asList(symbols.getMonths()).subList(0, 12));
        List<String> weekdays = Arrays.asList(symbols.getWeekdays()).subList(1, 8);
        i18n.setWeekdays(weekdays);
        i18n.setWeekdaysShort(Arrays.asList(symbols.getShortWeekdays()).subList(1, 8));
        i18n.setFirstDayOfWeek(locale.getLanguage().equals("zh") ? 1 : 0);
        i18n.setToday(picker.getTranslation("picker.today"));
        i18n.setCancel(picker.getTranslation("action.cancel"));
        i18n.setBadInputErrorMessage(picker.getTranslation("picker.badDate"));
        i18n.setRequiredErrorMessage(picker.getTranslation("field.required"));
        picker.setI18n(i18n);
    }

    /** Whole numbers (years, counts): Vaadin's own messages for unreadable or out-of-range input. */
    public static void localise(IntegerField field) {
        field.setI18n(new IntegerField.IntegerFieldI18n()
                .setBadInputErrorMessage(field.getTranslation("field.notAWholeNumber"))
                .setRequiredErrorMessage(field.getTranslation("field.required"))
                .setMinErrorMessage(field.getTranslation("field.tooSmall", field.getMin()))
                .setMaxErrorMessage(field.getTranslation("field.tooLarge", field.getMax())));
    }

    public static void localise(Upload upload) {
        UploadI18N i18n = new UploadI18N();
        i18n.setAddFiles(new UploadI18N.AddFiles().setOne(upload.getTranslation("upload.addFile"))
                .setMany(upload.getTranslation("upload.addFile")));
        i18n.setDropFiles(new UploadI18N.DropFiles().setOne(upload.getTranslation("upload.dropFile"))
                .setMany(upload.getTranslation("upload.dropFile")));
        i18n.setError(new UploadI18N.Error().setTooManyFiles(upload.getTranslation("upload.tooMany"))
                .setFileIsTooBig(upload.getTranslation("upload.tooBig"))
                .setIncorrectFileType(upload.getTranslation("upload.wrongType")));
        upload.setI18n(i18n);
    }
}
