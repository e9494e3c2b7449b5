package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TotpTest {

    static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc4226AppendixDValues() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
                "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(Totp.hotp(RFC_KEY, counter, 6)).as("counter %d", counter).isEqualTo(expected[counter]);
        }
    }

    @Test
    void rfc6238AppendixBSha1Values() {
        long[] times = {59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L};
        String[] expected = {"94287082", "07081804", "14050471", "89005924", "69279037", "65353130"};
        for (int i = 0; i < times.length; i++) {
            assertThat(Totp.hotp(RFC_KEY, Totp.step(Instant.ofEpochSecond(times[i])), 8)).isEqualTo(expected[i]);
        }
    }

    @Test
    void base32RoundTripsAndToleratesWhatPeoplePaste() {
        assertThat(Totp.base32Encode(RFC_KEY)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.base32Decode("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq====")).isEqualTo(RFC_KEY);
        String secret = Totp.newSecret();
        assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Totp.base32Encode(Totp.base32Decode(secret))).isEqualTo(secret);
    }

    @Test
    void aCodeMatchesOneStepEitherSideAndNoFurther() {
        String secret = Totp.base32Encode(RFC_KEY);
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.step(now);
        for (long s = step - 1; s <= step + 1; s++) {
            assertThat(Totp.matchingStep(secret, Totp.code(secret, s), now)).hasValue(s);
        }
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 2), now)).isEmpty();
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 2), now)).isEmpty();
        assertThat(Totp.matchingStep(secret, "12345", now)).isEmpty();
        assertThat(Totp.matchingStep(secret, "abcdef", now)).isEmpty();
        assertThat(Totp.matchingStep(secret, null, now)).isEmpty();
    }

    @Test
    void theOtpauthLinkIsEncoded() {
        assertThat(Totp.otpauthUri("Tuopin 脱贫", "clerk:liangshan", "ABC"))
                .isEqualTo("otpauth://totp/Tuopin%20%E8%84%B1%E8%B4%AB:clerk%3Aliangshan?secret=ABC"
                        + "&issuer=Tuopin%20%E8%84%B1%E8%B4%AB&algorithm=SHA1&digits=6&period=30");
    }
}
