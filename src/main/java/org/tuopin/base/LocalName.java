package org.tuopin.base;

/**
 * A name in both languages, as an argument of a {@link UserError}: views show the reader's language, the API
 * (which speaks English) its {@link #toString()}.
 */
public record LocalName(String en, String zh) {

    public String in(java.util.Locale locale) {
        return "zh".equals(locale.getLanguage()) ? zh : en;
    }

    @Override
    public String toString() {
        return en;
    }
}
