package org.tuopin.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The demo switch, {@code tuopin.demo.enabled} (environment: {@code TUOPIN_DEMO_ENABLED}), off unless set. Only in
 * demo mode do the README's accounts with their published password exist, and only there may an administrator sign
 * in without a second factor. Which database is in use says nothing about it (docs/design-decisions/DD020).
 */
@Component
public class DemoMode {

    private final boolean enabled;

    DemoMode(@Value("${tuopin.demo.enabled:false}") boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }
}
