package org.tuopin.figures.rules;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.tuopin.figures.Metric;
import org.tuopin.figures.Unit;
import org.tuopin.figures.ValueKind;

/** Shared plumbing of the rules: identity, value look-up and building findings. */
abstract class BaseRule implements Rule {

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final String id;
    private final Severity severity;
    private final List<Metric> metrics;

    BaseRule(String id, Severity severity, List<Metric> metrics) {
        this.id = id;
        this.severity = severity;
        this.metrics = List.copyOf(metrics);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Severity severity() {
        return severity;
    }

    @Override
    public final List<Metric> metrics() {
        return metrics;
    }

    /** The translation key of a finding's message. */
    final String messageKey() {
        return "rule." + id + ".message";
    }

    final Finding finding(List<Metric> fields, Object... args) {
        return new Finding(id, severity, fields.stream().map(Metric::code).toList(), messageKey(),
                Arrays.asList(args).stream().map(a -> a instanceof Metric m ? (Object) m.code() : a).toList());
    }

    /** The value, or null when not reported (a missing map counts as empty). */
    static @Nullable BigDecimal get(@Nullable Map<ValueKey, BigDecimal> map, Metric metric, ValueKind kind) {
        return map == null ? null : map.get(new ValueKey(metric, kind));
    }

    static @Nullable BigDecimal actual(@Nullable Map<ValueKey, BigDecimal> map, Metric metric) {
        return get(map, metric, ValueKind.ACTUAL);
    }

    /** People, villages, counties and money add up over regions; a percentage does not. */
    static boolean additive(Metric metric) {
        return metric.unit() != Unit.PERCENT;
    }

    static List<Metric> additiveMetrics() {
        return Arrays.stream(Metric.values()).filter(BaseRule::additive).toList();
    }
}
