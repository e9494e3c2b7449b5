package org.tuopin.figures.ui;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;

import org.tuopin.figures.Metric;
import org.tuopin.figures.rules.Finding;

/** A check's finding as text for the reader's locale: metric codes become names, numbers get grouping. */
public final class FindingText {

    private FindingText() {
    }

    public static String of(Component c, Finding f) {
        Locale locale = UI.getCurrent() == null ? Locale.ENGLISH : UI.getCurrent().getLocale();
        Object[] args = f.args().stream().map(a -> {
            if (a instanceof BigDecimal b) {
                NumberFormat nf = NumberFormat.getNumberInstance(locale);
                nf.setMaximumFractionDigits(2);
                return nf.format(b);
            }
            if (a instanceof String s && Metric.fromCode(s).isPresent()) {
                return c.getTranslation(Metric.fromCode(s).get().messageKey());
            }
            return String.valueOf(a);
        }).toArray();
        return c.getTranslation(f.messageKey(), args);
    }
}
