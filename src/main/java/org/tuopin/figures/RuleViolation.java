package org.tuopin.figures;

import java.util.List;

import org.tuopin.figures.rules.Finding;

/**
 * The checks refused a save, submit or approval. {@link #explanationMissing()} is true when only warnings
 * stand in the way and a written explanation would let the submission through.
 */
public class RuleViolation extends RuntimeException {

    private final transient List<Finding> findings;
    private final boolean explanationMissing;

    public RuleViolation(List<Finding> findings, boolean explanationMissing) {
        super(findings.stream().map(Finding::ruleId).toList().toString());
        this.findings = List.copyOf(findings);
        this.explanationMissing = explanationMissing;
    }

    public List<Finding> findings() {
        return findings;
    }

    public boolean explanationMissing() {
        return explanationMissing;
    }
}
