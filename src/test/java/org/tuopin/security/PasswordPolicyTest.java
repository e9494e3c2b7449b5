package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tuopin.security.PasswordProblem.SAME_AS_USERNAME;
import static org.tuopin.security.PasswordProblem.TOO_COMMON;
import static org.tuopin.security.PasswordProblem.TOO_LONG;
import static org.tuopin.security.PasswordProblem.TOO_SHORT;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ASVS level-2 password rules, checked without a Spring context. */
class PasswordPolicyTest {

    static PasswordPolicy policy;
    static List<String> commonPasswords;

    @BeforeAll
    static void load() throws IOException {
        policy = new PasswordPolicy();
        try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(PasswordPolicy.COMMON_PASSWORDS)) {
            assertThat(in).as(PasswordPolicy.COMMON_PASSWORDS).isNotNull();
            commonPasswords = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void twelveToOneHundredTwentyEightCharactersAreAccepted() {
        assertThat(policy.check("clerk", "k".repeat(11))).containsExactly(TOO_SHORT);
        assertThat(policy.check("clerk", "k".repeat(12))).isEmpty();
        assertThat(policy.check("clerk", "k".repeat(128))).isEmpty();
        assertThat(policy.check("clerk", "k".repeat(129))).containsExactly(TOO_LONG);
    }

    @Test
    void lengthIsCountedInCodePointsNotBytesOrUtf16Units() {
        assertThat(policy.check("clerk", "凉山彝族自治州脱贫攻坚")).as("11 CJK characters, 33 UTF-8 bytes")
                .containsExactly(TOO_SHORT);
        assertThat(policy.check("clerk", "凉山彝族自治州的脱贫攻坚")).as("12 CJK characters").isEmpty();

        String emoji = "\uD83C\uDF3E"; // U+1F33E, one code point, two UTF-16 units
        assertThat(policy.check("clerk", emoji.repeat(11))).as("22 UTF-16 units, 11 code points")
                .containsExactly(TOO_SHORT);
        assertThat(policy.check("clerk", emoji.repeat(12))).isEmpty();
        assertThat(policy.check("clerk", emoji.repeat(128))).as("256 UTF-16 units, 128 code points").isEmpty();
        assertThat(policy.check("clerk", emoji.repeat(129))).containsExactly(TOO_LONG);
        assertThat(policy.check("clerk", "\uD800".repeat(12))).as("even lone surrogates are characters").isEmpty();
    }

    @Test
    void anyCharactersAreAllowedAndNothingIsTrimmed() {
        assertThat(policy.check("clerk", "all lower case words")).isEmpty();
        assertThat(policy.check("clerk", "  spaces and\ttab ")).isEmpty();
        assertThat(policy.check("clerk", " ".repeat(12))).isEmpty();
        assertThat(policy.check("clerk", "  password  ")).as("12 with the spaces, which are kept").isEmpty();
        assertThat(policy.check("clerk", " qwerty123456")).as("a leading space makes it another password").isEmpty();
    }

    @Test
    void commonPasswordsOfAcceptableLengthAreRefused() {
        List<String> longEnough = commonPasswords.stream()
                .filter(p -> p.codePointCount(0, p.length()) >= PasswordPolicy.MIN_LENGTH)
                .toList();
        assertThat(longEnough).contains("qwerty123456", "1qaz2wsx3edc", "leavemealone", "sonyericsson");
        for (String common : longEnough) {
            assertThat(policy.check("clerk", common)).as(common).containsExactly(TOO_COMMON);
        }
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertThat(policy.check("clerk", "QWERTY123456")).containsExactly(TOO_COMMON);
        assertThat(policy.check("clerk", "LeaveMeAlone")).containsExactly(TOO_COMMON);
        assertThat(policy.check("clerk", "qwerty1234567")).as("one more digit is not on the list").isEmpty();
    }

    @Test
    void thePasswordMustNotBeTheUsername() {
        assertThat(policy.check("clerk.liangshan", "clerk.liangshan")).containsExactly(SAME_AS_USERNAME);
        assertThat(policy.check("clerk.liangshan", "Clerk.LIANGSHAN")).containsExactly(SAME_AS_USERNAME);
        assertThat(policy.check("clerk.liangshan", "clerk.liangshan2")).isEmpty();
        assertThat(policy.check(null, "clerk.liangshan")).isEmpty();
    }

    @Test
    void everyProblemIsReportedTogether() {
        assertThat(policy.check("clerk", "password")).containsExactly(TOO_SHORT, TOO_COMMON);
        assertThat(policy.check("Password", "PASSWORD")).containsExactly(TOO_SHORT, TOO_COMMON, SAME_AS_USERNAME);
        assertThat(policy.check("qwerty123456", "QWERTY123456")).containsExactly(TOO_COMMON, SAME_AS_USERNAME);
        String longName = "x".repeat(129);
        assertThat(policy.check(longName, longName)).containsExactly(TOO_LONG, SAME_AS_USERNAME);
        assertThat(policy.check("clerk", null)).containsExactly(TOO_SHORT);
        assertThat(policy.check("clerk", "")).containsExactly(TOO_SHORT);
    }

    @Test
    void theShippedListHasTenThousandDistinctLowerCaseEntries() {
        assertThat(commonPasswords).hasSize(10_000).doesNotContain("");
        assertThat(new HashSet<>(commonPasswords)).hasSize(10_000);
        assertThat(commonPasswords).allSatisfy(p -> assertThat(p).isEqualTo(p.toLowerCase(Locale.ROOT)));
        assertThat(commonPasswords).doesNotContain("pic\\'s").contains("pic's");
        assertThat(commonPasswords.subList(0, 4)).containsExactly("123456", "password", "12345678", "qwerty");
    }
}
