package org.tuopin.security.ui;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.tuopin.access.AppRoles;
import org.tuopin.access.CurrentScope;
import org.tuopin.access.Role;
import org.tuopin.access.Scope;
import org.tuopin.base.UserError;
import org.tuopin.region.RegionRef;
import org.tuopin.base.export.ExportService;
import org.tuopin.base.export.TableExport;
import org.tuopin.base.export.ui.ExportMenu;
import org.tuopin.region.RegionService;
import org.tuopin.security.AccountRow;
import org.tuopin.security.ApiTokenService;
import org.tuopin.security.AccountService;

/** Accounts in the administrator's scope: create, change role or region, reset, disable, unlock, sign out. */
@Route("admin/users")
@Menu(order = 20, title = "menu.adminUsers", icon = "vaadin:users")
@RolesAllowed(AppRoles.ADMIN)
class AdminUsersView extends VerticalLayout implements HasDynamicTitle {

    final TextField search = new TextField();
    final Grid<AccountRow> grid = new Grid<>();
    final Button create = new Button();
    final Button edit = new Button();
    final Button resetPassword = new Button();
    final Button toggleEnabled = new Button();
    final Button unlock = new Button();
    final Button endSessions = new Button();
    final Button history = new Button();
    final Button tokens = new Button();
    final ExportMenu exportMenu;
    final java.util.Map<Role, Checkbox> totpRequired = new java.util.EnumMap<>(Role.class);

    private final AccountService accounts;
    private final RegionService regions;

    AdminUsersView(AccountService accounts, RegionService regions, ExportService exports, CurrentScope currentScope,
                   ApiTokenService apiTokens) {
        this.accounts = accounts;
        this.regions = regions;
        Locale locale = getLocale();
        setSizeFull();

        H2 title = new H2(getTranslation("menu.adminUsers"));
        title.addClassName("view-title");

        search.setPlaceholder(getTranslation("accounts.search"));
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        grid.addColumn(AccountRow::username).setHeader(getTranslation("accounts.username")).setAutoWidth(true);
        grid.addColumn(AccountRow::displayName).setHeader(getTranslation("accounts.displayName")).setAutoWidth(true);
        grid.addColumn(a -> getTranslation("role." + a.role().name())).setHeader(getTranslation("accounts.role"))
                .setAutoWidth(true);
        grid.addColumn(a -> a.regionCode() + " " + (locale.getLanguage().equals("zh") ? a.regionNameZh() : a.regionNameEn()))
                .setHeader(getTranslation("column.region")).setAutoWidth(true);
        grid.addColumn(this::status).setHeader(getTranslation("column.state")).setAutoWidth(true);
        grid.addColumn(a -> a.totpEnabled() ? getTranslation("accounts.totpOn") : "")
                .setHeader(getTranslation("accounts.totp")).setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        grid.setItems(q -> accounts.find(search.getValue(), q.getOffset(), q.getLimit()).stream(),
                q -> accounts.count(search.getValue()));
        grid.addSelectionListener(e -> updateButtons());

        create.setText(getTranslation("accounts.create"));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> openForm(null));
        edit.setText(getTranslation("accounts.edit"));
        edit.addClickListener(e -> selected(this::openForm));
        resetPassword.setText(getTranslation("accounts.resetPassword"));
        resetPassword.addClickListener(e -> selected(a -> act(() ->
                showTemporaryPassword(a.username(), accounts.resetPassword(a.id(), a.version())))));
        toggleEnabled.addClickListener(e -> selected(a -> act(() ->
                accounts.setEnabled(a.id(), a.version(), !a.enabled(), null))));
        unlock.setText(getTranslation("accounts.unlock"));
        unlock.addClickListener(e -> selected(a -> act(() -> accounts.unlock(a.id(), a.version()))));
        endSessions.setText(getTranslation("accounts.endSessions"));
        endSessions.addClickListener(e -> selected(a -> act(() -> {
            int ended = accounts.endSessions(a.id());
            Notification.show(getTranslation("accounts.sessionsEnded", ended));
        })));

