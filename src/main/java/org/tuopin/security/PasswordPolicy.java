package org.tuopin.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Password rules of OWASP ASVS 5.0 level 2: 12 to 128 characters counted as Unicode code points, any
 * characters and no composition rules, refused when among the 10,000 most common passwords or when it is
 * the username. Passwords are judged exactly as typed: nothing is trimmed or normalised.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    /** Classpath resource with the common passwords, lower case, one a line. */
    static final String COMMON_PASSWORDS = "security/common-passwords.txt";

    private final Set<String> commonPasswords;

    /** Reads the list once; plain {@code new PasswordPolicy()} works in unit tests without Spring. */
    public PasswordPolicy() {
        this.commonPasswords = loadCommonPasswords();
    }

    /** Every rule the password breaks, in a fixed order; an empty list means it is acceptable. */
    public List<PasswordProblem> check(String username, String password) {
        String candidate = password == null ? "" : password;
        List<PasswordProblem> problems = new ArrayList<>();
        int length = candidate.codePointCount(0, candidate.length());
        if (length < MIN_LENGTH) {
            problems.add(PasswordProblem.TOO_SHORT);
        }
        if (length > MAX_LENGTH) {
            problems.add(PasswordProblem.TOO_LONG);
        }
        String folded = candidate.toLowerCase(Locale.ROOT);
        if (commonPasswords.contains(folded)) {
            problems.add(PasswordProblem.TOO_COMMON);
        }
        if (username != null && !username.isEmpty() && folded.equals(username.toLowerCase(Locale.ROOT))) {
            problems.add(PasswordProblem.SAME_AS_USERNAME);
        }
        return problems;
    }

    private static Set<String> loadCommonPasswords() {
        InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON_PASSWORDS);
        if (in == null) {
            throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the classpath");
        }
        Set<String> words = new HashSet<>(16_384);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty()) {
                    words.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + COMMON_PASSWORDS, e);
        }
        return words;
    }
}
