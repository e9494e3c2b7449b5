package org.tuopin.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * Reads the hostile-input corpus under {@code src/test/resources/corpus/} (see its README): one case a line,
 * cells separated by TAB, escapes and {@code {repeat:N:text}} expanded.
 */
public final class CorpusFile {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

    private CorpusFile() {
    }

    /** The cases of one file as rows of raw cells (escapes not yet expanded), comments left out. */
    public static List<String[]> rows(String name) {
        try (InputStream in = CorpusFile.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No corpus file " + name);
            }
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                rows.add(line.split("\t", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row as JUnit arguments, the cells as written, for readable test names. */
    public static Stream<Arguments> arguments(String name) {
        return rows(name).stream().map(cells -> Arguments.of((Object[]) cells));
    }

    /** A cell with its escapes expanded, as bytes: {@code \xNN} gives a raw byte, everything else UTF-8. */
    public static byte[] bytes(String cell) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < cell.length()) {
            char ch = cell.charAt(i);
            if (cell.startsWith("{repeat:", i)) {
                int colon = cell.indexOf(':', i + 8);
                int end = cell.indexOf('}', colon);
                int times = Integer.parseInt(cell.substring(i + 8, colon));
                byte[] unit = bytes(cell.substring(colon + 1, end));
                for (int n = 0; n < times; n++) {
                    out.writeBytes(unit);
                }
                i = end + 1;
            } else if (ch == '\\' && i + 1 < cell.length()) {
                char next = cell.charAt(i + 1);
                switch (next) {
                    case 't' -> out.write('\t');
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case '0' -> out.write(0);
                    case '\\' -> out.write('\\');
                    case 'x' -> {
                        out.write(Integer.parseInt(cell.substring(i + 2, i + 4), 16));
                        i += 2;
                    }
                    case 'u' -> {
                        // a surrogate pair is written as two escapes; join them before encoding
                        char c = (char) Integer.parseInt(cell.substring(i + 2, i + 6), 16);
                        if (Character.isHighSurrogate(c) && cell.startsWith("\\u", i + 6)) {
                            char low = (char) Integer.parseInt(cell.substring(i + 8, i + 12), 16);
                            out.writeBytes(new String(new char[]{c, low}).getBytes(StandardCharsets.UTF_8));
                            i += 6;
                        } else {
                            out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                        }
                        i += 4;
                    }
                    default -> {
                        out.write('\\');
                        i--;
                    }
                }
                i += 2;
            } else {
                int cp = cell.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }

    /** A cell with its escapes expanded, as text. */
    public static String text(String cell) {
        return new String(bytes(cell), StandardCharsets.UTF_8);
    }

    /** A short, printable name for a case (test names must not carry NUL or megabytes). */
    public static String label(String cell) {
        String shown = cell.length() > 60 ? cell.substring(0, 60) + "…" : cell;
        return shown.isEmpty() ? "(empty)" : shown;
    }

    private static final Properties ENGLISH = new Properties();

    static {
        try (InputStream in = CorpusFile.class.getResourceAsStream("/vaadin-i18n/translations.properties")) {
            ENGLISH.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fixed parts of an English message, so that a test can recognise the message of a key whatever its
     * arguments were: the template split at its placeholders, quotes as MessageFormat writes them.
     */
    public static List<String> fixedParts(String key) {
        String template = ENGLISH.getProperty(key);
        if (template == null) {
            throw new IllegalArgumentException("No English text for " + key);
        }
        return Arrays.stream(PLACEHOLDER.split(template.replace("''", "'"))).map(String::strip)
                .filter(s -> s.length() > 2).toList();
    }
}
