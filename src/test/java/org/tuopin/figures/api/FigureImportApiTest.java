package org.tuopin.figures.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.base.imports.ImportLimits;
import org.tuopin.figures.FigureImportService;
import org.tuopin.figures.FigureImportService.Format;

/**
 * The import over REST and through the service: all or nothing, dry run first, every kind of bad input
 * reported by row and column, the limits, and export then import giving the same figures. No test
 * transaction: the import runs in a transaction of its own, so the 2020 reports are removed after each test.
 */
@TuopinTest
class FigureImportApiTest {

    static final String PASSWORD = "tuopin-demo-2020";
    static final String HEADER = "region_code,year,metric,value,unit,kind,source,note\n";
    static final String XLSX = Format.XLSX.contentType();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FigureImportService imports;
    @Autowired
    UserDetailsService users;

    @AfterEach
    void removeThe2020Reports() {
        SecurityContextHolder.clearContext();
        jdbc.sql("delete from yearly_report where year = 2020 and region_id in (select id from region where code like '5134%')")
                .update();
    }

    private MvcResult send(String user, String contentType, byte[] body, boolean dryRun, int expectedStatus)
            throws Exception {
        return mvc.perform(post("/api/v1/figures/import").param("dryRun", String.valueOf(dryRun))
                        .with(httpBasic(user, PASSWORD)).contentType(contentType).content(body))
                .andExpect(status().is(expectedStatus)).andReturn();
    }

    private MvcResult csv(String body, boolean dryRun, int expectedStatus) throws Exception {
        return send("clerk.liangshan", "text/csv", body.getBytes(StandardCharsets.UTF_8), dryRun, expectedStatus);
    }