        tokens.setText(getTranslation("tokens.title"));
        tokens.addClickListener(e -> selected(a -> showTokens(a, apiTokens)));
        history.setText(getTranslation("audit.history"));
        history.addClickListener(e -> selected(a -> getUI().ifPresent(ui -> ui.navigate("audit",
                com.vaadin.flow.router.QueryParameters.simple(java.util.Map.of("entity", "account", "id", a.username()))))));
        HorizontalLayout toolbar = new HorizontalLayout(search, create, edit, resetPassword, toggleEnabled, unlock,
                endSessions, tokens, history);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        toolbar.setWrap(true);
        HorizontalLayout policy = new HorizontalLayout(new Span(getTranslation("accounts.totpPolicy")));
        policy.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        for (Role role : Role.values()) {
            Checkbox required = new Checkbox(getTranslation("role." + role.name()), accounts.totpRequired(role));
            required.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    accounts.setTotpRequired(role, e.getValue());
                }
                required.setValue(accounts.totpRequired(role));
            });
            totpRequired.put(role, required);
            policy.add(required);
        }
        exportMenu = ExportMenu.of("accounts", exports, () -> "search=" + search.getValue(), header -> List.of(
                new TableExport.Column<AccountRow>(header.apply("username"), AccountRow::username),
                new TableExport.Column<>(header.apply("display_name"), AccountRow::displayName),
                new TableExport.Column<>(header.apply("role"), AccountRow::role),
                new TableExport.Column<>(header.apply("region_code"), AccountRow::regionCode),
                new TableExport.Column<>(header.apply("enabled"), AccountRow::enabled),
                new TableExport.Column<>(header.apply("locked_until"), AccountRow::lockedUntil),
                new TableExport.Column<>(header.apply("failed_attempts"), AccountRow::failedAttempts),
                new TableExport.Column<>(header.apply("must_change_password"), AccountRow::mustChangePassword),
                new TableExport.Column<>(header.apply("totp_enabled"), AccountRow::totpEnabled)),
                () -> {
                    String text = search.getValue();
                    return sink -> {
                        // pages of the same query the grid runs: accounts are few, but never all at once
                        for (int offset = 0; ; offset += 500) {
                            List<AccountRow> page = accounts.find(text, offset, 500);
                            page.forEach(sink);
                            if (page.size() < 500) {
                                return;
                            }
                        }
                    };
                });
        // the role policy is a national setting (DD023): a provincial administrator does not see it at all
        policy.setVisible(currentScope.find().map(Scope::national).orElse(false));
        add(title, toolbar, exportMenu, grid, policy);
        updateButtons();
    }

    private String status(AccountRow a) {
        if (!a.enabled()) {
            return getTranslation("accounts.disabled");
        }
        if (a.locked(Instant.now())) {
            return getTranslation("accounts.locked");
        }
        return a.mustChangePassword() ? getTranslation("accounts.mustChange") : getTranslation("accounts.active");
    }

    private void updateButtons() {
        AccountRow a = grid.asSingleSelect().getValue();
        for (Button b : new Button[]{edit, resetPassword, toggleEnabled, unlock, endSessions, tokens, history}) {
            b.setEnabled(a != null);
        }
        toggleEnabled.setText(getTranslation(a != null && !a.enabled() ? "accounts.enable" : "accounts.disable"));
        unlock.setEnabled(a != null && a.locked(Instant.now()));
    }

    private void selected(Consumer<AccountRow> action) {
        AccountRow a = grid.asSingleSelect().getValue();
        if (a != null) {
            action.accept(a);
        }
    }

    /** Runs an account change; a refusal becomes a message, a concurrent change a reload. */
    private boolean act(Runnable change) {
        try {
            change.run();
            grid.getDataProvider().refreshAll();
            grid.deselectAll();
            return true;
        } catch (UserError error) {
            error(getTranslation(error.messageKey(), error.args()));
        } catch (ObjectOptimisticLockingFailureException conflict) {
            error(getTranslation("accounts.error.changed"));
            grid.getDataProvider().refreshAll();
            grid.deselectAll();
        }
        return false;
    }

    private void error(String message) {
        Notification.show(message, 6000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** One form for creating (account null) and for changing name, role and region. */
    void openForm(AccountRow account) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation(account == null ? "accounts.create" : "accounts.edit"));
        TextField username = new TextField(getTranslation("accounts.username"));
        TextField displayName = new TextField(getTranslation("accounts.displayName"));
        Select<Role> role = new Select<>();
        role.setLabel(getTranslation("accounts.role"));
        role.setItems(Role.values());
        role.setItemLabelGenerator(r -> getTranslation("role." + r.name()));
        ComboBox<RegionRef> region = new ComboBox<>(getTranslation("column.region"));
        region.setItems(q -> regions.search(q.getFilter().orElse(""), false, q.getOffset(), q.getLimit()).stream(),
                q -> regions.searchCount(q.getFilter().orElse(""), false));
        region.setItemLabelGenerator(r -> r.label(getLocale()));
        if (account != null) {
            username.setValue(account.username());
            username.setReadOnly(true);
            displayName.setValue(account.displayName());
            role.setValue(account.role());
            region.setValue(regions.get(account.regionCode()));
        } else {
            role.setValue(Role.DATA_ENTRY);
        }
        Button save = new Button(getTranslation("accounts.save"), e -> {
            if (role.getValue() == null || region.getValue() == null) {
                error(getTranslation("accounts.error.region"));
                return;
            }
            boolean done = act(() -> {
                if (account == null) {
                    String temporary = accounts.create(new AccountService.NewAccount(username.getValue(),
                            displayName.getValue(), role.getValue(), region.getValue().code()));
                    showTemporaryPassword(username.getValue().trim().toLowerCase(), temporary);
                } else {
                    accounts.changeRoleAndRegion(account.id(), account.version(), role.getValue(),
                            region.getValue().code(), displayName.getValue());
                }
            });
            if (done) {
                dialog.close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new FormLayout(username, displayName, role, region));
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    /** The account's personal API tokens, which the administrator may revoke (the owner sees who did). */
    private void showTokens(AccountRow account, ApiTokenService apiTokens) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("tokens.ofAccount", account.username()));
        dialog.setWidth("64rem");
        dialog.add(new ApiTokenGrid(() -> apiTokens.ofAccount(account.id()),
                t -> apiTokens.revokeAsAdministrator(account.id(), t.id())));
        dialog.getFooter().add(new Button(getTranslation("action.close"), e -> dialog.close()));
        dialog.open();
    }

    private void showTemporaryPassword(String username, String temporary) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("accounts.temporaryTitle", username));
        Span password = new Span(temporary);
        password.addClassName("temporary-password");
        dialog.add(new Paragraph(getTranslation("accounts.temporaryText")), password);
        dialog.getFooter().add(new Button(getTranslation("action.close"), e -> dialog.close()));
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.adminUsers") + " · " + getTranslation("app.name");
    }
}
