package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The ASVS level-2 rules, without a Spring context. */
class PasswordPolicyTest {

    static final PasswordPolicy POLICY = new PasswordPolicy();

    @Test
    void lengthIsCountedInCharactersNotBytesOrUtf16Units() {
        assertThat(POLICY.check("u", "a".repeat(11))).containsExactly(PasswordProblem.TOO_SHORT);
        assertThat(POLICY.check("u", "a river runs")).isEmpty(); // 12
        assertThat(POLICY.check("u", "x".repeat(128))).isEmpty();
        assertThat(POLICY.check("u", "x".repeat(129))).containsExactly(PasswordProblem.TOO_LONG);
        assertThat(POLICY.check("u", "凉山彝族自治州的脱贫攻坚")).isEmpty(); // 12 CJK characters
        assertThat(POLICY.check("u", "🙂".repeat(11))).as("22 UTF-16 units, 11 characters")
                .containsExactly(PasswordProblem.TOO_SHORT);
    }

    @Test
    void anyCharactersAreAllowedWithoutCompositionRules() {
        assertThat(POLICY.check("u", "all lower case words")).isEmpty();
        assertThat(POLICY.check("u", "  spaces  and\ttabs ")).isEmpty();
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertThat(POLICY.check("u", "qwerty123456")).containsExactly(PasswordProblem.TOO_COMMON);
        assertThat(POLICY.check("u", "QWERTY123456")).containsExactly(PasswordProblem.TOO_COMMON);
        assertThat(POLICY.check("u", "password")).containsExactly(PasswordProblem.TOO_SHORT, PasswordProblem.TOO_COMMON);
    }

    @Test
    void theUsernameIsNotAPassword() {
        assertThat(POLICY.check("clerk.liangshan", "Clerk.Liangshan")).containsExactly(PasswordProblem.SAME_AS_USERNAME);
    }

    @Test
    void theShippedListHasTenThousandDistinctEntries() throws IOException {
        List<String> lines = new String(new ClassPathResource(PasswordPolicy.COMMON_PASSWORDS).getContentAsByteArray(),
                StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(10_000).doesNotContain("");
        assertThat(new HashSet<>(lines)).hasSize(10_000);
        assertThat(lines.getFirst()).isEqualTo("123456");
    }
}
