package org.tuopin.figures;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.tuopin.base.export.ExportHeaderNames;

/**
 * The wide format's value columns in the reader's language: the metric's name, with the kind in brackets unless it is
 * the actual value ({@code poverty_incidence_target} becomes "Poverty incidence (target)").
 */
@Component
class FigureHeaderNames implements ExportHeaderNames {

    @Override
    public @Nullable String name(String machine, UnaryOperator<String> translate) {
        for (Metric metric : Metric.values()) {
            for (ValueKind kind : ValueKind.values()) {
                if (FigureExports.wideName(metric, kind).equals(machine)) {
                    return kind == ValueKind.ACTUAL ? translate.apply(metric.messageKey())
                            : translate.apply(metric.messageKey()) + " (" + translate.apply(kind.messageKey()) + ")";
                }
            }
        }
        return null;
    }
}
