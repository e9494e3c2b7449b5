/** The export menu that views put above their grids. */
@NamedInterface("export-ui")
package org.tuopin.base.export.ui;

import org.springframework.modulith.NamedInterface;
