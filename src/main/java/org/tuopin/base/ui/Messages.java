package org.tuopin.base.ui;

import java.util.Locale;

import com.vaadin.flow.component.Component;

/** Turns refusals into text for the reader's locale. (A feature's own findings are worded by the feature.) */
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
}
