package org.tuopin.figures.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tuopin.figures.Metric.COUNTIES_EXITED;
import static org.tuopin.figures.Metric.COUNTIES_REGISTERED;
import static org.tuopin.figures.Metric.FUNDS_CENTRAL;
import static org.tuopin.figures.Metric.FUNDS_PROVINCIAL;
import static org.tuopin.figures.Metric.FUNDS_RELOCATION;
import static org.tuopin.figures.Metric.FUNDS_TOTAL;
import static org.tuopin.figures.Metric.PEOPLE_LIFTED_OUT;
import static org.tuopin.figures.Metric.POOR_POPULATION;
import static org.tuopin.figures.Metric.POVERTY_INCIDENCE;
import static org.tuopin.figures.Metric.VILLAGES_EXITED;
import static org.tuopin.figures.Metric.VILLAGES_REGISTERED;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ValueKind;
import org.tuopin.region.RegionLevel;

class RulesTest {

    /** A small builder of rule inputs: every map starts empty, the year starts open. */
    private static final class In {
        final Map<ValueKey, BigDecimal> values = new HashMap<>();
        final Map<ValueKey, BigDecimal> previous = new HashMap<>();
        final Map<ValueKey, BigDecimal> below = new HashMap<>();
        boolean open = true;

        In cur(Metric metric, String value) {
            return cur(metric, ValueKind.ACTUAL, value);
        }

        In cur(Metric metric, ValueKind kind, String value) {
            values.put(new ValueKey(metric, kind), new BigDecimal(value));
            return this;
        }

        In prev(Metric metric, String value) {
            previous.put(ValueKey.actual(metric), new BigDecimal(value));
            return this;
        }

        In below(Metric metric, String value) {
            below.put(ValueKey.actual(metric), new BigDecimal(value));
            return this;
        }

        In closed() {
            open = false;
            return this;
        }

        RuleInput build() {
            return new RuleInput("100000", RegionLevel.COUNTRY, 2019, open, values, previous, below, 31);
        }
    }

    private static In in() {
        return new In();
    }

