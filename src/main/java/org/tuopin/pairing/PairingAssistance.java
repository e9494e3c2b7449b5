package org.tuopin.pairing;

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

/** One donor's assistance to one region in one year, as a local office edits it. Reads go through SQL. */
@Entity
@Table(name = "pairing")
class PairingAssistance {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String donor;

    @Enumerated(EnumType.STRING)
    @Column(name = "donor_type", nullable = false)
    private DonorType donorType;

    @Column(name = "recipient_region_id", nullable = false)
    private long recipientRegionId;

    /** The recipient region's path; the database refuses one that is not the region's own. */
    @Column(name = "recipient_path", nullable = false)
    private String recipientPath;

    @Column(nullable = false)
    private int year;

    @Column(name = "funds_pledged_rmb")
    private @Nullable Long fundsPledgedRmb;

    @Column(name = "funds_delivered_rmb")
    private @Nullable Long fundsDeliveredRmb;

    private @Nullable Integer projects;

    @Column(name = "people_helped")
    private @Nullable Long peopleHelped;

    @Column(nullable = false)
    private String source;

    private @Nullable String note;

    @Version
    private long version;

    protected PairingAssistance() {
    }

    PairingAssistance(Values values) {
        apply(values);
    }

    /** The editable fields, already checked. */
    record Values(String donor, DonorType donorType, long recipientRegionId, String recipientPath, int year,
                  @Nullable Long fundsPledgedRmb, @Nullable Long fundsDeliveredRmb, @Nullable Integer projects,
                  @Nullable Long peopleHelped, String source, @Nullable String note) {
    }

    void apply(Values v) {
        donor = v.donor();
        donorType = v.donorType();
        recipientRegionId = v.recipientRegionId();
        recipientPath = v.recipientPath();
        year = v.year();
        fundsPledgedRmb = v.fundsPledgedRmb();
        fundsDeliveredRmb = v.fundsDeliveredRmb();
        projects = v.projects();
        peopleHelped = v.peopleHelped();
        source = v.source();
        note = v.note();
    }

    Values values() {
        return new Values(donor, donorType, recipientRegionId, recipientPath, year, fundsPledgedRmb,
                fundsDeliveredRmb, projects, peopleHelped, source, note);
    }

    Long getId() {
        return id;
    }

    long getVersion() {
        return version;
    }
}
