package org.tuopin.figures.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tuopin.ApiCalls;
import org.tuopin.TuopinTest;

/**
 * The figures over the API as XLSX and in the wide format, in the caller's scope.
 *
 * <p>No test transaction: exports record themselves in the audit trail in a transaction of their own, which
 * would wait for a test transaction holding the chain's head.
 */
@TuopinTest
class FigureExportsApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void figuresAsXlsxAndInTheWideFormat() throws Exception {
        XSSFSheet sheet = new XSSFWorkbook(new ByteArrayInputStream(ApiCalls.get200(mvc, "auditor", "/api/v1/figures.xlsx")))
                .getSheetAt(0);
        assertThat(sheet.getLastRowNum()).isEqualTo(123);
        assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("region_code");

        List<CSVRecord> wide = ApiCalls.csv(ApiCalls.get200(mvc, "auditor", "/api/v1/figures.csv?format=wide&region=CN&year=2013"));
        assertThat(wide).hasSize(1);
        assertThat(wide.getFirst().get("poor_population")).isEqualTo("82490000");
        assertThat(wide.getFirst().get("poverty_incidence")).isEqualTo("8.5");
        assertThat(wide.getFirst().get("people_lifted_out")).isEmpty();
        assertThat(ApiCalls.csv(ApiCalls.get200(mvc, "clerk.liangshan", "/api/v1/figures.csv?format=wide")))
                .extracting(r -> r.get("region_code") + "/" + r.get("year")).containsExactly("513400/2018", "513400/2019");
    }
}
