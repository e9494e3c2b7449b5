package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** RFC test vectors and the rules around them, without a Spring context. */
class TotpTest {

    /** The shared secret of both RFCs' SHA-1 test vectors. */
    static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    static final String RFC_KEY_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void hotpMatchesRfc4226AppendixD() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
                "399871", "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(Totp.hotp(RFC_KEY, counter, 6)).as("counter %d", counter).isEqualTo(expected[counter]);
        }
    }

    @Test
    void totpMatchesRfc6238AppendixBForSha1() {
        long[] unixTimes = {59L, 1_111_111_109L, 1_111_111_111L, 1_234_567_890L, 2_000_000_000L, 20_000_000_000L};
        String[] expected = {"94287082", "07081804", "14050471", "89005924", "69279037", "65353130"};
        for (int i = 0; i < unixTimes.length; i++) {
            long step = Totp.step(Instant.ofEpochSecond(unixTimes[i]));
            assertThat(step).isEqualTo(unixTimes[i] / 30);
            assertThat(Totp.hotp(RFC_KEY, step, 8)).as("T = %d", unixTimes[i]).isEqualTo(expected[i]);
        }
    }

    @Test
    void codesAreSixDigitsZeroPadded() {
        assertThat(Totp.code(RFC_KEY_BASE32, 59L / 30)).isEqualTo("287082");
        assertThat(Totp.code(RFC_KEY_BASE32, 1_111_111_109L / 30)).isEqualTo("081804");
        assertThat(Totp.hotp(RFC_KEY, 1, 1)).isEqualTo("2");
        assertThatThrownBy(() -> Totp.hotp(RFC_KEY, 1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void base32FollowsRfc4648WithoutPadding() {
        String[][] vectors = {{"", ""}, {"f", "MY"}, {"fo", "MZXQ"}, {"foo", "MZXW6"}, {"foob", "MZXW6YQ"},
                {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"}};
        for (String[] v : vectors) {
            byte[] raw = v[0].getBytes(StandardCharsets.US_ASCII);
            assertThat(Totp.base32Encode(raw)).as(v[0]).isEqualTo(v[1]);
            assertThat(Totp.base32Decode(v[1])).as(v[1]).isEqualTo(raw);
        }
        assertThat(Totp.base32Encode(RFC_KEY)).isEqualTo(RFC_KEY_BASE32);
    }

    @Test
    void base32ReadsWhatPeoplePaste() {
        assertThat(Totp.base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(RFC_KEY);
        assertThat(Totp.base32Decode("GEZD-GNBV-GY3T-QOJQ-GEZD-GNBV-GY3T-QOJQ")).isEqualTo(RFC_KEY);
        assertThat(Totp.base32Decode("MZXW6YQ=")).isEqualTo("foob".getBytes(StandardCharsets.US_ASCII));
        assertThat(Totp.base32Decode("mzxw6ytboi======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Totp.base32Decode("MZXW1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newSecretsAreTwentyRandomBytes() {
        String secret = Totp.newSecret();
        assertThat(secret).hasSize(32).matches("[A-Z2-7]{32}");
        assertThat(Totp.base32Decode(secret)).hasSize(20);
        assertThat(Totp.base32Encode(Totp.base32Decode(secret))).isEqualTo(secret);
        assertThat(Totp.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void aCodeMatchesOneStepEitherSideAndReportsWhichStep() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.step(now);
        for (long s = step - 1; s <= step + 1; s++) {
            assertThat(Totp.matchingStep(RFC_KEY_BASE32, Totp.code(RFC_KEY_BASE32, s), now)).hasValue(s);
        }
        assertThat(Totp.matchingStep(RFC_KEY_BASE32, Totp.code(RFC_KEY_BASE32, step - 2), now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_KEY_BASE32, Totp.code(RFC_KEY_BASE32, step + 2), now)).isEmpty();
        assertThat(Totp.matchingStep("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", Totp.code(RFC_KEY_BASE32, step), now))
                .hasValue(step);
        assertThat(Totp.matchingStep(RFC_KEY_BASE32, " " + Totp.code(RFC_KEY_BASE32, step) + "\n", now))
                .as("pasted with white space").hasValue(step);
    }

    @Test
    void malformedCodesAreRefused() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        String current = Totp.code(RFC_KEY_BASE32, Totp.step(now));
        for (String code : new String[] {null, "", "12345", "1234567", current + "0", "abcdef", "12 456", "12345x",
                "-12345", "+12345", "١٢٣٤٥٦", "１２３４５６"}) {
            assertThat(Totp.matchingStep(RFC_KEY_BASE32, code, now)).as("%s", code).isEmpty();
        }
    }

    @Test
    void theOtpauthLinkEncodesIssuerAndAccount() {
        assertThat(Totp.otpauthUri("Tuopin", "clerk", RFC_KEY_BASE32)).isEqualTo(
                "otpauth://totp/Tuopin:clerk?secret=" + RFC_KEY_BASE32
                        + "&issuer=Tuopin&algorithm=SHA1&digits=6&period=30");
        assertThat(Totp.otpauthUri("Tuopin 脱贫", "clerk:liang shan&co", "mzxw 6ytb oi=="))
                .isEqualTo("otpauth://totp/Tuopin%20%E8%84%B1%E8%B4%AB:clerk%3Aliang%20shan%26co?secret=MZXW6YTBOI"
                        + "&issuer=Tuopin%20%E8%84%B1%E8%B4%AB&algorithm=SHA1&digits=6&period=30");
    }
}
