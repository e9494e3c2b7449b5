package org.tuopin.base.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file (RFC 4180, UTF-8, an optional byte-order mark) handed to a {@link RowSink} a record at a time, within the
 * {@link ImportLimits}; a file that breaks them is refused with an {@link ImportRefused} (docs/design-decisions/DD024).
 */
public final class CsvReader {

    private CsvReader() {
    }

    /**
     * Two passes over the bytes, neither holding the text as a whole: the first checks the encoding, the line ends,
     * the length of every cell and the number of records without building any cell; only a file that passes is
     * parsed, so that Commons CSV never builds a cell longer than the limit.
     */
    public static void read(byte[] bytes, ImportLimits limits, RowSink rows) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CsvScan.check(bytes, start, limits);
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
        int records = 0;
        try (CSVParser parser = format.parse(new InputStreamReader(new ByteArrayInputStream(bytes, start,
                bytes.length - start), strictUtf8()))) {
            for (CSVRecord record : parser) {
                if (records > limits.maxRows()) {
                    throw new ImportRefused(null, "import.problem.tooManyRows", limits.maxRowsText());
                }
                rows.row(++records, new Cells.ListCells(record.toList()));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // an unclosed quote and the like: say where reading stopped
            throw new ImportRefused(records + 1, "import.problem.csvSyntax");
        }
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * The first CSV pass. Cells are followed as RFC 4180 (and Commons CSV) reads them: a cell that starts with a quote
     * runs to the closing quote, a doubled quote inside it is one quote, and a quote elsewhere is a character.
     * Problems in the order the one-pass reader reported them: the encoding, then lone CRs, then the rest.
     */
    private static final class CsvScan {

        private static final int PLAIN = 0;
        private static final int START = 1;
        private static final int QUOTED = 2;
        private static final int QUOTE_IN_QUOTED = 3;

        static void check(byte[] bytes, int start, ImportLimits limits) {
            CharsetDecoder decoder = strictUtf8();
            ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
            CharBuffer chunk = CharBuffer.allocate(16 * 1024);
            boolean loneCr = false;
            boolean previousCr = false;
            long longCellRow = 0;
            int state = START;
            long cellLength = 0;
            long cellRow = 1;
            long records = 0;
            char last = '\n';
            boolean any = false;
            while (true) {
                CoderResult result = decoder.decode(in, chunk, true);
                if (result.isError()) {
                    throw new ImportRefused(null, "import.problem.encoding");
                }
                chunk.flip();
                while (chunk.hasRemaining()) {
                    char c = chunk.get();
                    any = true;
                    if (previousCr && c != '\n') {
                        loneCr = true;
                    }
                    previousCr = c == '\r';
                    boolean boundary = c == ',' || c == '\n' || c == '\r';
                    switch (state) {
                        case START, PLAIN -> {
                            if (boundary) {
                                state = START;
                                cellLength = 0;
                            } else if (state == START && c == '"') {
                                state = QUOTED;
                                cellRow = records + 1;
                            } else {
                                if (state == START) {
                                    cellRow = records + 1;
                                }
                                state = PLAIN;
                                cellLength++;
                            }
                            if (c == '\n') {
                                records++;
                            }
                        }
                        case QUOTED -> {
                            if (c == '"') {
                                state = QUOTE_IN_QUOTED;
                            } else {
                                cellLength++;
                            }
                        }
                        default -> {
                            if (c == '"') {
                                state = QUOTED;
                                cellLength++;
                            } else if (boundary) {
                                state = START;
                                cellLength = 0;
                                if (c == '\n') {
                                    records++;
                                }
                            } else {
                                // text after a closing quote: the parser will refuse it; count it on
                                state = PLAIN;
                                cellLength++;
                            }
                        }
                    }
                    if (cellLength > limits.maxCellChars() && longCellRow == 0) {
                        longCellRow = cellRow;
                    }
                    last = c;
                }
                chunk.clear();
                if (result.isUnderflow()) {
                    CoderResult flushed = decoder.flush(chunk);
                    if (flushed.isError()) {
                        throw new ImportRefused(null, "import.problem.encoding");
                    }
                    break;
                }
            }
            if (previousCr) {
                loneCr = true;
            }
            if (loneCr) {
                // a lone CR (old Mac line ends) would otherwise be read as a line break by some tools and not by others
                throw new ImportRefused(null, "import.problem.lineEndings");
            }
            if (longCellRow > 0) {
                throw new ImportRefused((int) longCellRow, "import.problem.cellTooLong", limits.maxCellCharsText());
            }
            if (any && last != '\n') {
                records++;
            }
            // the header and maxRows rows below it
            if (records > limits.maxRows() + 1L) {
                throw new ImportRefused(null, "import.problem.tooManyRows", limits.maxRowsText());
            }
        }
    }
}
