package org.tuopin.figures.rules;

import org.tuopin.figures.Metric;
import org.tuopin.figures.ValueKind;

/** Which value of a report: a metric in one of its kinds. */
public record ValueKey(Metric metric, ValueKind kind) {

    public static ValueKey actual(Metric metric) {
        return new ValueKey(metric, ValueKind.ACTUAL);
    }

    public static ValueKey target(Metric metric) {
        return new ValueKey(metric, ValueKind.TARGET);
    }
}
