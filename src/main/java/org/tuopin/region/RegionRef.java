package org.tuopin.region;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A region or a published group as other features see it: enough to show and to filter by.
 * {@code level} is null for a group.
 */
public record RegionRef(long id, String code, String nameEn, String nameZh, @Nullable RegionLevel level, boolean group) {

    public String name(Locale locale) {
        return Locale.CHINESE.getLanguage().equals(locale.getLanguage()) ? nameZh : nameEn;
    }

    public String label(Locale locale) {
        return group ? name(locale) : code + " " + name(locale);
    }
}
