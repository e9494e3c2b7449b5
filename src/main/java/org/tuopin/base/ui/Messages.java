package org.tuopin.base.ui;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

import com.vaadin.flow.component.Component;

import org.tuopin.figures.Metric;
import org.tuopin.figures.rules.Finding;

/** Turns findings into text for the reader's locale: metric codes become names, numbers get grouping. */
public final class Messages {

    private Messages() {
    }

    /** A refusal's message in the reader's language, with names given in both languages shown in theirs. */
    public static String userError(Component c, org.tuopin.base.UserError e) {
        Locale locale = c.getUI().map(com.vaadin.flow.component.UI::getLocale)
                .orElse(com.vaadin.flow.component.UI.getCurrent() == null ? Locale.ENGLISH
                        : com.vaadin.flow.component.UI.getCurrent().getLocale());
        Object[] args = java.util.Arrays.stream(e.args())
                .map(a -> a instanceof org.tuopin.base.LocalName name ? name.in(locale) : a).toArray();
        return c.getTranslation(e.messageKey(), args);
    }

    public static String finding(Component c, Finding f) {
        Locale locale = com.vaadin.flow.component.UI.getCurrent() == null ? Locale.ENGLISH
                : com.vaadin.flow.component.UI.getCurrent().getLocale();
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
