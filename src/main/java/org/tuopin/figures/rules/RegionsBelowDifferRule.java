package org.tuopin.figures.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.tuopin.figures.Metric;

/** An additive figure should match, within 1 %, the sum the regions directly below reported. */
final class RegionsBelowDifferRule extends BaseRule {

    RegionsBelowDifferRule() {
        super("W-REGIONS-BELOW-DIFFER", Severity.WARNING, additiveMetrics());
    }

    @Override
    public List<Finding> check(RuleInput input) {
        List<Finding> findings = new ArrayList<>();
        for (Metric metric : metrics()) {
            BigDecimal own = actual(input.values(), metric);
            BigDecimal sum = actual(input.sumOfRegionsBelow(), metric);
            if (own == null || sum == null || own.signum() <= 0) {
                continue;
            }
            // |sum - own| > 1 % of own, compared exactly: 100 * |sum - own| > own
            if (sum.subtract(own).abs().multiply(HUNDRED).compareTo(own) > 0) {
                findings.add(finding(List.of(metric), metric, own, sum));
            }
        }
        return findings;
    }
}
