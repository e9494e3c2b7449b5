package org.tuopin.figures.rules;

import java.util.List;

/**
 * What one rule found: the rule, how serious, the metric codes involved (so a form can mark the fields),
 * and a message as a translation key with its arguments (numbers as {@link java.math.BigDecimal}).
 */
public record Finding(String ruleId, Severity severity, List<String> fields, String messageKey, List<Object> args) {
}
