/**
 * The mechanism of file imports, which knows no feature: the limits a file is held to, CSV and XLSX read a row at a
 * time within them, and the capped list of problems. Each feature reads its own columns into its own records.
 */
@NamedInterface("imports")
package org.tuopin.base.imports;

import org.springframework.modulith.NamedInterface;
