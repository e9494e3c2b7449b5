package org.tuopin.figures.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.tuopin.figures.Metric;

/** Persons, villages, counties and yuan are counted in whole numbers. */
final class WholeNumberRule extends BaseRule {

    WholeNumberRule() {
        super("E-WHOLE-NUMBER", Severity.ERROR, additiveMetrics());
    }

    @Override
    public List<Finding> check(RuleInput input) {
        List<Finding> findings = new ArrayList<>();
        for (Metric metric : metrics()) {
            BigDecimal value = actual(input.values(), metric);
            if (value != null && value.remainder(BigDecimal.ONE).signum() != 0) {
                findings.add(finding(List.of(metric), metric, value));
            }
        }
        return findings;
    }
}
