package org.tuopin.figures.rules;

import java.math.BigDecimal;
import java.util.List;

import org.tuopin.figures.Metric;

/**
 * The population base changes slowly, so the poverty incidence should move roughly in proportion with the
 * poor population: fires when the two ratios to last year differ by more than 0.25.
 */
final class IncidenceInconsistentRule extends BaseRule {

    private static final BigDecimal TOLERANCE = new BigDecimal("0.25");

    IncidenceInconsistentRule() {
        super("W-INCIDENCE-INCONSISTENT", Severity.WARNING, List.of(Metric.POVERTY_INCIDENCE, Metric.POOR_POPULATION));
    }

    @Override
    public List<Finding> check(RuleInput input) {
        BigDecimal i0 = actual(input.previousYear(), Metric.POVERTY_INCIDENCE);
        BigDecimal p0 = actual(input.previousYear(), Metric.POOR_POPULATION);
        BigDecimal i1 = actual(input.values(), Metric.POVERTY_INCIDENCE);
        BigDecimal p1 = actual(input.values(), Metric.POOR_POPULATION);
        if (i0 == null || p0 == null || i1 == null || p1 == null || i0.signum() <= 0 || p0.signum() <= 0) {
            return List.of();
        }
        // |I1/I0 - P1/P0| > 0.25, multiplied out by I0 * P0 > 0 to stay exact
        BigDecimal gap = i1.multiply(p0).subtract(p1.multiply(i0)).abs();
        if (gap.compareTo(TOLERANCE.multiply(i0).multiply(p0)) <= 0) {
            return List.of();
        }
        return List.of(finding(metrics(), i0, i1, p0, p1));
    }
}
