package org.tuopin.security;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, six digits, 30-second steps,
 * with the shared secret written in Base32 (RFC 4648) because that is what authenticator apps read.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;

    /** Steps either side of now that still count, so a phone clock a little off still works. */
    static final int DRIFT_STEPS = 1;

    private static final int SECRET_BYTES = 20;
    private static final String HMAC = "HmacSHA1";
    private static final String BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000, 1_000_000_000};
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    /** A fresh 160-bit secret, the key length RFC 4226 recommends for HMAC-SHA1. */
    public static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return base32Encode(key);
    }

    /** The RFC 6238 time step an instant falls in (Unix time divided by 30 s, rounded down). */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The six-digit code for one time step, zero-padded as the app shows it. */
    public static String code(String base32Secret, long timeStep) {
        return hotp(base32Decode(base32Secret), timeStep, DIGITS);
    }

    /**
     * The time step whose code was given, looking one step either side of now for clock drift; empty when
     * none matches or the input is not six ASCII digits. Callers store the step and refuse it (or an
     * earlier one) next time, so that a code cannot be replayed. Surrounding white space is ignored, since
     * codes are often pasted. Every candidate is compared in constant time and none is skipped, so the
     * time taken does not tell which step matched.
     */
    public static OptionalLong matchingStep(String base32Secret, String code, Instant now) {
        if (code == null) {
            return OptionalLong.empty();
        }
        String given = code.strip();
        if (!isSixAsciiDigits(given)) {
            return OptionalLong.empty();
        }
        byte[] key = base32Decode(base32Secret);
        byte[] givenBytes = given.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        long matched = Long.MIN_VALUE;
        for (long candidate = current - DRIFT_STEPS; candidate <= current + DRIFT_STEPS; candidate++) {
            byte[] expected = hotp(key, candidate, DIGITS).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, givenBytes) && matched == Long.MIN_VALUE) {
                matched = candidate;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /**
     * The key-URI an authenticator app imports (typed in or from a QR code), in the de-facto
     * {@code otpauth://totp/Issuer:account?...} format; issuer and account are percent-encoded, so spaces
     * and colons inside them cannot break the label. The secret is given without spaces or padding.
     */
    public static String otpauthUri(String issuer, String accountName, String base32Secret) {
        String secret = base32Secret.toUpperCase(Locale.ROOT).replaceAll("[\\s=-]", "");
        return "otpauth://totp/" + percentEncode(issuer) + ":" + percentEncode(accountName)
                + "?secret=" + secret
                + "&issuer=" + percentEncode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    /** RFC 4226 HOTP: HMAC-SHA1 of the 8-byte big-endian counter, dynamically truncated to {@code digits}. */
    static String hotp(byte[] key, long counter, int digits) {
        if (digits < 1 || digits >= POWERS_OF_TEN.length) {
            throw new IllegalArgumentException("digits must be 1 to 9, not " + digits);
        }
        byte[] hash = hmacSha1(key, ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int truncated = (hash[offset] & 0x7f) << 24
                | (hash[offset + 1] & 0xff) << 16
                | (hash[offset + 2] & 0xff) << 8
                | (hash[offset + 3] & 0xff);
        String value = Integer.toString(truncated % POWERS_OF_TEN[digits]);
        return "0".repeat(digits - value.length()) + value;
    }

    /** RFC 4648 Base32 without padding, which is how otpauth secrets are written. */
    static String base32Encode(byte[] data) {
        StringBuilder text = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = buffer << 8 | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                text.append(BASE32_ALPHABET.charAt(buffer >>> bits & 0x1f));
            }
        }
        if (bits > 0) {
            text.append(BASE32_ALPHABET.charAt(buffer << (5 - bits) & 0x1f));
        }
        return text.toString();
    }

    /**
     * RFC 4648 Base32, forgiving what people copy from a screen: lower case, spaces, hyphens and '='
     * padding are accepted; any other character is refused.
     */
    static byte[] base32Decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Base32 text is missing");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toUpperCase(text.charAt(i));
            if (c == '=' || c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            int value = BASE32_ALPHABET.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("Not a Base32 character: '" + text.charAt(i) + "'");
            }
            buffer = (buffer << 5 | value) & 0xfff;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                bytes.write(buffer >>> bits & 0xff);
            }
        }
        return bytes.toByteArray();
    }

    private static boolean isSixAsciiDigits(String s) {
        if (s.length() != DIGITS) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] hmacSha1(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 ships with every JDK", e);
        }
    }

    /** Percent-encoding for a URI path or query part: unlike form encoding, a space becomes %20. */
    private static String percentEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
