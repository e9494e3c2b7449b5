package org.tuopin.figures;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

/** One region's (or group's) figures for one year, and where they stand in the review loop. */
@Entity
@Table(name = "yearly_report")
class YearlyReport {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "region_id")
    private @Nullable Long regionId;

    @Column(name = "group_id")
    private @Nullable Long groupId;

    @Column(nullable = false)
    private int year;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ReportState state = ReportState.DRAFT;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    @Column(name = "submitted_by")
    private @Nullable String submittedBy;

    @Version
    private long version;

    protected YearlyReport() {
    }

    YearlyReport(long regionId, int year, String createdBy) {
        this.regionId = regionId;
        this.year = year;
        this.createdBy = createdBy;
        this.updatedBy = createdBy;
    }

    Long getId() {
        return id;
    }

    @Nullable Long getRegionId() {
        return regionId;
    }

    int getYear() {
        return year;
    }

    ReportState getState() {
        return state;
    }

    void setState(ReportState state) {
        this.state = state;
    }

    @Nullable String getSubmittedBy() {
        return submittedBy;
    }

    void setSubmittedBy(@Nullable String submittedBy) {
        this.submittedBy = submittedBy;
    }

    long getVersion() {
        return version;
    }

    /** Marks the report changed, so its version moves even when only its values changed. */
    void touch(String by) {
        this.updatedBy = by;
        Instant now = Instant.now();
        // strictly later than before, so that the row is always dirty and its version moves
        this.updatedAt = now.isAfter(updatedAt) ? now : updatedAt.plusNanos(1000);
    }
}