    private static List<Map<String, Object>> problems(MvcResult result) throws Exception {
        return JsonPath.read(result.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.problems");
    }

    private static int accepted(MvcResult result) throws Exception {
        return JsonPath.read(result.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.accepted");
    }

    private long reports2020() {
        return jdbc.sql("""
                        select count(*) from yearly_report yr join region r on r.id = yr.region_id
                        where yr.year = 2020 and r.code like '5134%'""").query(Long.class).single();
    }

    private String export(String region) throws Exception {
        return mvc.perform(get("/api/v1/figures.csv").param("format", "long").param("region", region)
                        .with(httpBasic("clerk.liangshan", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void anImportWhoseLastRowIsBadStoresNothing() throws Exception {
        String good = HEADER
                + "513431,2020,people_relocated,1200,persons,actual,county office,\n"
                + "513432,2020,funds_total,1000000,RMB,,,\n";
        MvcResult ruleBroken = csv(good + "513432,2020,funds_central,2000000,RMB,actual,,\n", false, 422);
        assertThat(accepted(ruleBroken)).isZero();
        assertThat(problems(ruleBroken)).anySatisfy(p -> {
            assertThat(p).containsEntry("row", 4).containsEntry("column", "value");
            assertThat((String) p.get("message")).contains("add up to RMB 2000000");
        });
        assertThat(reports2020()).as("the first report passed its checks, but the import rolled back").isZero();

        MvcResult notANumber = csv(good + "513432,2020,funds_central,lots,RMB,actual,,\n", false, 422);
        assertThat(problems(notANumber)).singleElement().satisfies(p -> {
            assertThat(p).containsEntry("row", 4).containsEntry("column", "value");
            assertThat((String) p.get("message")).startsWith("Not a number: lots.");
        });
        assertThat(reports2020()).isZero();
    }

    @Test
    void aDryRunStoresNothingAndTheImportPutsTheValuesIntoDrafts() throws Exception {
        String file = HEADER + "513431,2020,people_relocated,1200,persons,actual,county office,\n"
                + "513431,2020,poverty_incidence,1.25,percent,,,\n";
        MvcResult dry = csv(file, true, 200);
        assertThat(accepted(dry)).isEqualTo(2);
        assertThat(problems(dry)).isEmpty();
        assertThat(reports2020()).isZero();

        assertThat(accepted(csv(file, false, 200))).isEqualTo(2);
        assertThat(jdbc.sql("""
                        select yr.state from yearly_report yr join region r on r.id = yr.region_id
                        where r.code = '513431' and yr.year = 2020""").query(String.class).single()).isEqualTo("DRAFT");
        assertThat(jdbc.sql("""
                        select v.value from figure_value v join yearly_report yr on yr.id = v.report_id
                        join region r on r.id = yr.region_id
                        where r.code = '513431' and yr.year = 2020 and v.metric = 'poverty_incidence'""")
                .query(BigDecimal.class).single()).isEqualByComparingTo("1.25");
    }

    @Test
    void exportThenImportGivesTheSameFigures() throws Exception {
        csv(HEADER
                + "513431,2020,people_relocated,1200,persons,actual,\"county office, Zhaojue\",\"said \"\"about\"\"\"\n"
                + "513431,2020,poverty_incidence,1.25,percent,actual,,昭觉县扶贫办\n"
                + "513432,2020,people_lifted_out,3000,persons,target,plan,\n"
                + "513432,2020,funds_total,1000000,RMB,actual,,\n", false, 200);
        String exported = export("513431") + export("513432").lines().skip(1).map(l -> l + "\r\n")
                .reduce("", String::concat);
        assertThat(exported.lines()).hasSize(5);

        removeThe2020Reports();
        assertThat(accepted(csv(exported, false, 200))).isEqualTo(4);
        String again = export("513431") + export("513432").lines().skip(1).map(l -> l + "\r\n")
                .reduce("", String::concat);
        assertThat(again).isEqualTo(exported);

        // the drafts take the same file again: nothing changes
        assertThat(accepted(csv(again, false, 200))).isEqualTo(4);
        assertThat(export("513431")).isEqualTo(exported.lines().limit(3).map(l -> l + "\r\n").reduce("", String::concat));
    }

    @Test
    void everyKindOfBadInputIsReportedByRowAndColumn() throws Exception {
        String file = HEADER
                + "999999,2020,people_relocated,5,persons,actual,,\n"      // 2 unknown region
                + "533301,2020,people_relocated,5,persons,actual,,\n"      // 3 out of scope
                + "513431,2020,people_relocated,many,persons,,,\n"         // 4 not a number
                + "513431,2020,people_lifted_out,-5,persons,,,\n"          // 5 negative
                + "513431,2020,happiness,5,persons,,,\n"                   // 6 unknown metric
                + "513431,2020,villages_exited,5,villages,planned,,\n"     // 7 unknown kind
                + "513431,2020,counties_exited,1,persons,,,\n"             // 8 wrong unit
                + "513432,2020,people_relocated,5,persons,actual,,\n"      // 9 fine
                + "513432,2020,people_relocated,6,persons,,,\n"            // 10 repeats row 9 (empty kind is actual)
                + "513431,2019,people_relocated,5,persons,,,\n"            // 11 year closed
                + "513434,2020,poverty_incidence,150,percent,,,\n"         // 12 a rule of the checks
                + "513435,2020,people_relocated,10.5,persons,,,\n"         // 13 not a whole number
                + "513400,2018,people_relocated,5,persons,,,\n"            // 14 approved report
                + "513436,20x0,people_relocated,5,persons,,,\n"            // 15 not a year
                + "513437,2020,people_relocated,,persons,,,\n"             // 16 empty: not reported, skipped
                + "\n";
        MvcResult dry = csv(file, true, 200);
        List<String> got = problems(dry).stream()
                .map(p -> p.get("row") + "|" + p.get("column") + "|" + p.get("message")).toList();
        assertThat(got).containsExactlyInAnyOrder(
                "2|region_code|Unknown region, or one outside your area: 999999.",
                "3|region_code|Unknown region, or one outside your area: 533301.",
                "4|value|Not a number: many. Write digits with a point for decimals and no thousands separators.",
                "5|value|Negative value: -5. Values cannot be below zero.",
                "6|metric|Unknown metric: happiness.",
                "7|kind|Unknown kind: planned. Use actual, cumulative, target or baseline, or leave it empty for actual.",
                "8|unit|The unit of counties_exited is counties, not persons.",
                "10|metric|Repeats row 9: the same region, year, metric and kind.",
                "11|year|This reporting year is closed for this region.",
                "12|value|The poverty incidence of 150 % lies outside the range from 0 % to 100 %.",
                "13|value|The value of people_relocated must be a whole number.",
                "14|year|This report is approved and locked. A supervisor can reopen it with a reason.",
                "15|year|Not a year: 20x0. Write four digits, such as 2020.");
        assertThat(accepted(dry)).as("only row 9").isEqualTo(1);

        MvcResult refused = csv(file, false, 422);
        assertThat(problems(refused)).hasSize(13);
        assertThat(accepted(refused)).isZero();
        assertThat(reports2020()).isZero();
    }

    @Test
    void anXlsxThatIsNotAZipIsAProblemNotAnError() throws Exception {
        byte[] notAZip = "region_code,year\n513431,2020\n".getBytes(StandardCharsets.UTF_8);
        MvcResult dry = send("clerk.liangshan", XLSX, notAZip, true, 200);
        assertThat(problems(dry)).singleElement().satisfies(p -> {
            assertThat(p.get("row")).isNull();
            assertThat((String) p.get("message")).startsWith("The file cannot be read as an Excel workbook");
        });
        send("clerk.liangshan", XLSX, notAZip, false, 422);
    }

    @Test
    void theFileLimitsAnswerWithClearMessages() throws Exception {
        String row = "513431,2020,people_relocated,5,persons,actual,,";
        // UTF-8 with a byte order mark and CRLF line ends is accepted
        assertThat(accepted(csv("\uFEFF" + HEADER.replace("\n", "\r\n") + row + "\r\n", true, 200))).isEqualTo(1);
        assertThat(problems(csv(HEADER + row.replace(",,", ",café,") + "\n", true, 200))).isEmpty();

        byte[] latin1 = (HEADER + row.replace(",,", ",café,") + "\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(problems(send("clerk.liangshan", "text/csv", latin1, true, 200))).singleElement()
                .satisfies(p -> assertThat((String) p.get("message")).startsWith("The file is not UTF-8 text."));
        assertThat(problems(csv(HEADER.replace("\n", "\r") + row + "\r", true, 200))).singleElement()
                .satisfies(p -> assertThat((String) p.get("message")).startsWith("Lines must end with LF or CRLF"));
        assertThat(problems(csv(HEADER + row + "\n" + row.replace(",,", ",\"unclosed,") + "\n", true, 200)))
                .singleElement().satisfies(p -> {
                    assertThat(p).containsEntry("row", 3);
                    assertThat((String) p.get("message")).startsWith("This row cannot be read as CSV");
                });
        assertThat(problems(csv("year,metric\n2020,people_relocated\n", true, 200))).singleElement()
                .satisfies(p -> assertThat((String) p.get("message")).startsWith("The first row must name the columns"));

        StringBuilder many = new StringBuilder(HEADER);
        String empty = "513431,2020,people_relocated,,persons,actual,,\n";
        many.append(empty.repeat(ImportLimits.DEFAULT_MAX_ROWS));
        assertThat(problems(csv(many.toString(), true, 200))).as("200,000 rows are allowed").isEmpty();
        many.append(empty);
        assertThat(problems(csv(many.toString(), true, 200))).singleElement()
                .satisfies(p -> assertThat(p.get("message")).isEqualTo(
                        "The file has more than 200,000 rows. Split it into smaller files."));

        byte[] tooLarge = new byte[ImportLimits.DEFAULT_MAX_BYTES + 1];
        MvcResult large = send("clerk.liangshan", "text/csv", tooLarge, true, 413);
        assertThat(large.getResponse().getContentAsString()).contains("larger than 20 MB");

        send("clerk.liangshan", "application/json", "{}".getBytes(StandardCharsets.UTF_8), true, 415);
        send("auditor", "text/csv", (HEADER + row).getBytes(StandardCharsets.UTF_8), true, 403);
        send("supervisor.sichuan", "text/csv", (HEADER + row).getBytes(StandardCharsets.UTF_8), false, 403);
    }

    @Test
    void theTemplatesListTheRegionsInScopeAndAFilledInWorkbookImports() throws Exception {
        SignIn.as(users, "clerk.liangshan");
        String csvTemplate = new String(imports.template(2020, Format.CSV), StandardCharsets.UTF_8);
        assertThat(csvTemplate).startsWith("\uFEFF" + HEADER.replace("\n", "\r\n"));
        assertThat(csvTemplate).contains("513400,2020,poor_population,,persons,actual,,\r\n",
                "513431,2020,funds_total,,RMB,actual,,\r\n").doesNotContain("533300");
        byte[] xlsxTemplate = imports.template(2020, Format.XLSX);
        SecurityContextHolder.clearContext();

        // the untouched template has nothing to import and nothing wrong
        MvcResult untouched = csv(csvTemplate, true, 200);
        assertThat(problems(untouched)).isEmpty();
        assertThat(accepted(untouched)).isZero();

        byte[] filled;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsxTemplate));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("region_code");
            for (Row row : sheet) {
                if (row.getRowNum() == 0) {
                    continue;
                }
                assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(2020);
                String region = row.getCell(0).getStringCellValue();
                String metric = row.getCell(2).getStringCellValue();
                if (region.equals("513431") && metric.equals("people_relocated")) {
                    row.createCell(3).setCellValue(1200);
                } else if (region.equals("513432") && metric.equals("poverty_incidence")) {
                    row.createCell(3).setCellValue(1.25);
                    row.createCell(6).setCellValue("survey");
                }
            }
            workbook.write(out);
            filled = out.toByteArray();
        }
        assertThat(accepted(send("clerk.liangshan", XLSX, filled, false, 200))).isEqualTo(2);
        assertThat(export("513432")).contains("513432,2020,poverty_incidence,1.25,percent,actual,survey,");
        assertThat(export("513431")).contains("513431,2020,people_relocated,1200,persons,actual,,");
    }
}
