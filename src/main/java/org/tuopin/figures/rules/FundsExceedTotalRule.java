package org.tuopin.figures.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.tuopin.figures.Metric;

/** The reported sources of funds (central, provincial, relocation) cannot add up to more than the total. */
final class FundsExceedTotalRule extends BaseRule {

    private static final List<Metric> SOURCES =
            List.of(Metric.FUNDS_CENTRAL, Metric.FUNDS_PROVINCIAL, Metric.FUNDS_RELOCATION);

    FundsExceedTotalRule() {
        super("E-FUNDS-EXCEED-TOTAL", Severity.ERROR, List.of(Metric.FUNDS_TOTAL, Metric.FUNDS_CENTRAL,
                Metric.FUNDS_PROVINCIAL, Metric.FUNDS_RELOCATION));
    }

    @Override
    public List<Finding> check(RuleInput input) {
        BigDecimal total = actual(input.values(), Metric.FUNDS_TOTAL);
        if (total == null) {
            return List.of();
        }
        List<Metric> fields = new ArrayList<>(List.of(Metric.FUNDS_TOTAL));
        BigDecimal sum = BigDecimal.ZERO;
        for (Metric source : SOURCES) {
            BigDecimal value = actual(input.values(), source);
            if (value != null) {
                fields.add(source);
                sum = sum.add(value);
            }
        }
        if (fields.size() == 1 || sum.compareTo(total) <= 0) {
            return List.of();
        }
        return List.of(finding(fields, sum, total));
    }
}
