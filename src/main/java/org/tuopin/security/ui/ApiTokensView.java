package org.tuopin.security.ui;

import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

import org.tuopin.base.UserError;
import org.tuopin.security.ApiTokenService;

/** Any signed-in user creates, lists and revokes their own personal API tokens (DD021). */
@Route("account/api-tokens")
@PermitAll
public class ApiTokensView extends VerticalLayout implements HasDynamicTitle {

    static final List<Integer> DURATIONS = List.of(7, 30, 90, 180, ApiTokenService.MAX_DAYS);

    final TextField name = new TextField();
    final Select<Integer> days = new Select<>();
    final Button create = new Button();
    final ApiTokenGrid tokens;

    ApiTokensView(ApiTokenService service) {
        setMaxWidth("72rem");
        H2 title = new H2(getTranslation("tokens.title"));
        title.addClassName("view-title");
        name.setLabel(getTranslation("tokens.name"));
        name.setHelperText(getTranslation("tokens.nameHelp"));
        name.setMaxLength(80);
        name.setRequiredIndicatorVisible(true);
        days.setLabel(getTranslation("tokens.expiry"));
        days.setItems(DURATIONS);
        days.setItemLabelGenerator(d -> getTranslation("tokens.days", d));
        days.setValue(90);
        tokens = new ApiTokenGrid(service::own, t -> service.revokeOwn(t.id()));
        create.setText(getTranslation("tokens.create"));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> {
            ApiTokenService.Created created;
            try {
                created = service.create(name.getValue(), days.getValue() == null ? 0 : days.getValue());
            } catch (UserError error) {
                name.setErrorMessage(getTranslation(error.messageKey(), error.args()));
                name.setInvalid(true);
                return;
            }
            name.clear();
            name.setInvalid(false);
            tokens.refresh();
            showOnce(created.secret());
        });
        HorizontalLayout form = new HorizontalLayout(name, days, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        add(title, new Paragraph(getTranslation("tokens.intro")), form, tokens);
    }

    /** The secret lives in this dialog only: closing it is the last time anyone sees it. */
    private void showOnce(String secret) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("tokens.createdTitle"));
        Span shown = new Span(secret);
        shown.addClassName("token-secret");
        shown.getStyle().set("font-family", "monospace").set("word-break", "break-all");
        dialog.add(new Paragraph(getTranslation("tokens.createdText")), shown);
        dialog.getFooter().add(new Button(getTranslation("action.close"), e -> {
            dialog.close();
            dialog.removeAll();
        }));
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("tokens.title") + " · " + getTranslation("app.name");
    }
}
