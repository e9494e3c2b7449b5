package org.tuopin.security;

/** A reason a chosen password is refused; each has a message in the translation bundles under its key. */
public enum PasswordProblem {
    TOO_SHORT("password.tooShort"),
    TOO_LONG("password.tooLong"),
    TOO_COMMON("password.tooCommon"),
    SAME_AS_USERNAME("password.sameAsUsername");

    private final String messageKey;

    PasswordProblem(String messageKey) {
        this.messageKey = messageKey;
    }

    /** The translation key shown to the person choosing the password. */
    public String messageKey() {
        return messageKey;
    }
}
