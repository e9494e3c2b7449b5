package org.tuopin.base;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.transaction.annotation.Transactional;

/**
 * A read that must see what was just committed: the report form and the inbox (a clerk sees his own save at once),
 * sign-in and account checks (a disabled account or a new password takes effect at once). It runs in a read-write
 * transaction, which never goes to a read replica; {@code @Transactional(readOnly = true)} reads may
 * (docs/design-decisions/DD015-read-replica.md). Without a replica it is an ordinary transaction.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Transactional
public @interface ReadFromPrimary {
}
