/**
 * The table-export engine: streaming CSV/XLSX ({@link org.tuopin.base.export.TableExport}), the audited run of an
 * export ({@link org.tuopin.base.export.ExportService}, {@link org.tuopin.base.export.AuditedExport}). It knows no
 * feature: each feature declares its own columns and queries.
 */
@NamedInterface("export")
package org.tuopin.base.export;

import org.springframework.modulith.NamedInterface;
