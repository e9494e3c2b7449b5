package org.tuopin.base.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The streaming workbook reader against the whole-workbook reader the import used before (kept here as the reference):
 * the same rows and the same texts for strings (shared and inline), numbers, dates, formulas with cached results,
 * booleans, errors, empty and missing cells and rows; and a workbook beyond the limits is refused, not read.
 */
class WorkbookReaderTest {

    /** Row texts as {@code XSSFWorkbook} gave them, the way FigureFile read them until DD024. */
    static List<List<String>> wholeWorkbookRows(byte[] xlsx) throws IOException {
        List<List<String>> table = new ArrayList<>();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
                        cells.add(text(row.getCell(c)));
                    }
                }
                table.add(cells);
            }
        }
        return table;
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> NumberToTextConverter.toText(cell.getNumericCellValue());
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            default -> "";
        };
    }

    static List<List<String>> streamedRows(byte[] xlsx, ImportLimits limits) {
        List<List<String>> table = new ArrayList<>();
        WorkbookReader.read(xlsx, limits, (number, cells) -> {
            assertThat(number).as("rows in order, none left out").isEqualTo(table.size() + 1);
            table.add(list(cells));
        });
        return table;
    }

    private static List<String> list(Cells cells) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < cells.width(); c++) {
            out.add(cells.get(c));
        }
        return out;
    }

    @Test
    void theStreamingReaderGivesTheRowsTheWholeWorkbookReaderGave() throws Exception {
        byte[] xlsx;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("figures");
            workbook.createSheet("second").createRow(0).createCell(0).setCellValue("not read");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle percent = workbook.createCellStyle();
            percent.setDataFormat(workbook.createDataFormat().getFormat("0.00%"));
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            Row header = sheet.createRow(0);
            String[] names = {"region_code", "year", "metric", "value", "unit", "kind", "source", "note"};
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            Row r1 = sheet.createRow(1);
            r1.createCell(0).setCellValue("513431");
            r1.getCell(0).setCellStyle(text);
            r1.createCell(1).setCellValue(2020);
            r1.createCell(2).setCellValue("people_relocated");
            r1.createCell(3).setCellValue(82_490_000d);
            r1.createCell(4).setCellValue("persons");
            r1.createCell(6).setCellValue("县统计局 survey");
            r1.createCell(7).setCellValue("=not a formula");
            // row 3 is left out: a blank row between
            Row r3 = sheet.createRow(3);
            r3.createCell(0).setCellValue("513432");
            r3.createCell(1).setCellFormula("2019+1");
            r3.createCell(2).setCellFormula("\"poverty_\"&\"incidence\"");
            r3.createCell(3).setCellValue(0.0125);
            r3.getCell(3).setCellStyle(percent);
            r3.createCell(4).setCellValue(true);
            r3.createCell(5).setCellErrorValue(FormulaError.DIV0.getCode());
            r3.createCell(6).setCellValue(LocalDate.of(2020, 12, 31));
            r3.getCell(6).setCellStyle(date);
            r3.createCell(9).setCellStyle(text); // a defined but empty cell beyond the header
            Row r4 = sheet.createRow(4);
            r4.createCell(1).setCellValue(1.5);
            r4.createCell(3).setCellValue(-0.1);
            r4.createCell(4).setCellValue(1e-7);
            r4.createCell(5).setCellValue(123456789012345d);
            r4.createCell(6).setCellValue("  spaced  ");
            r4.createCell(7).setCellValue("");
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            workbook.write(out);
            xlsx = out.toByteArray();
        }
        List<List<String>> before = wholeWorkbookRows(xlsx);
        assertThat(before.get(3)).as("the reference reads cached formula results")
                .startsWith("513432", "2020", "poverty_incidence");
        assertThat(streamedRows(xlsx, ImportLimits.DEFAULTS)).isEqualTo(before);
    }

    @Test
    void inlineStringsAsTheStreamingWriterWritesThemReadAlike() throws Exception {
        byte[] xlsx;
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("figures");
            for (int r = 0; r < 50; r++) {
                Row row = sheet.createRow(r * 2);
                row.createCell(0).setCellValue("区域 " + r);
                row.createCell(2).setCellValue(r * 1.25);
            }
            workbook.write(out);
            xlsx = out.toByteArray();
        }
        assertThat(streamedRows(xlsx, ImportLimits.DEFAULTS)).isEqualTo(wholeWorkbookRows(xlsx));
    }

    @Test
    void rowsBeyondTheLimitRefuseTheWorkbookBeforeTheyAreRead() throws Exception {
        byte[] xlsx;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("figures");
            sheet.createRow(0).createCell(0).setCellValue("region_code");
            sheet.createRow(11).createCell(0).setCellValue("far below");
            workbook.write(out);
            xlsx = out.toByteArray();
        }
        ImportLimits tenRows = new ImportLimits(ImportLimits.DEFAULT_MAX_BYTES, 10, 100, 1 << 20, 0.01);
        assertThatThrownBy(() -> streamedRows(xlsx, tenRows)).isInstanceOfSatisfying(ImportRefused.class,
                r -> assertThat(r.messageKey()).isEqualTo("import.problem.tooManyRows"));
    }

    @Test
    void aLongCellIsRefusedWithItsRowWhetherSharedOrInline() throws Exception {
        ImportLimits short100 = new ImportLimits(ImportLimits.DEFAULT_MAX_BYTES, 1000, 100, 1 << 20, 0.01);
        byte[] shared;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("figures");
            sheet.createRow(0).createCell(0).setCellValue("x".repeat(100));
            sheet.createRow(1).createCell(0).setCellValue("x".repeat(101));
            workbook.write(out);
            shared = out.toByteArray();
        }
        assertThatThrownBy(() -> streamedRows(shared, short100)).isInstanceOfSatisfying(ImportRefused.class,
                r -> assertThat(r.messageKey()).isEqualTo("import.problem.cellTooLong"));
        byte[] inline = PaddedWorkbook.of("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ok</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>" + "y".repeat(101) + "</t></is></c></row>", 1);
        assertThatThrownBy(() -> streamedRows(inline, short100)).isInstanceOfSatisfying(ImportRefused.class, r -> {
            assertThat(r.messageKey()).isEqualTo("import.problem.cellTooLong");
            assertThat(r.row()).isEqualTo(2);
        });
    }

    @Test
    void aSheetThatUnpacksFarBeyondItsSizeIsRefusedAsAZipBomb() throws Exception {
        // 40 MB of rows packed about 1000 to 1
        byte[] bomb = PaddedWorkbook.of("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>region_code</t></is></c></row>",
                40_000_000);
        assertThat(bomb.length).isLessThan(100_000);
        assertThatThrownBy(() -> streamedRows(bomb, ImportLimits.DEFAULTS)).isInstanceOfSatisfying(ImportRefused.class,
                r -> assertThat(r.messageKey()).isEqualTo("import.problem.inflated"));
    }
}
