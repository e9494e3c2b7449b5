package org.tuopin.figures;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
class ValueKindConverter implements AttributeConverter<ValueKind, String> {

    @Override
    public String convertToDatabaseColumn(ValueKind kind) {
        return kind == null ? null : kind.code();
    }

    @Override
    public ValueKind convertToEntityAttribute(String code) {
        return code == null ? null : ValueKind.fromCode(code).orElseThrow();
    }
}
