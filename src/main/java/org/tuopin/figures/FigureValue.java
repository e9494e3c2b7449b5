package org.tuopin.figures;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

/** One reported value. A metric nobody reported has no row: missing is not zero. */
@Entity
@Table(name = "figure_value")
class FigureValue {

    @Id
    // blocks of 50 ids (V9): a report's values go to the database in one batch, not one insert each
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "figure_value_id")
    @SequenceGenerator(name = "figure_value_id", sequenceName = "figure_value_id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "report_id", nullable = false)
    private Long reportId;

    // the report's year, copied so that one index serves "a year's values by value" (V12, DD013); the database
    // refuses a year that is not the report's
    @Column(nullable = false, updatable = false)
    private int year;

    @Column(nullable = false)
    private Metric metric;

    @Column(nullable = false)
    private ValueKind kind;

    @Column(nullable = false, precision = 20, scale = 2)
    private BigDecimal value;

    @Column(nullable = false)
    private String unit;

    private @Nullable String source;

    private @Nullable String note;

    @Column(name = "follow_up", nullable = false)
    private boolean followUp;

    @Version
    private long version;

    protected FigureValue() {
    }

    FigureValue(Long reportId, int year, Metric metric, ValueKind kind) {
        this.reportId = reportId;
        this.year = year;
        this.metric = metric;
        this.kind = kind;
        this.unit = metric.unit().code();
    }

    Long getId() {
        return id;
    }

    Long getReportId() {
        return reportId;
    }

    Metric getMetric() {
        return metric;
    }

    ValueKind getKind() {
        return kind;
    }

    BigDecimal getValue() {
        return value;
    }

    void setValue(BigDecimal value) {
        this.value = value;
    }

    @Nullable String getSource() {
        return source;
    }

    void setSource(@Nullable String source) {
        this.source = source;
    }

    @Nullable String getNote() {
        return note;
    }

    void setNote(@Nullable String note) {
        this.note = note;
    }

    boolean isFollowUp() {
        return followUp;
    }

    void setFollowUp(boolean followUp) {
        this.followUp = followUp;
    }

    long getVersion() {
        return version;
    }
}
