package org.tuopin.region;

import org.springframework.stereotype.Component;
import org.tuopin.audit.FieldLabels;

/** How the audit view reads the entries of regions (DD019). */
@Component
class RegionAuditLabels extends FieldLabels {

    RegionAuditLabels() {
        super(forRecords("region")
                .field("parent", "export.header.parent_code")
                .field("nameEn", "column.nameEn")
                .field("nameZh", "column.nameZh")
                .code("level", "column.level", s -> "level." + RegionLevel.valueOf(s).name())
                .code("designation", "column.designation", s -> "designation." + Designation.valueOf(s).name())
                .flag("eightProvinces", "regions.eightProvinces"));
    }
}
