package org.tuopin.figures.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tuopin.figures.Metric;
import org.tuopin.figures.ValueKind;

/** No figure of any kind can be negative. One finding per metric, showing its first negative value. */
final class NegativeValueRule extends BaseRule {

    NegativeValueRule() {
        super("E-NEGATIVE", Severity.ERROR, Arrays.asList(Metric.values()));
    }

    @Override
    public List<Finding> check(RuleInput input) {
        List<Finding> findings = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            for (ValueKind kind : ValueKind.values()) {
                BigDecimal value = get(input.values(), metric, kind);
                if (value != null && value.signum() < 0) {
                    findings.add(finding(List.of(metric), metric, value));
                    break;
                }
            }
        }
        return findings;
    }
}
