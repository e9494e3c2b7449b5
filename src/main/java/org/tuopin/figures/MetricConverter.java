package org.tuopin.figures;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a metric by its machine name ({@code poor_population}), as the CSV files and the API spell it. */
@Converter(autoApply = true)
class MetricConverter implements AttributeConverter<Metric, String> {

    @Override
    public String convertToDatabaseColumn(Metric metric) {
        return metric == null ? null : metric.code();
    }

    @Override
    public Metric convertToEntityAttribute(String code) {
        return code == null ? null : Metric.fromCode(code).orElseThrow();
    }
}
