package org.tuopin.figures;

/** The report cannot be changed now: it is submitted or approved, or its year is closed. */
public class ReportLocked extends RuntimeException {

    private final String messageKey;

    public ReportLocked(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
