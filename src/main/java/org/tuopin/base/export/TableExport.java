package org.tuopin.base.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes rows to CSV or XLSX as they come, so that memory stays flat whatever the row count. Text that a
 * spreadsheet would run as a formula is neutralised in both formats; numbers stay numbers.
 */
public final class TableExport {

    /** One column: its header and how to get a row's value (String, Number, Instant, LocalDate, Boolean or null). */
    public record Column<T>(String header, Function<T, Object> value) {
    }

    /** Produces the rows, handing each to the sink; returns nothing, rows are counted by the writer. */
    @FunctionalInterface
    public interface RowSource<T> {
        void forEach(Consumer<T> sink);
    }

    /** Headers as the stable machine names, as the API writes them. */
    public static final UnaryOperator<String> MACHINE_NAMES = UnaryOperator.identity();

    public static final String CSV_TYPE = "text/csv; charset=UTF-8";
    public static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private TableExport() {
    }

    /** Makes the response a download of the named file, CSV or XLSX. */
    public static void attach(HttpServletResponse response, String fileName, boolean xlsx) {
        response.setContentType(xlsx ? XLSX_TYPE : CSV_TYPE);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }

    /**
     * OWASP: a cell that begins with =, +, -, @, a tab, a carriage return or a NUL could be taken as a formula
     * (or start one); a leading apostrophe makes it text.
     */
    public static String neutralise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                || first == '\0' ? "'" + text : text;
    }

    /** RFC 4180, UTF-8, a header row; with {@code excelBom} a byte-order mark so that Excel reads UTF-8. */
    public static <T> long csv(OutputStream out, boolean excelBom, List<Column<T>> columns, RowSource<T> rows) {
        try {
            if (excelBom) {
                out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            CsvWriter writer = new CsvWriter(out);
            for (Column<T> c : columns) {
                writer.field(c.header());
            }
            writer.endRecord();
            @SuppressWarnings("unchecked")
            Function<T, Object>[] values = columns.stream().map(Column::value).toArray(Function[]::new);
            long[] count = {0};
            rows.forEach(row -> {
                for (Function<T, Object> value : values) {
                    writer.field(csvText(value.apply(row)));
                }
                writer.endRecord();
                count[0]++;
            });
            writer.flush();
            return count[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * CSV as Commons CSV's {@code CSVFormat.RFC4180} writes it, byte for byte (minimal quoting, CRLF), encoded to
     * UTF-8 straight into a buffer of its own. A million-row export spends most of its time here: this writer
     * avoids a list and a printer call per row and a Writer call per cell (docs/design-decisions/DD016).
     */
    static final class CsvWriter {

        private final OutputStream out;
        private final byte[] buffer = new byte[64 * 1024];
        private int pos;
        private boolean newRecord = true;

        CsvWriter(OutputStream out) {
            this.out = out;
        }

        /** One cell; quoted when Commons CSV's minimal quoting would quote it. */
        void field(String text) {
            if (!newRecord) {
                put(',');
            }
            boolean quote = needsQuotes(text, newRecord);
            newRecord = false;
            if (!quote) {
                put(text);
                return;
            }
            put('"');
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '"') {
                    put(text, start, i + 1);
                    start = i; // the quote is written twice: once with the chunk, once starting the next
                }
            }
            put(text, start, text.length());
            put('"');
        }

        /**
         * Commons CSV 1.14, {@code CSVFormat.printWithQuotes}, QuoteMode.MINIMAL: an empty first cell (else a line
         * would be empty), a cell that starts with a character up to '#', contains a line break, a quote or the
         * delimiter, or ends in a character up to the space.
         */
        static boolean needsQuotes(String text, boolean firstInRecord) {
            int length = text.length();
            if (length == 0) {
                return firstInRecord;
            }
            if (text.charAt(0) <= '#') {
                return true;
            }
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r' || c == '"' || c == ',') {
                    return true;
                }
            }
            return text.charAt(length - 1) <= ' ';
        }

        void endRecord() {
            put('\r');
            put('\n');
            newRecord = true;
        }

        void flush() throws IOException {
            drain();
            out.flush();
        }

        private void drain() {
            if (pos > 0) {
                try {
                    out.write(buffer, 0, pos);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                pos = 0;
            }
        }

        private void put(char ascii) {
            if (pos == buffer.length) {
                drain();
            }
            buffer[pos++] = (byte) ascii;
        }

        private void put(String text) {
            put(text, 0, text.length());
        }

        /** UTF-8, as the JDK's encoder writes it: an unpaired surrogate becomes '?'. */
        private void put(String text, int from, int to) {
            int i = from;
            while (i < to) {
                // a char takes at most three bytes (a surrogate pair four, for two chars)
                if (buffer.length - pos < 4) {
                    drain();
                }
                int room = Math.min(to, i + (buffer.length - pos) / 3);
                for (; i < room; i++) {
                    char c = text.charAt(i);
                    if (c < 0x80) {
                        buffer[pos++] = (byte) c;
                    } else if (c < 0x800) {
                        buffer[pos++] = (byte) (0xC0 | (c >> 6));
                        buffer[pos++] = (byte) (0x80 | (c & 0x3F));
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                            if (buffer.length - pos < 4) {
                                break;
                            }
                            int cp = Character.toCodePoint(c, text.charAt(++i));
                            buffer[pos++] = (byte) (0xF0 | (cp >> 18));
                            buffer[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                            buffer[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                            buffer[pos++] = (byte) (0x80 | (cp & 0x3F));
                        } else {
                            buffer[pos++] = '?';
                        }
                    } else {
                        buffer[pos++] = (byte) (0xE0 | (c >> 12));
                        buffer[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                        buffer[pos++] = (byte) (0x80 | (c & 0x3F));
                    }
                }
            }
        }
    }

    private static String csvText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal b) {
            BigDecimal s = b.stripTrailingZeros();
            return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Instant
                || value instanceof LocalDate) {
            return value.toString();
        }
        return neutralise(value.toString());
    }

    /** Apache POI's streaming writer: typed cells, a frozen header row, column widths that fit the content. */
    public static <T> long xlsx(OutputStream out, String sheetName, List<Column<T>> columns, RowSource<T> rows) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            SXSSFSheet sheet = workbook.createSheet(sheetName);
            CellStyle headerStyle = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            headerStyle.setFont(bold);
            CellStyle dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            int[] widths = new int[columns.size()];
            Row header = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(columns.get(i).header());
                cell.setCellStyle(headerStyle);
                widths[i] = columns.get(i).header().length();
            }
            sheet.createFreezePane(0, 1);
            long[] count = {0};
            rows.forEach(row -> {
                Row r = sheet.createRow((int) ++count[0]);
                for (int i = 0; i < columns.size(); i++) {
                    Object value = columns.get(i).value().apply(row);
                    if (value == null) {
                        continue;
                    }
                    Cell cell = r.createCell(i);
                    int length;
                    if (value instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                        length = n.toString().length();
                    } else if (value instanceof Instant instant) {
                        cell.setCellValue(Date.from(instant));
                        cell.setCellStyle(dateTime);
                        length = 19;
                    } else if (value instanceof LocalDate localDate) {
                        cell.setCellValue(Date.from(localDate.atStartOfDay(ZoneOffset.UTC).toInstant()));
                        cell.setCellStyle(date);
                        length = 10;
                    } else if (value instanceof Boolean b) {
                        cell.setCellValue(b);
                        length = 5;
                    } else {
                        // XML cannot carry NUL and most control characters: they are dropped after neutralising
                        String text = neutralise(value.toString()).replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
                        cell.setCellValue(text);
                        length = text.length();
                    }
                    widths[i] = Math.max(widths[i], Math.min(length, 60));
                }
            });
            for (int i = 0; i < widths.length; i++) {
                sheet.setColumnWidth(i, Math.min(255, widths[i] + 2) * 256);
            }
            workbook.write(out);
            out.flush();
            return count[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
