package org.tuopin.base.ui;

import com.vaadin.flow.component.Component;

/**
 * A count beside one menu item, such as the reports waiting in the inbox. A module declares it as a Spring bean;
 * the shell shows it only when the signed-in user's menu holds that view, and asks on every page it draws, so the
 * count should be one cheap query.
 */
public interface MenuBadge {

    /** The view (annotated with {@code @Menu}) whose item carries the badge. */
    Class<? extends Component> view();

    /** How many things wait for the signed-in user; 0 shows no badge. */
    int count();
}
