package org.tuopin.figures.rules;

import java.math.BigDecimal;
import java.util.List;

import org.tuopin.figures.Metric;

/** No more people can leave poverty in a year than were poor at its start (last year's year-end figure). */
final class LiftedExceedsPoorRule extends BaseRule {

    LiftedExceedsPoorRule() {
        super("E-LIFTED-EXCEEDS-POOR", Severity.ERROR, List.of(Metric.PEOPLE_LIFTED_OUT, Metric.POOR_POPULATION));
    }

    @Override
    public List<Finding> check(RuleInput input) {
        BigDecimal lifted = actual(input.values(), Metric.PEOPLE_LIFTED_OUT);
        BigDecimal poorAtStart = actual(input.previousYear(), Metric.POOR_POPULATION);
        if (lifted == null || poorAtStart == null || lifted.compareTo(poorAtStart) <= 0) {
            return List.of();
        }
        return List.of(finding(metrics(), lifted, poorAtStart));
    }
}
