package org.tuopin.dispatch;

import org.springframework.stereotype.Component;
import org.tuopin.audit.FieldLabels;

/** How the audit view reads the entries of roster postings (DD019). */
@Component
class PostingAuditLabels extends FieldLabels {

    PostingAuditLabels() {
        super(forRecords(DispatchService.ENTITY_TYPE)
                .field("officialNo", "dispatch.officialNo")
                .field("name", "dispatch.name")
                .code("rank", "dispatch.rank", s -> OfficialRank.valueOf(s).messageKey())
                .field("sendingOrganisation", "dispatch.organisation")
                .field("village", "dispatch.village")
                .field("startDate", "export.header.start_date")
                .field("endDate", "export.header.end_date")
                .flag("bilingual", "dispatch.bilingual")
                .field("note", "column.note")
                // a posting's role is its dispatch role, and its region the county or prefecture it serves in
                .code("role", "dispatch.role", s -> DispatchRole.valueOf(s).messageKey()).inOwnRecordsOnly()
                .field("region", "dispatch.region").inOwnRecordsOnly());
    }
}
