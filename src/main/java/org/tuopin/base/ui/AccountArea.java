package org.tuopin.base.ui;

import java.util.List;
import java.util.Optional;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * The foot of the drawer: who is signed in, the pages about their own account, and where their choice of language
 * is kept. The module that keeps accounts provides the one bean; the shell adds the language switch and sign-out.
 */
public interface AccountArea {

    /** The signed-in account as the shell names it; empty while the sign-in has not yet given a scope. */
    Optional<Holder> holder();

    /** Pages about the user's own account, in the order shown. */
    List<Action> actions();

    /** Remembers the language the user switched to ({@code en} or {@code zh-CN}) for their next sign-in. */
    void rememberLanguage(String languageTag);

    /** Shown as "username · role · region"; {@code roleKey} is a translation key. */
    record Holder(String username, String roleKey, String regionCode) {
    }

    /** A button that opens {@code view}; {@code titleKey} is a translation key. */
    record Action(String titleKey, VaadinIcon icon, Class<? extends Component> view) {
    }
}
