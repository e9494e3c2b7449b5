package org.tuopin.figures.rules;

import java.util.List;

import org.tuopin.figures.Metric;

/** One consistency check. The rules page and the services read the same registry ({@link Rules#ALL}). */
public interface Rule {

    /** Stable identifier, for example {@code E-FUNDS-SUM}; the API returns it. */
    String id();

    Severity severity();

    /** The metrics the rule reads, for the rules page. */
    List<Metric> metrics();

    /** Translation key of the rule's description on the rules page ({@code rule.<id>.description}). */
    default String descriptionKey() {
        return "rule." + id() + ".description";
    }

    /** Every violation in the input; empty when the input passes or the values the rule needs are missing. */
    List<Finding> check(RuleInput input);
}
