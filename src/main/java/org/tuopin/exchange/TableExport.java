package org.tuopin.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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

    public static final String CSV_TYPE = "text/csv; charset=UTF-8";
    public static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private TableExport() {
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
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder()
                    .setHeader(columns.stream().map(Column::header).toArray(String[]::new)).get());
            long[] count = {0};
            rows.forEach(row -> {
                List<String> cells = new ArrayList<>(columns.size());
                for (Column<T> c : columns) {
                    cells.add(csvText(c.value().apply(row)));
                }
                try {
                    printer.printRecord(cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
            printer.flush();
            return count[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
