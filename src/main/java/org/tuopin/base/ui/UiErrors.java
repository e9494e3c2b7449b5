package org.tuopin.base.ui;

import java.util.UUID;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.tuopin.base.DatabaseUnavailable;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;

/**
 * What a user sees when an action fails in a way its view did not catch: a sentence in their language, never a
 * stack trace. Unexpected failures are logged with a reference the user can quote; the transaction of the
 * action has rolled back, so nothing was half-saved.
 */
@Component
class UiErrors implements VaadinServiceInitListener, ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UiErrors.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        Throwable cause = event.getThrowable();
        String message = messageFor(cause);
        UI ui = UI.getCurrent();
        if (ui != null) {
            Notification notification = new Notification(message, 8000, Notification.Position.MIDDLE);
            notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
            ui.add(notification);
            notification.open();
        }
    }

    /** The sentence for a failure, in the current UI's language (English when there is none). */
    String messageFor(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UserError e) {
                UI ui = UI.getCurrent();
                return ui != null ? Messages.userError(ui, e) : translate(e.messageKey(), e.args());
            }
            if (t instanceof NotFoundException) {
                return translate("error.notFound.text");
            }
            if (t instanceof AccessDeniedException) {
                return translate("error.denied.text");
            }
            if (t instanceof OptimisticLockingFailureException) {
                return translate("error.conflict");
            }
        }
        if (DatabaseUnavailable.busy(failure)) {
            LOG.warn("Database connections busy: {}", failure.toString());
            return translate("error.busy.text");
        }
        if (DatabaseUnavailable.causedBy(failure)) {
            LOG.warn("Database unavailable: {}", failure.toString());
            return translate("error.databaseUnavailable.text");
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Unexpected failure, reference {}", reference, failure);
        return translate("error.unexpected", reference);
    }

    private static String translate(String key, Object... args) {
        UI ui = UI.getCurrent();
        return ui != null ? ui.getTranslation(key, args)
                : new org.tuopin.base.TuopinI18NProvider().getTranslation(key, java.util.Locale.ENGLISH, args);
    }
}
