package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tuopin.audit.AuditLabelsCheck.EN;
import static org.tuopin.audit.AuditLabelsCheck.ZH;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.tuopin.audit.AuditLabelsCheck;

/** The audit entries of accounts, API tokens and the role policy read in the reader's language (DD019). */
class AccountAuditLabelsTest {

    final AccountAuditLabels labels = new AccountAuditLabels();

    @Test
    void anAccountsFieldsAndValuesRead() {
        assertThat(labels.label("account", "username", ZH)).hasValue("用户名");
        assertThat(labels.label("account", "displayName", EN)).hasValue("Display name");
        assertThat(labels.label("role_policy", "totpRequired", EN)).hasValue("Two-factor sign-in required");
        assertThat(labels.label("role_policy", "totpRequired", ZH)).hasValue("须双因素登录");
        assertThat(labels.label("account", "apiToken", ZH)).hasValue("API 令牌");
        assertThat(labels.label("account", "lockedUntil", EN)).hasValue("Locked until (UTC)");
        assertThat(labels.value("account", "role", "AUDITOR", ZH)).hasValue("审计人");
        assertThat(labels.value("account", "failedAttempts", "12345", EN)).hasValue("12,345");
        assertThat(labels.value("account", "mustChangePassword", "false", ZH)).hasValue("否");
        assertThat(labels.value("account", "locale", "zh-CN", EN)).as("a language tag stays as stored").isEmpty();
    }

    @Test
    void everyFieldTheAccountsWriteHasALabelInBothLanguages() throws IOException {
        var written = AuditLabelsCheck.written("security").fields();
        assertThat(written).contains("username", "totpRequired", "tokenExpiresAt");
        assertThat(written.stream().filter(f -> labels.label("account", f, EN).isEmpty()).toList()).isEmpty();
        AuditLabelsCheck.assertInBothBundles(labels.keys());
    }
}
