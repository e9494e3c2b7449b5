package org.tuopin.base.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tuopin.base.export.TableExport.Column;

/** Exports that spreadsheets cannot turn against their readers, in both formats. */
class TableExportTest {

    record Item(String text, BigDecimal number, Instant at) {
    }

    static final List<Column<Item>> COLUMNS = List.of(new Column<>("text", Item::text),
            new Column<>("number", Item::number), new Column<>("at", Item::at));

    static String csv(boolean bom, Item... items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableExport.csv(out, bom, COLUMNS, sink -> List.of(items).forEach(sink));
        return out.toString(StandardCharsets.UTF_8);
    }

    static XSSFSheet xlsx(Item... items) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableExport.xlsx(out, "test", COLUMNS, sink -> List.of(items).forEach(sink));
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray())).getSheetAt(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "\0=1", "=HYPERLINK(\"http://x\")"})
    void formulasAreWrittenAsTextInBothFormats(String attack) throws Exception {
        Item item = new Item(attack, new BigDecimal("-5"), Instant.parse("2020-01-01T00:00:00Z"));
        CSVRecord record = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(csv(false, item))).getRecords().getFirst();
        assertThat(record.get("text")).isEqualTo("'" + attack);
        assertThat(record.get("number")).as("numbers stay numbers, even negative ones").isEqualTo("-5");

        XSSFSheet sheet = xlsx(item);
        assertThat(sheet.getRow(1).getCell(0).getCellType()).isEqualTo(CellType.STRING);
        assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).as("XML drops the NUL itself")
                .isEqualTo("'" + attack.replace("\0", ""));
        assertThat(sheet.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(sheet.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(-5.0);
    }

    @Test
    void harmlessTextIsLeftAlone() {
        assertThat(TableExport.neutralise("Liangshan = 凉山")).isEqualTo("Liangshan = 凉山");
        assertThat(TableExport.neutralise("")).isEmpty();
    }

    @Test
    void csvQuotesCommasQuotesNewlinesAndKeepsChinese() throws Exception {
        Item item = new Item("凉山, \"Yi\"\nsecond line", new BigDecimal("7.10"), Instant.parse("2020-01-01T00:00:00Z"));
        String text = csv(false, item);
        assertThat(text).startsWith("text,number,at\r\n").contains("\"凉山, \"\"Yi\"\"\nsecond line\"");
        assertThat(text).contains(",7.1,2020-01-01T00:00:00Z");
        assertThat(csv(true, item).getBytes(StandardCharsets.UTF_8)).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(csv(false, item).getBytes(StandardCharsets.UTF_8)[0]).isEqualTo((byte) 't');
    }

    @Test
    void xlsxHasAFrozenHeaderTypedCellsAndFittingWidths() throws Exception {
        XSSFSheet sheet = xlsx(new Item("a rather long piece of text for the first column", new BigDecimal("3708000000"),
                Instant.parse("2019-12-31T08:00:00Z")));
        assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
        assertThat(sheet.getRow(0).getCell(0).getCellStyle().getFont().getBold()).isTrue();
        assertThat(sheet.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(3.708e9);
        assertThat(org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(sheet.getRow(1).getCell(2))).isTrue();
        assertThat(sheet.getColumnWidth(0)).isGreaterThan(sheet.getColumnWidth(2));
    }

    /**
     * The export writes CSV itself (DD016); readers and the import's tests know Commons CSV's RFC 4180 output, so
     * the two must agree to the byte: quoting, doubled quotes, line breaks inside cells, empty cells, Chinese text,
     * characters outside the BMP and lone surrogates.
     */
    @Test
    void csvIsByteForByteWhatCommonsCsvWrites() throws Exception {
        List<String> cells = new java.util.ArrayList<>(List.of("", " ", "plain", "a,b", "say \"hi\"", "\"", "\"\"",
                "line\nbreak", "cr\rhere", "trailing ", "trailing\t", " leading", "#hash", "!bang", "$dollar", "'quote",
                "昭觉县扶贫办", "𝄞 clef", "lone \uD800 high", "lone \uDC00 low", "ends high \uD800", "x".repeat(70_000),
                "é".repeat(40_000), "中".repeat(30_000)));
        java.util.Random random = new java.util.Random(2020);
        String alphabet = "ab ,\"\r\n#\t'=é中\uD83D\uDE00";
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            cells.add(sb.toString());
        }
        record Row(String a, String b, String c) {
        }
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            rows.add(new Row(cells.get(i), cells.get((i * 7 + 3) % cells.size()), cells.get((i * 13 + 5) % cells.size())));
        }
        // cells are neutralised before they are written, so compare with what the export hands the writer
        List<Column<Row>> columns = List.of(new Column<>("a", Row::a), new Column<>("b,\"b\"", Row::b),
                new Column<>("c", Row::c));
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        TableExport.csv(ours, false, columns, sink -> rows.forEach(sink));

        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        try (var writer = new java.io.OutputStreamWriter(theirs, StandardCharsets.UTF_8);
             var printer = new org.apache.commons.csv.CSVPrinter(writer,
                     CSVFormat.RFC4180.builder().setHeader("a", "b,\"b\"", "c").get())) {
            for (Row r : rows) {
                printer.printRecord(TableExport.neutralise(r.a()), TableExport.neutralise(r.b()),
                        TableExport.neutralise(r.c()));
            }
        }
        assertThat(ours.toByteArray()).isEqualTo(theirs.toByteArray());
    }
}
