package org.tuopin.figures.ui;

import org.springframework.stereotype.Component;
import org.tuopin.access.CurrentScope;
import org.tuopin.base.ui.MenuBadge;
import org.tuopin.figures.ReportService;

/** The number of reports waiting in the signed-in user's inbox, beside the inbox in the menu. */
@Component
class InboxBadge implements MenuBadge {

    private final CurrentScope currentScope;
    private final ReportService reports;

    InboxBadge(CurrentScope currentScope, ReportService reports) {
        this.currentScope = currentScope;
        this.reports = reports;
    }

    @Override
    public Class<InboxView> view() {
        return InboxView.class;
    }

    @Override
    public int count() {
        // a sign-in still waiting for its second factor has no scope yet, and so no inbox
        return currentScope.find().isPresent() ? reports.inboxCount() : 0;
    }
}
