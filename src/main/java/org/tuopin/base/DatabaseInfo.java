package org.tuopin.base;

/**
 * Which database the application is using. Demo accounts exist only when {@link #embedded()} is true,
 * so that they can never appear in a real deployment.
 */
public record DatabaseInfo(boolean embedded, String description) {
}
