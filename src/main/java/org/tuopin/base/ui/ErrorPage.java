package org.tuopin.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;

/** What the error views share: a title, a sentence in the reader's language and a way back. */
abstract class ErrorPage extends VerticalLayout implements HasDynamicTitle {

    final H2 title = new H2();
    final Paragraph text = new Paragraph();
    private String titleKey = "error.notFound.title";

    ErrorPage() {
        title.addClassName("view-title");
        add(title, text, new Anchor("", getTranslation("error.backToStart")));
    }

    /** Fills the page; returns the HTTP status to answer with. */
    int show(String titleKey, String textKey, int status) {
        this.titleKey = titleKey;
        title.setText(getTranslation(titleKey));
        text.setText(getTranslation(textKey));
        return status;
    }

    @Override
    public String getPageTitle() {
        return getTranslation(titleKey) + " · " + getTranslation("app.name");
    }
}
