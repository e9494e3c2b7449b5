package org.tuopin.pairing;

import org.springframework.stereotype.Component;
import org.tuopin.audit.FieldLabels;

/** How the audit view reads the entries of pairing records (DD019): the export's column names, the same words. */
@Component
class PairingAuditLabels extends FieldLabels {

    PairingAuditLabels() {
        super(forRecords(PairingService.ENTITY_TYPE)
                .field("donor", "export.header.donor")
                .code("donor_type", "export.header.donor_type", s -> DonorType.valueOf(s).messageKey())
                .field("recipient_code", "export.header.recipient_code")
                .field("year", "column.year")
                .money("funds_pledged_rmb", "export.header.funds_pledged_rmb")
                .money("funds_delivered_rmb", "export.header.funds_delivered_rmb")
                .count("projects", "export.header.projects")
                .count("people_helped", "export.header.people_helped")
                .field("source", "column.source")
                .field("note", "column.note"));
    }
}
