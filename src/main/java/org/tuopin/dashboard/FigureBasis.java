package org.tuopin.dashboard;

/** Which reports' figures the dashboard counts: approved ones only, or every state including drafts. */
public enum FigureBasis {
    APPROVED_ONLY, ALL_STATES;

    /** SQL condition on {@code yr.state}. */
    String condition() {
        return this == APPROVED_ONLY ? "yr.state = 'APPROVED'" : "true";
    }

    public String messageKey() {
        return "dashboard.basis." + name();
    }
}
