package org.tuopin.base.ui;

import java.util.Optional;

import com.vaadin.flow.component.Component;

/**
 * A step a user must take before the pages inside the shell open to them, such as entering the second factor or
 * replacing a one-time password. The shell asks every check before each view inside it opens and reroutes to the
 * view the first one names.
 */
public interface EntryCheck {

    /** Where the user must go instead of {@code target}, or empty to let them through. */
    Optional<Class<? extends Component>> rerouteFor(Class<?> target);
}
