package org.tuopin.figures.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tuopin.figures.Metric;

/** A figure that moved by more than half against last year deserves a second look. */
final class ChangeOver50Rule extends BaseRule {

    ChangeOver50Rule() {
        super("W-CHANGE-OVER-50", Severity.WARNING, Arrays.asList(Metric.values()));
    }

    @Override
    public List<Finding> check(RuleInput input) {
        List<Finding> findings = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            BigDecimal previous = actual(input.previousYear(), metric);
            BigDecimal current = actual(input.values(), metric);
            if (previous == null || current == null || previous.signum() <= 0) {
                continue;
            }
            BigDecimal change = current.subtract(previous);
            // |change| > 50 % of previous, compared exactly: 2 * |change| > previous
            if (change.abs().multiply(BigDecimal.TWO).compareTo(previous) > 0) {
                BigDecimal percent = change.multiply(HUNDRED).divide(previous, 1, RoundingMode.HALF_UP);
                findings.add(finding(List.of(metric), metric, previous, current, percent));
            }
        }
        return findings;
    }
}
