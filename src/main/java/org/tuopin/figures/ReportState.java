package org.tuopin.figures;

/** Where a yearly report stands in the review loop. */
public enum ReportState {
    DRAFT, SUBMITTED, RETURNED, APPROVED;

    public String messageKey() {
        return "state." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
