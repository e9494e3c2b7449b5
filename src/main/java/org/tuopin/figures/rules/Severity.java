package org.tuopin.figures.rules;

/** An error refuses save and submit; a warning lets a report be submitted only with a written explanation. */
public enum Severity {
    ERROR, WARNING
}
