package org.tuopin.figures.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.tuopin.figures.Metric;

/** No more villages or counties can exit poverty than were on the register at the start of the year. */
final class ExitsExceedRegisteredRule extends BaseRule {

    private static final List<List<Metric>> PAIRS = List.of(
            List.of(Metric.VILLAGES_EXITED, Metric.VILLAGES_REGISTERED),
            List.of(Metric.COUNTIES_EXITED, Metric.COUNTIES_REGISTERED));

    ExitsExceedRegisteredRule() {
        super("E-EXITS-EXCEED-REGISTERED", Severity.ERROR, List.of(Metric.VILLAGES_EXITED,
                Metric.VILLAGES_REGISTERED, Metric.COUNTIES_EXITED, Metric.COUNTIES_REGISTERED));
    }

    @Override
    public List<Finding> check(RuleInput input) {
        List<Finding> findings = new ArrayList<>();
        for (List<Metric> pair : PAIRS) {
            BigDecimal exited = actual(input.values(), pair.get(0));
            BigDecimal registered = actual(input.values(), pair.get(1));
            if (exited != null && registered != null && exited.compareTo(registered) > 0) {
                findings.add(finding(pair, pair.get(0), exited, pair.get(1), registered));
            }
        }
        return findings;
    }
}
