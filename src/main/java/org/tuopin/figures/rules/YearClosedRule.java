package org.tuopin.figures.rules;

import java.util.List;

/** A closed year takes no drafts or edits (unless an exception reopened it for the region). */
final class YearClosedRule extends BaseRule {

    YearClosedRule() {
        super("E-YEAR-CLOSED", Severity.ERROR, List.of());
    }

    @Override
    public List<Finding> check(RuleInput input) {
        return input.yearOpen() ? List.of() : List.of(finding(List.of()));
    }
}
