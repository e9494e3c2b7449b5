package org.tuopin.security.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

import org.tuopin.base.NotFoundException;
import org.tuopin.security.ApiTokenRow;

/**
 * The tokens of one account, as their owner (ApiTokensView) and an administrator (AdminUsersView) see them: name,
 * hint, created, expiry, last use and where from, state, and a revoke button while the token is active. An account
 * has few tokens (at most twenty active), so the list is read whole.
 */
class ApiTokenGrid extends Grid<ApiTokenRow> {

    private final Supplier<List<ApiTokenRow>> rows;

    ApiTokenGrid(Supplier<List<ApiTokenRow>> rows, Consumer<ApiTokenRow> revoke) {
        this.rows = rows;
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(getLocale())
                .withZone(ZoneId.systemDefault());
        addColumn(ApiTokenRow::name).setHeader(getTranslation("tokens.name")).setAutoWidth(true);
        addColumn(ApiTokenRow::hint).setHeader("").setAutoWidth(true);
        addColumn(t -> when.format(t.createdAt())).setHeader(getTranslation("tokens.created")).setAutoWidth(true);
        addColumn(t -> when.format(t.expiresAt())).setHeader(getTranslation("tokens.expires")).setAutoWidth(true);
        addColumn(t -> t.lastUsedAt() == null ? getTranslation("tokens.never") : when.format(t.lastUsedAt()))
                .setHeader(getTranslation("tokens.lastUsed")).setAutoWidth(true);
        addColumn(t -> t.lastUsedFrom() == null ? "" : t.lastUsedFrom())
                .setHeader(getTranslation("tokens.lastUsedFrom")).setAutoWidth(true);
        addColumn(this::status).setHeader(getTranslation("tokens.status")).setAutoWidth(true);
        addComponentColumn(t -> {
            Button button = new Button(getTranslation("tokens.revoke"), e -> {
                try {
                    revoke.accept(t);
                    Notification.show(getTranslation("tokens.revoked"), 4000, Notification.Position.TOP_CENTER)
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                } catch (NotFoundException gone) {
                    Notification.show(getTranslation("tokens.error.notFound"), 6000, Notification.Position.MIDDLE)
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
                refresh();
            });
            button.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            button.setVisible(t.status(Instant.now()) == ApiTokenRow.Status.ACTIVE);
            return button;
        }).setAutoWidth(true);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setEmptyStateText(getTranslation("tokens.none"));
        setAllRowsVisible(true);
        refresh();
    }

    void refresh() {
        setItems(rows.get());
    }

    private String status(ApiTokenRow t) {
        ApiTokenRow.Status status = t.status(Instant.now());
        return status == ApiTokenRow.Status.REVOKED ? getTranslation("tokens.status.REVOKED", t.revokedBy())
                : getTranslation("tokens.status." + status.name());
    }
}
