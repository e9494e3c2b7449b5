package org.tuopin.base.ui;

import java.util.UUID;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuopin.base.DatabaseUnavailable;

/**
 * A page that failed while it opened, for a reason no other error page names. When the database cannot be
 * reached it says so (503) and the reader can simply try again later; anything else gets a reference to quote
 * (500). Never a stack trace. No main layout: the layout itself reads the database.
 */
@AnonymousAllowed
public class ServerErrorView extends ErrorPage implements HasErrorParameter<Exception> {

    private static final Logger LOG = LoggerFactory.getLogger(ServerErrorView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        if (DatabaseUnavailable.busy(parameter.getException())) {
            LOG.warn("Database connections busy while opening {}: {}", event.getLocation().getPath(),
                    parameter.getException().toString());
            return show("error.busy.title", "error.busy.text", HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
        if (DatabaseUnavailable.causedBy(parameter.getException())) {
            LOG.warn("Database unavailable while opening {}: {}", event.getLocation().getPath(),
                    parameter.getException().toString());
            return show("error.databaseUnavailable.title", "error.databaseUnavailable.text",
                    HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Unexpected failure opening {}, reference {}", event.getLocation().getPath(), reference,
                parameter.getException());
        int status = show("error.unexpected.title", "error.unexpected", HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        text.setText(getTranslation("error.unexpected", reference));
        return status;
    }
}
