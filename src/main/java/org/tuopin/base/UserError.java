package org.tuopin.base;

import java.util.Arrays;

/**
 * A request a user made that cannot be carried out, with a message for that user: a translation key and
 * its arguments. Views translate it; the API answers 400 with the English text.
 */
public class UserError extends RuntimeException {

    private final String messageKey;
    private final transient Object[] args;

    public UserError(String messageKey, Object... args) {
        super(messageKey + Arrays.toString(args));
        this.messageKey = messageKey;
        this.args = args.clone();
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
