package org.tuopin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Journey 4: the auditor finds a change in the audit trail, verifies the chain, and downloads the trail as CSV and
 * XLSX, which say the same as the page. The change is made first by the Nujiang office through the import API, on
 * Lushui (533301), 2020, so this journey needs no other journey to have run.
 */
class AuditIT extends BrowserJourney {

    static final String REGION = "533301";
    static final String FILE = """
            region_code,year,metric,value,unit,kind,source,note
            533301,2020,people_relocated,1200,persons,actual,Lushui relocation office,
            """;

    @Test
    void theAuditorFindsTheChangeVerifiesTheChainAndExportsIt() throws Exception {
        HttpResponse<String> imported = importAs("clerk.nujiang", FILE);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("\"accepted\":1");

        Shell shell = signIn("auditor");
        AuditPage audit = AuditPage.from(shell, browser()).filterByRegion(REGION);
        // the grid narrows to the region as soon as the filter reaches the server
        List<List<String>> rows = audit.awaitRows(r -> !r.isEmpty() && r.stream().allMatch(row -> row.contains(REGION)));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("clerk.nujiang", "Created", "Report 533301/2020")
                .anySatisfy(cell -> assertThat(cell).contains("People relocated, actual: – → 1,200")));

        assertThat(audit.verifyChain()).as("the chain, compared with the latest signed checkpoint (DD025)")
                .matches("Intact: [\\d,]+ entries, every hash matches\\. Compared with the signed checkpoint of entry [\\d,]+ .*");

        Path csv = audit.download("Export CSV", "audit.csv");
        List<List<String>> csvRows = csvRows(csv);
        assertThat(csvRows.getFirst()).contains("Account", "Region code", "Changes");
        int regionColumn = csvRows.getFirst().indexOf("Region code");
        assertThat(csvRows.subList(1, csvRows.size())).isNotEmpty()
                .allSatisfy(row -> assertThat(row.get(regionColumn)).isEqualTo(REGION))
                .anySatisfy(row -> assertThat(row).contains("clerk.nujiang", "533301/2020")
                        .anySatisfy(cell -> assertThat(cell).contains("people_relocated/actual")));

        Path xlsx = audit.download("Export XLSX", "audit.xlsx");
        List<List<String>> sheetRows = xlsxRows(xlsx);
        assertThat(sheetRows.getFirst()).isEqualTo(csvRows.getFirst());
        assertThat(sheetRows).hasSameSizeAs(csvRows);
        assertThat(sheetRows.subList(1, sheetRows.size()))
                .allSatisfy(row -> assertThat(row.get(regionColumn)).isEqualTo(REGION))
                .anySatisfy(row -> assertThat(row).contains("clerk.nujiang", "533301/2020"));
    }

    private HttpResponse<String> importAs(String username, String csv) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((username + ":" + LoginPage.DEMO_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(browser().baseUrl + "/api/v1/figures/import?dryRun=false"))
                .header("Authorization", "Basic " + credentials).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static List<List<String>> csvRows(Path file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord record : CSVFormat.RFC4180.parse(reader)) {
                rows.add(record.toList());
            }
        }
        return rows;
    }

    private static List<List<String>> xlsxRows(Path file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            int width = sheet.getRow(0).getLastCellNum();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < width; c++) {
                    cells.add(row.getCell(c) == null ? "" : formatter.formatCellValue(row.getCell(c)));
                }
                rows.add(cells);
            }
        }
        return rows;
    }
}
