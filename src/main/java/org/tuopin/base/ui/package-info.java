/**
 * The UI shell and what every view shares: the main layout (its menu built from the views' {@code @Menu} and the
 * contributions {@link org.tuopin.base.ui.MenuBadge}, {@link org.tuopin.base.ui.AccountArea} and
 * {@link org.tuopin.base.ui.EntryCheck}), error pages, number formats and messages. It knows no feature.
 */
@NamedInterface("ui")
package org.tuopin.base.ui;

import org.springframework.modulith.NamedInterface;
