package org.tuopin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Remembers a REST caller's successful HTTP Basic sign-in for {@link #TTL}, so that a script's every request does
 * not pay a bcrypt check at cost 12 (a quarter of a second of a core each: under load the API would spend its time
 * hashing passwords). Only successes are remembered, keyed by a SHA-256 of name and password, never the password
 * itself; failures always reach the real check with its lockout and throttling. A remembered sign-in is used only
 * while the account is still enabled, not locked, has no second factor (nor must have one) and has the same password
 * hash as when it was remembered (one indexed read instead of a bcrypt check), so disabling, locking, a new password
 * or a second factor take effect at once: a remembered sign-in never skips a one-time code. Requests
 * that arrive with the same credentials while their check runs wait for it and share its success.
 */
final class RecentApiSignIns implements AuthenticationManager {

    static final Duration TTL = Duration.ofSeconds(60);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Authentication authentication, String passwordHash, long expiresAtNanos) {
    }

    private final AuthenticationManager delegate;
    private final SecondFactorCheck secondFactor;
    private final Map<String, Entry> recent = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Authentication>> inFlight = new ConcurrentHashMap<>();
    private static final Duration SHARED_CHECK_WAIT = Duration.ofSeconds(60);

    RecentApiSignIns(AuthenticationManager delegate, SecondFactorCheck secondFactor) {
        this.delegate = delegate;
        this.secondFactor = secondFactor;
    }

    /**
     * The account's password hash while a password-only sign-in may be used: enabled, not locked, no second factor
     * had or required (DD021); empty otherwise.
     */
    private java.util.Optional<String> usableHash(String username) {
        return secondFactor.passwordOnlyHash(username);
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        if (!(request instanceof UsernamePasswordAuthenticationToken) || !(request.getCredentials() instanceof String password)) {
            return delegate.authenticate(request);
        }
        String key = key(request.getName(), password);
        long now = System.nanoTime();
        Entry entry = recent.get(key);
        if (entry != null && entry.expiresAtNanos() - now > 0
                && usableHash(request.getName()).filter(entry.passwordHash()::equals).isPresent()) {
            return entry.authentication();
        }
        recent.remove(key);
        // a script's parallel requests with the same credentials share one check instead of queueing a bcrypt each
        CompletableFuture<Authentication> mine = new CompletableFuture<>();
        CompletableFuture<Authentication> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.get(SHARED_CHECK_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // that check failed or is stuck: this request is judged on its own, so every failure still counts
                return delegate.authenticate(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SignInBusyException("Interrupted while waiting for a sign-in check");
            }
        }
        try {
            Authentication result = delegate.authenticate(request);
            var hash = usableHash(request.getName());
            if (hash.isPresent()) {
                if (recent.size() >= MAX_ENTRIES) {
                    recent.clear();
                }
                recent.put(key, new Entry(result, hash.get(), now + TTL.toNanos()));
            }
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
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
