package org.tuopin.figures.rules;

import java.util.ArrayList;
import java.util.List;

/** The registry of consistency rules, errors first; the rules page and the services both read it. */
public final class Rules {

    public static final List<Rule> ALL = List.of(
            new YearClosedRule(),
            new NegativeValueRule(),
            new IncidenceRangeRule(),
            new WholeNumberRule(),
            new LiftedExceedsPoorRule(),
            new ExitsExceedRegisteredRule(),
            new FundsExceedTotalRule(),
            new ChangeOver50Rule(),
            new PoorContinuityRule(),
            new IncidenceInconsistentRule(),
            new RegionsBelowDifferRule());

    private Rules() {
    }

    /** Runs every rule in registry order and concatenates what they found. */
    public static List<Finding> checkAll(RuleInput input) {
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : ALL) {
            findings.addAll(rule.check(input));
        }
        return List.copyOf(findings);
    }
}
