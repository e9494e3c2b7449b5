package org.tuopin.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.tuopin.access.Role;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ReportState;
import org.tuopin.figures.ValueKind;
import org.tuopin.figures.rules.Rule;
import org.tuopin.figures.rules.Rules;
import org.tuopin.region.Designation;
import org.tuopin.region.RegionLevel;
import org.tuopin.security.PasswordProblem;

/** Both languages are complete, and no screen text bypasses the bundles. */
class TranslationsTest {

    static final Path MAIN = Path.of("src/main/java/org/tuopin");

    static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (var in = TranslationsTest.class.getClassLoader().getResourceAsStream("vaadin-i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void everyKeyExistsInBothLanguagesWithAValue() throws IOException {
        Properties en = bundle("translations.properties");
        Properties zh = bundle("translations_zh_CN.properties");
        assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        for (String key : en.stringPropertyNames()) {
            assertThat(en.getProperty(key)).as("en " + key).isNotBlank();
            assertThat(zh.getProperty(key)).as("zh " + key).isNotBlank();
        }
    }

    @Test
    void everyKeyTheCodeAsksForExists() throws IOException {
        Properties en = bundle("translations.properties");
        Set<String> asked = new TreeSet<>();
        Pattern literalKey = Pattern.compile(
                "(?:getTranslation|new UserError|new ReportLocked|english)\\(\\s*\"([a-zA-Z0-9_.-]+)\"\\s*[,)]");
        for (Path file : sources()) {
            Matcher m = literalKey.matcher(Files.readString(file));
            while (m.find()) {
                asked.add(m.group(1));
            }
        }
        for (Metric m : Metric.values()) {
            asked.add(m.messageKey());
            asked.add("unit." + m.unit().code());
        }
        for (ValueKind k : ValueKind.values()) {
            asked.add(k.messageKey());
        }
        for (ReportState s : ReportState.values()) {
            asked.add(s.messageKey());
            asked.add("report.locked." + s.name().toLowerCase(java.util.Locale.ROOT));
        }
        for (Role r : Role.values()) {
            asked.add("role." + r.name());
        }
        for (Designation d : Designation.values()) {
            asked.add("designation." + d.name());
        }
        for (RegionLevel l : RegionLevel.values()) {
            asked.add("level." + l.name());
        }
        for (PasswordProblem p : PasswordProblem.values()) {
            asked.add(p.messageKey());
        }
        for (Rule r : Rules.ALL) {
            asked.add(r.descriptionKey());
            asked.add("rule." + r.id() + ".message");
            asked.add("rules.severity." + r.severity().name());
        }
        assertThat(asked).isNotEmpty();
        assertThat(en.stringPropertyNames()).as("keys missing from the bundles").containsAll(asked);
    }

    @Test
    void viewsPutNoLiteralTextOnScreen() throws IOException {
        Pattern literalText = Pattern.compile("(?:setText|setLabel|setHeader|setPlaceholder|setHelperText|"
                + "setErrorMessage|setHeaderTitle|Notification\\.show|setTitle|setMessage|setEmptySelectionCaption|"
                + "new (?:Span|Paragraph|H1|H2|H3|H4|Button|ListItem|Anchor|Checkbox|TextField|TextArea|Details))"
                + "\\(\\s*\"([^\"]*)\"");
        List<String> offenders = new ArrayList<>();
        for (Path file : sources()) {
            if (!file.toString().contains("/ui/")) {
                continue;
            }
            Matcher m = literalText.matcher(Files.readString(file));
            while (m.find()) {
                if (m.group(1).codePoints().anyMatch(Character::isLetter)) {
                    offenders.add(file.getFileName() + ": \"" + m.group(1) + "\"");
                }
            }
        }
        assertThat(offenders).as("literal text in views").isEmpty();
    }
}
