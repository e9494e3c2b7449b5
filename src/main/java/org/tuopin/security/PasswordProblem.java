package org.tuopin.security;

/** Why a chosen password is refused; each has a message in the translation bundles. */
public enum PasswordProblem {
    TOO_SHORT("password.tooShort"),
    TOO_LONG("password.tooLong"),
    TOO_COMMON("password.tooCommon"),
    SAME_AS_USERNAME("password.sameAsUsername");

    private final String messageKey;

    PasswordProblem(String messageKey) {
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
