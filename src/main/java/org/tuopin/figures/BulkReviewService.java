package org.tuopin.figures;

import java.util.ArrayList;
import java.util.List;

import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;
import org.tuopin.figures.ReportModels.BulkResult;
import org.tuopin.figures.ReportModels.ReportKey;

/**
 * Approves or returns many reports at once. Each report goes through the same service call as a single
 * one, in its own transaction, with its own checks and transition: one refusal does not undo the others.
 */
@Service
public class BulkReviewService {

    private final ReportService reports;

    BulkReviewService(ReportService reports) {
        this.reports = reports;
    }

    @PreAuthorize("hasRole('SUPERVISOR')")
    public List<BulkResult> approveAll(List<ReportKey> keys) {
        List<BulkResult> results = new ArrayList<>();
        for (ReportKey key : keys) {
            results.add(attempt(key, () -> reports.approve(key.regionCode(), key.year(), key.version())));
        }
        return results;
    }

    @PreAuthorize("hasRole('SUPERVISOR')")
    public List<BulkResult> returnAll(List<ReportKey> keys, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new UserError("report.error.reasonRequired");
        }
        List<BulkResult> results = new ArrayList<>();
        for (ReportKey key : keys) {
            results.add(attempt(key, () -> reports.returnReport(key.regionCode(), key.year(), key.version(), reason)));
        }
        return results;
    }

    private static BulkResult attempt(ReportKey key, Runnable action) {
        try {
            action.run();
            return new BulkResult(key, true, null);
        } catch (RuleViolation e) {
            return new BulkResult(key, false, "report.error.rules");
        } catch (ReportLocked e) {
            return new BulkResult(key, false, e.messageKey());
        } catch (ObjectOptimisticLockingFailureException e) {
            return new BulkResult(key, false, "report.error.stale");
        } catch (NotFoundException | AccessDeniedException e) {
            return new BulkResult(key, false, "report.error.notReviewable");
        }
    }
}
