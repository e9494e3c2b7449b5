package org.tuopin.figures.rules;

import java.math.BigDecimal;
import java.util.List;

import org.tuopin.figures.Metric;
import org.tuopin.figures.ValueKind;

/** The poverty incidence is a percentage: 0 to 100, in every kind. Reports the first value out of range. */
final class IncidenceRangeRule extends BaseRule {

    IncidenceRangeRule() {
        super("E-INCIDENCE-RANGE", Severity.ERROR, List.of(Metric.POVERTY_INCIDENCE));
    }

    @Override
    public List<Finding> check(RuleInput input) {
        for (ValueKind kind : ValueKind.values()) {
            BigDecimal value = get(input.values(), Metric.POVERTY_INCIDENCE, kind);
            if (value != null && (value.signum() < 0 || value.compareTo(HUNDRED) > 0)) {
                return List.of(finding(List.of(Metric.POVERTY_INCIDENCE), value));
            }
        }
        return List.of();
    }
}
