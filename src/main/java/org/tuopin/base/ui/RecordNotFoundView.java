package org.tuopin.base.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

import org.tuopin.base.NotFoundException;

/**
 * A record that does not exist or lies outside the reader's scope, met while a page opens: the same words as an
 * unknown address, so that scope cannot be probed.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class RecordNotFoundView extends ErrorPage implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        return show("error.notFound.title", "error.notFound.text", HttpServletResponse.SC_NOT_FOUND);
    }
}
