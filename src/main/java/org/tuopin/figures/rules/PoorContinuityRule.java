package org.tuopin.figures.rules;

import java.math.BigDecimal;
import java.util.List;

import org.tuopin.figures.Metric;

/**
 * This year's poor population should be last year's minus the people lifted out; newly identified people
 * may add up to 5 % of last year's poor population.
 */
final class PoorContinuityRule extends BaseRule {

    private static final BigDecimal TOLERANCE = new BigDecimal("0.05");

    PoorContinuityRule() {
        super("W-POOR-CONTINUITY", Severity.WARNING, List.of(Metric.POOR_POPULATION, Metric.PEOPLE_LIFTED_OUT));
    }

    @Override
    public List<Finding> check(RuleInput input) {
        BigDecimal p0 = actual(input.previousYear(), Metric.POOR_POPULATION);
        BigDecimal p1 = actual(input.values(), Metric.POOR_POPULATION);
        BigDecimal lifted = actual(input.values(), Metric.PEOPLE_LIFTED_OUT);
        if (p0 == null || p1 == null || lifted == null) {
            return List.of();
        }
        BigDecimal expected = p0.subtract(lifted);
        if (p1.subtract(expected).abs().compareTo(p0.multiply(TOLERANCE)) <= 0) {
            return List.of();
        }
        return List.of(finding(metrics(), p1, p0, lifted, expected));
    }
}
