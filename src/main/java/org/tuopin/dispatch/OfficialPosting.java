package org.tuopin.dispatch;

import java.time.Instant;
import java.time.LocalDate;

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

/** One official's posting to a region (and village), as the local office records it. */
@Entity
@Table(name = "official_posting")
class OfficialPosting {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "official_no", nullable = false)
    private String officialNo;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OfficialRank rank;

    @Column(name = "sending_organisation", nullable = false)
    private String sendingOrganisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DispatchRole role;

    @Column(name = "region_id", nullable = false)
    private long regionId;

    @Column(name = "region_path", nullable = false)
    private String regionPath;

    private @Nullable String village;

    @Column(name = "start_date", nullable = false)
    private LocalDate startDate;

    @Column(name = "end_date")
    private @Nullable LocalDate endDate;

    @Column(nullable = false)
    private boolean bilingual;

    private @Nullable String note;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    @Version
    private long version;

    protected OfficialPosting() {
    }

    OfficialPosting(String createdBy) {
        this.createdBy = createdBy;
        this.updatedBy = createdBy;
    }

    /** Takes over checked values; the service has trimmed and validated them. */
    void assign(String officialNo, String name, OfficialRank rank, String sendingOrganisation, DispatchRole role,
                long regionId, String regionPath, @Nullable String village, LocalDate startDate,
                @Nullable LocalDate endDate, boolean bilingual, @Nullable String note, String by) {
        this.officialNo = officialNo;
        this.name = name;
        this.rank = rank;
        this.sendingOrganisation = sendingOrganisation;
        this.role = role;
        this.regionId = regionId;
        this.regionPath = regionPath;
        this.village = village;
        this.startDate = startDate;
        this.endDate = endDate;
        this.bilingual = bilingual;
        this.note = note;
        this.updatedBy = by;
        this.updatedAt = Instant.now();
    }

    Long getId() {
        return id;
    }

    String getOfficialNo() {
        return officialNo;
    }

    String getName() {
        return name;
    }

    OfficialRank getRank() {
        return rank;
    }

    String getSendingOrganisation() {
        return sendingOrganisation;
    }

    DispatchRole getRole() {
        return role;
    }

    long getRegionId() {
        return regionId;
    }

    String getRegionPath() {
        return regionPath;
    }

    @Nullable String getVillage() {
        return village;
    }

    LocalDate getStartDate() {
        return startDate;
    }

    @Nullable LocalDate getEndDate() {
        return endDate;
    }

    boolean isBilingual() {
        return bilingual;
    }

    @Nullable String getNote() {
        return note;
    }

    long getVersion() {
        return version;
    }
}
