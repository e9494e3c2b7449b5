package org.tuopin.figures.rules;

import java.math.BigDecimal;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.tuopin.region.RegionLevel;

/**
 * Everything a rule may look at. Maps hold only reported values: a missing key means "not reported",
 * never zero, and rules that need a value that is missing do not fire.
 *
 * @param level             null for a group's report
 * @param yearOpen          whether the year accepts drafts and edits for this region (open, or an exception)
 * @param values            the report being checked
 * @param previousYear      the same region's approved values of the year before
 * @param sumOfRegionsBelow per value, the sum over the regions directly below that reported it this year
 * @param regionsBelow      how many regions lie directly below (0 for a county or a group)
 */
public record RuleInput(String regionCode, @Nullable RegionLevel level, int year, boolean yearOpen,
                        Map<ValueKey, BigDecimal> values, Map<ValueKey, BigDecimal> previousYear,
                        Map<ValueKey, BigDecimal> sumOfRegionsBelow, int regionsBelow) {
}
