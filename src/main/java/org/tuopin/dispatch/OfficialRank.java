package org.tuopin.dispatch;

/** An official's rank at the time of the posting; the same codes as the published counts. */
public enum OfficialRank {
    DEPARTMENT_LEVEL, DIVISION_LEVEL, YOUNG_DIVISION_RESERVE, SECTION_LEVEL, OTHER;

    public String messageKey() {
        return "dispatch.rank." + name();
    }
}