    private static Rule rule(String id) {
        return Rules.ALL.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<Finding> check(String id, In input) {
        return rule(id).check(input.build());
    }

    private static BigDecimal n(String value) {
        return new BigDecimal(value);
    }

    // --- registry ---------------------------------------------------------------------------------------------

    @Test
    void idsAreUniqueAndPrefixedBySeverity() {
        Set<String> ids = new HashSet<>();
        for (Rule rule : Rules.ALL) {
            assertThat(ids.add(rule.id())).as("unique id %s", rule.id()).isTrue();
            String prefix = rule.severity() == Severity.ERROR ? "E-" : "W-";
            assertThat(rule.id()).startsWith(prefix);
            assertThat(rule.descriptionKey()).isEqualTo("rule." + rule.id() + ".description");
        }
        assertThat(ids).hasSize(11);
    }

    @Test
    void errorsComeBeforeWarnings() {
        List<Severity> severities = Rules.ALL.stream().map(Rule::severity).toList();
        int lastError = severities.lastIndexOf(Severity.ERROR);
        int firstWarning = severities.indexOf(Severity.WARNING);
        assertThat(lastError).isLessThan(firstWarning);
    }

    @Test
    void emptyInputPassesEveryRule() {
        assertThat(Rules.checkAll(in().build())).isEmpty();
    }

    @Test
    void checkAllConcatenatesFindingsOfEveryRuleWithMatchingMetadata() {
        List<Finding> findings = Rules.checkAll(in().closed()
                .cur(POOR_POPULATION, "-1")
                .cur(FUNDS_TOTAL, "10").cur(FUNDS_CENTRAL, "20")
                .build());
        assertThat(findings).extracting(Finding::ruleId)
                .containsExactly("E-YEAR-CLOSED", "E-NEGATIVE", "E-FUNDS-EXCEED-TOTAL");
        for (Finding finding : findings) {
            Rule rule = rule(finding.ruleId());
            assertThat(finding.severity()).isEqualTo(rule.severity());
            assertThat(finding.messageKey()).isEqualTo("rule." + rule.id() + ".message");
        }
    }

    // --- E-YEAR-CLOSED --------------------------------------------------------------------------------------------

    @Test
    void yearClosed() {
        assertThat(check("E-YEAR-CLOSED", in())).isEmpty();
        List<Finding> findings = check("E-YEAR-CLOSED", in().closed());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.fields()).isEmpty();
            assertThat(f.args()).isEmpty();
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.messageKey()).isEqualTo("rule.E-YEAR-CLOSED.message");
        });
    }

    // --- E-NEGATIVE ---------------------------------------------------------------------------------------------

    @Test
    void negativePasses() {
        assertThat(check("E-NEGATIVE", in().cur(POOR_POPULATION, "0").cur(FUNDS_TOTAL, "5")
                .cur(PEOPLE_LIFTED_OUT, ValueKind.TARGET, "3"))).isEmpty();
    }

    @Test
    void negativeFiresOncePerMetricInAnyKind() {
        List<Finding> findings = check("E-NEGATIVE", in()
                .cur(POOR_POPULATION, "-5")
                .cur(POOR_POPULATION, ValueKind.TARGET, "-7")
                .cur(PEOPLE_LIFTED_OUT, ValueKind.TARGET, "-1")
                .cur(FUNDS_TOTAL, "100"));
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).fields()).containsExactly("poor_population");
        assertThat(findings.get(0).args()).containsExactly("poor_population", n("-5"));
        assertThat(findings.get(1).fields()).containsExactly("people_lifted_out");
        assertThat(findings.get(1).args()).containsExactly("people_lifted_out", n("-1"));
    }

    // --- E-INCIDENCE-RANGE ----------------------------------------------------------------------------------------

    @Test
    void incidenceRangePasses() {
        assertThat(check("E-INCIDENCE-RANGE", in().cur(POVERTY_INCIDENCE, "0")
                .cur(POVERTY_INCIDENCE, ValueKind.TARGET, "100"))).isEmpty();
        assertThat(check("E-INCIDENCE-RANGE", in().cur(POVERTY_INCIDENCE, "0.60"))).isEmpty();
    }

    @Test
    void incidenceRangeFiresAboveHundredAndBelowZeroInAnyKind() {
        assertThat(check("E-INCIDENCE-RANGE", in().cur(POVERTY_INCIDENCE, "100.01")))
                .singleElement().satisfies(f -> {
                    assertThat(f.fields()).containsExactly("poverty_incidence");
                    assertThat(f.args()).containsExactly(n("100.01"));
                });
        assertThat(check("E-INCIDENCE-RANGE", in().cur(POVERTY_INCIDENCE, ValueKind.BASELINE, "-0.5")))
                .singleElement().satisfies(f -> assertThat(f.args()).containsExactly(n("-0.5")));
    }

    // --- E-WHOLE-NUMBER -------------------------------------------------------------------------------------------

    @Test
    void wholeNumberPasses() {
        assertThat(check("E-WHOLE-NUMBER", in().cur(POOR_POPULATION, "5510000").cur(FUNDS_TOTAL, "12.00")
                .cur(VILLAGES_EXITED, "1E+3").cur(POVERTY_INCIDENCE, "0.6"))).isEmpty();
    }

    @Test
    void wholeNumberFiresForFractionalCounts() {
        List<Finding> findings = check("E-WHOLE-NUMBER", in().cur(POOR_POPULATION, "10.5")
                .cur(FUNDS_CENTRAL, "3.01").cur(POVERTY_INCIDENCE, "1.7"));
        assertThat(findings).extracting(Finding::fields)
                .containsExactly(List.of("poor_population"), List.of("funds_central"));
        assertThat(findings.get(0).args()).containsExactly("poor_population", n("10.5"));
    }

    // --- E-LIFTED-EXCEEDS-POOR ------------------------------------------------------------------------------------

    @Test
    void liftedExceedsPoorPasses() {
        assertThat(check("E-LIFTED-EXCEEDS-POOR", in().prev(POOR_POPULATION, "16600000")
                .cur(PEOPLE_LIFTED_OUT, "11090000"))).isEmpty();
        assertThat(check("E-LIFTED-EXCEEDS-POOR", in().prev(POOR_POPULATION, "100")
                .cur(PEOPLE_LIFTED_OUT, "100"))).isEmpty();
    }

    @Test
    void liftedExceedsPoorFires() {
        assertThat(check("E-LIFTED-EXCEEDS-POOR", in().prev(POOR_POPULATION, "100")
                .cur(PEOPLE_LIFTED_OUT, "101")))
                .singleElement().satisfies(f -> {
                    assertThat(f.fields()).containsExactly("people_lifted_out", "poor_population");
                    assertThat(f.args()).containsExactly(n("101"), n("100"));
                });
    }

    @Test
    void liftedExceedsPoorComparesWithLastYearNotThisYear() {
        assertThat(check("E-LIFTED-EXCEEDS-POOR", in().cur(POOR_POPULATION, "10")
                .cur(PEOPLE_LIFTED_OUT, "50"))).isEmpty();
    }

    // --- E-EXITS-EXCEED-REGISTERED --------------------------------------------------------------------------------

    @Test
    void exitsExceedRegisteredPasses() {
        assertThat(check("E-EXITS-EXCEED-REGISTERED", in().cur(VILLAGES_EXITED, "10").cur(VILLAGES_REGISTERED, "10")
                .cur(COUNTIES_EXITED, "2").cur(COUNTIES_REGISTERED, "5"))).isEmpty();
    }

    @Test
    void exitsExceedRegisteredFiresPerPair() {
        List<Finding> findings = check("E-EXITS-EXCEED-REGISTERED", in()
                .cur(VILLAGES_EXITED, "11").cur(VILLAGES_REGISTERED, "10")
                .cur(COUNTIES_EXITED, "6").cur(COUNTIES_REGISTERED, "5"));
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).fields()).containsExactly("villages_exited", "villages_registered");
        assertThat(findings.get(0).args())
                .containsExactly("villages_exited", n("11"), "villages_registered", n("10"));
        assertThat(findings.get(1).fields()).containsExactly("counties_exited", "counties_registered");
    }

    // --- E-FUNDS-EXCEED-TOTAL -------------------------------------------------------------------------------------

    @Test
    void fundsExceedTotalPasses() {
        assertThat(check("E-FUNDS-EXCEED-TOTAL", in().cur(FUNDS_TOTAL, "100")
                .cur(FUNDS_CENTRAL, "60").cur(FUNDS_PROVINCIAL, "30").cur(FUNDS_RELOCATION, "10"))).isEmpty();
    }

    @Test
    void fundsExceedTotalFiresWithReportedSourcesOnly() {
        assertThat(check("E-FUNDS-EXCEED-TOTAL", in().cur(FUNDS_TOTAL, "100")
                .cur(FUNDS_CENTRAL, "60").cur(FUNDS_RELOCATION, "41")))
                .singleElement().satisfies(f -> {
                    assertThat(f.fields()).containsExactly("funds_total", "funds_central", "funds_relocation");
                    assertThat(f.args()).containsExactly(n("101"), n("100"));
                });
    }

    @Test
    void fundsExceedTotalIgnoresTargets() {
        assertThat(check("E-FUNDS-EXCEED-TOTAL", in().cur(FUNDS_TOTAL, "100")
                .cur(FUNDS_CENTRAL, ValueKind.TARGET, "500"))).isEmpty();
    }

    // --- W-CHANGE-OVER-50 -----------------------------------------------------------------------------------------

    @Test
    void changeOver50Passes() {
        assertThat(check("W-CHANGE-OVER-50", in().prev(FUNDS_TOTAL, "100").cur(FUNDS_TOTAL, "150")
                .prev(POOR_POPULATION, "100").cur(POOR_POPULATION, "50"))).isEmpty();
    }

    @Test
    void changeOver50Fires() {
        List<Finding> findings = check("W-CHANGE-OVER-50", in()
                .prev(POOR_POPULATION, "16600000").cur(POOR_POPULATION, "5510000")
                .prev(FUNDS_TOTAL, "300").cur(FUNDS_TOTAL, "451"));
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).fields()).containsExactly("poor_population");
        assertThat(findings.get(0).args())
                .containsExactly("poor_population", n("16600000"), n("5510000"), n("-66.8"));
        assertThat(findings.get(1).args()).containsExactly("funds_total", n("300"), n("451"), n("50.3"));
    }

    @Test
    void changeOver50SkipsZeroPreviousAndNonActual() {
        assertThat(check("W-CHANGE-OVER-50", in().prev(FUNDS_TOTAL, "0").cur(FUNDS_TOTAL, "1000")
                .prev(POOR_POPULATION, "100").cur(POOR_POPULATION, ValueKind.TARGET, "1"))).isEmpty();
    }

    // --- W-POOR-CONTINUITY ----------------------------------------------------------------------------------------

    @Test
    void poorContinuityPassesWithinTolerance() {
        // 2019 → 2020 nationally: 5.51 million poor, 5.51 million lifted out, none left
        assertThat(check("W-POOR-CONTINUITY", in().prev(POOR_POPULATION, "5510000")
                .cur(PEOPLE_LIFTED_OUT, "5510000").cur(POOR_POPULATION, "0"))).isEmpty();
        // 5 % newly identified is still fine
        assertThat(check("W-POOR-CONTINUITY", in().prev(POOR_POPULATION, "1000")
                .cur(PEOPLE_LIFTED_OUT, "400").cur(POOR_POPULATION, "650"))).isEmpty();
    }

    @Test
    void poorContinuityFiresOnNational2019Figures() {
        List<Finding> findings = Rules.checkAll(in()
                .prev(POOR_POPULATION, "16600000")
                .cur(PEOPLE_LIFTED_OUT, "11090000")
                .cur(POOR_POPULATION, "11090000").build());
        assertThat(findings).filteredOn(f -> f.ruleId().equals("W-POOR-CONTINUITY"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.fields()).containsExactly("poor_population", "people_lifted_out");
                    assertThat(f.args()).containsExactly(n("11090000"), n("16600000"), n("11090000"), n("5510000"));
                });
    }

    @Test
    void poorContinuityFiresWhenPopulationFallsTooFast() {
        assertThat(check("W-POOR-CONTINUITY", in().prev(POOR_POPULATION, "1000")
                .cur(PEOPLE_LIFTED_OUT, "400").cur(POOR_POPULATION, "549"))).hasSize(1);
    }

    // --- W-INCIDENCE-INCONSISTENT ---------------------------------------------------------------------------------

    @Test
    void incidenceInconsistentPassesOnNational2019Figures() {
        assertThat(check("W-INCIDENCE-INCONSISTENT", in()
                .prev(POOR_POPULATION, "16600000").prev(POVERTY_INCIDENCE, "1.7")
                .cur(POOR_POPULATION, "5510000").cur(POVERTY_INCIDENCE, "0.6"))).isEmpty();
    }

    @Test
    void incidenceInconsistentFires() {
        assertThat(check("W-INCIDENCE-INCONSISTENT", in()
                .prev(POOR_POPULATION, "16600000").prev(POVERTY_INCIDENCE, "1.7")
                .cur(POOR_POPULATION, "11090000").cur(POVERTY_INCIDENCE, "0.6")))
                .singleElement().satisfies(f -> {
                    assertThat(f.fields()).containsExactly("poverty_incidence", "poor_population");
                    assertThat(f.args()).containsExactly(n("1.7"), n("0.6"), n("16600000"), n("11090000"));
                });
    }

    @Test
    void incidenceInconsistentSkipsZeroPrevious() {
        assertThat(check("W-INCIDENCE-INCONSISTENT", in()
                .prev(POOR_POPULATION, "0").prev(POVERTY_INCIDENCE, "0")
                .cur(POOR_POPULATION, "100").cur(POVERTY_INCIDENCE, "5"))).isEmpty();
    }

    // --- W-REGIONS-BELOW-DIFFER -----------------------------------------------------------------------------------

    @Test
    void regionsBelowDifferPasses() {
        assertThat(check("W-REGIONS-BELOW-DIFFER", in().cur(POOR_POPULATION, "1000").below(POOR_POPULATION, "1010")
                .cur(POVERTY_INCIDENCE, "1.0").below(POVERTY_INCIDENCE, "30"))).isEmpty();
    }

    @Test
    void regionsBelowDifferFires() {
        List<Finding> findings = check("W-REGIONS-BELOW-DIFFER", in()
                .cur(POOR_POPULATION, "1000").below(POOR_POPULATION, "1011")
                .cur(FUNDS_TOTAL, "1000").below(FUNDS_TOTAL, "989"));
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).fields()).containsExactly("poor_population");
        assertThat(findings.get(0).args()).containsExactly("poor_population", n("1000"), n("1011"));
        assertThat(findings.get(1).args()).containsExactly("funds_total", n("1000"), n("989"));
    }

    // --- missing values -------------------------------------------------------------------------------------------

    @Test
    void missingValuesDoNotFire() {
        // each rule gets only some of what it needs; missing never counts as zero
        assertThat(check("E-LIFTED-EXCEEDS-POOR", in().cur(PEOPLE_LIFTED_OUT, "100"))).isEmpty();
        assertThat(check("E-EXITS-EXCEED-REGISTERED", in().cur(VILLAGES_EXITED, "5")
                .cur(COUNTIES_REGISTERED, "0"))).isEmpty();
        assertThat(check("E-FUNDS-EXCEED-TOTAL", in().cur(FUNDS_CENTRAL, "100"))).isEmpty();
        assertThat(check("E-FUNDS-EXCEED-TOTAL", in().cur(FUNDS_TOTAL, "100"))).isEmpty();
        assertThat(check("W-CHANGE-OVER-50", in().cur(POOR_POPULATION, "100"))).isEmpty();
        assertThat(check("W-CHANGE-OVER-50", in().prev(POOR_POPULATION, "100"))).isEmpty();
        assertThat(check("W-POOR-CONTINUITY", in().prev(POOR_POPULATION, "1000")
                .cur(POOR_POPULATION, "10"))).isEmpty();
        assertThat(check("W-POOR-CONTINUITY", in().prev(POOR_POPULATION, "1000")
                .cur(PEOPLE_LIFTED_OUT, "10"))).isEmpty();
        assertThat(check("W-INCIDENCE-INCONSISTENT", in().prev(POOR_POPULATION, "1000")
                .prev(POVERTY_INCIDENCE, "10").cur(POOR_POPULATION, "100"))).isEmpty();
        assertThat(check("W-REGIONS-BELOW-DIFFER", in().cur(POOR_POPULATION, "1000"))).isEmpty();
        assertThat(check("W-REGIONS-BELOW-DIFFER", in().below(POOR_POPULATION, "1000"))).isEmpty();
        for (Rule rule : Rules.ALL) {
            assertThat(rule.check(in().build())).as(rule.id()).isEmpty();
        }
    }

    @Test
    void rulesReadActualValuesOnlyUnlessStatedOtherwise() {
        In targets = in();
        for (Metric metric : Metric.values()) {
            targets.cur(metric, ValueKind.TARGET, "1.5");
            targets.prev(metric, "1000");
            targets.below(metric, "1000");
        }
        targets.cur(FUNDS_TOTAL, ValueKind.TARGET, "1");
        assertThat(Rules.checkAll(targets.build())).isEmpty();
    }
}
