package org.tuopin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Remembers a REST caller's successful HTTP Basic sign-in for {@link #TTL}, so that a script's every request does
 * not pay a bcrypt check at cost 12 (a quarter of a second of a core each: under load the API would spend its time
 * hashing passwords). Only successes are remembered, keyed by a SHA-256 of name and password, never the password
 * itself; failures always reach the real check with its lockout and throttling. An account disabled or given a
 * new password meanwhile keeps working over the API for at most the TTL; the password-change filter and every
 * service still read the account from the database on each request.
 */
final class RecentApiSignIns implements AuthenticationManager {

    static final Duration TTL = Duration.ofSeconds(60);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Authentication authentication, long expiresAtNanos) {
    }

    private final AuthenticationManager delegate;
    private final Map<String, Entry> recent = new ConcurrentHashMap<>();

    RecentApiSignIns(AuthenticationManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        if (!(request instanceof UsernamePasswordAuthenticationToken) || !(request.getCredentials() instanceof String password)) {
            return delegate.authenticate(request);
        }
        String key = key(request.getName(), password);
        long now = System.nanoTime();
        Entry entry = recent.get(key);
        if (entry != null && entry.expiresAtNanos() - now > 0) {
            return entry.authentication();
        }
        Authentication result = delegate.authenticate(request);
        if (recent.size() >= MAX_ENTRIES) {
            recent.clear();
        }
        recent.put(key, new Entry(result, now + TTL.toNanos()));
        return result;
    }

    private static String key(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
