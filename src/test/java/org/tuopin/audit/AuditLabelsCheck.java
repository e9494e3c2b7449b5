package org.tuopin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.tuopin.base.TuopinI18NProvider;

/**
 * What the tests of the {@link AuditLabels} contributions share: the reader in each language, the bundles, and the
 * scan of the sources for the field names written into the audit trail (DD019).
 */
public final class AuditLabelsCheck {

    static final TuopinI18NProvider PROVIDER = new TuopinI18NProvider();
    public static final AuditLabels.Reader EN = reader(Locale.ENGLISH);
    public static final AuditLabels.Reader ZH = reader(Locale.SIMPLIFIED_CHINESE);

    private AuditLabelsCheck() {
    }

    public static AuditLabels.Reader reader(Locale locale) {
        return new AuditLabels.Reader((key, args) -> PROVIDER.getTranslation(key, locale, args), locale);
    }

    /** Each key has a text in both bundles (the provider would show "!key" for one that is missing). */
    public static void assertInBothBundles(Collection<String> keys) throws IOException {
        Properties en = bundle("translations.properties");
        Properties zh = bundle("translations_zh_CN.properties");
        assertThat(keys).isNotEmpty();
        for (String key : keys) {
            assertThat(en.getProperty(key)).as("en " + key).isNotBlank();
            assertThat(zh.getProperty(key)).as("zh " + key).isNotBlank();
        }
    }

    static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (var in = AuditLabelsCheck.class.getClassLoader().getResourceAsStream("vaadin-i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** The field names the sources under {@code src/main/java/org/tuopin/<folder>} write, and the parts they compose. */
    public record Written(Set<String> fields, Set<String> composedParts) {
    }

    /**
     * Reads the sources for every field name written into the trail: {@code FieldChange.of("name", ...)},
     * {@code new FieldChange("name", ...)} or a helper call {@code field(changes, "name", ...)}. A name composed in
     * code ({@code field + "/source"}) counts by its literal parts.
     */
    public static Written written(String folder) throws IOException {
        Set<String> written = new TreeSet<>();
        Set<String> composedParts = new TreeSet<>();
        Pattern helper = Pattern.compile("\\b\\w+\\(\\s*(?:changes|audited)\\s*,\\s*\"([^\"]+)\"");
        Pattern writer = Pattern.compile("(?:FieldChange\\.of|new FieldChange)\\(");
        for (Path file : sources(folder)) {
            if (file.toString().replace('\\', '/').contains("org/tuopin/audit/ui/")) {
                continue;
            }
            String text = Files.readString(file);
            Matcher h = helper.matcher(text);
            while (h.find()) {
                written.add(h.group(1));
            }
            Matcher w = writer.matcher(text);
            while (w.find()) {
                String argument = firstArgument(text, w.end());
                Matcher literal = Pattern.compile("\"([^\"]*)\"").matcher(argument);
                List<String> literals = new ArrayList<>();
                while (literal.find()) {
                    literals.add(literal.group(1));
                }
                if (argument.strip().matches("\"[^\"]*\"")) {
                    written.add(literals.getFirst());
                } else if (argument.contains("+")) {
                    literals.stream().map(l -> l.replaceFirst("^/", "")).filter(l -> !l.isEmpty())
                            .forEach(composedParts::add);
                }
            }
        }
        return new Written(written, composedParts);
    }

    /** The first argument of the call whose parentheses open just before {@code start}: up to its first top-level comma. */
    static String firstArgument(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0 || c == ',' && depth == 0) {
                return text.substring(start, i);
            }
        }
        return text.substring(start);
    }

    static List<Path> sources(String folder) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/tuopin", folder))) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
