package org.tuopin.dispatch;

import java.util.List;
import java.util.function.UnaryOperator;

import org.tuopin.base.export.TableExport.Column;

/** Every column of a roster posting, for the grid's exports and the API (machine names unless translated). */
public final class DispatchExports {

    private DispatchExports() {
    }

    public static List<Column<PostingRow>> roster(UnaryOperator<String> header) {
        return List.of(
                new Column<>(header.apply("id"), PostingRow::id),
                new Column<>(header.apply("official_no"), PostingRow::officialNo),
                new Column<>(header.apply("name"), PostingRow::name),
                new Column<>(header.apply("rank"), r -> r.rank().name()),
                new Column<>(header.apply("sending_organisation"), PostingRow::sendingOrganisation),
                new Column<>(header.apply("role"), r -> r.role().name()),
                new Column<>(header.apply("region_code"), PostingRow::regionCode),
                new Column<>(header.apply("region_name_en"), PostingRow::regionNameEn),
                new Column<>(header.apply("region_name_zh"), PostingRow::regionNameZh),
                new Column<>(header.apply("village"), PostingRow::village),
                new Column<>(header.apply("start_date"), PostingRow::startDate),
                new Column<>(header.apply("end_date"), PostingRow::endDate),
                new Column<>(header.apply("bilingual"), PostingRow::bilingual),
                new Column<>(header.apply("note"), PostingRow::note),
                new Column<>(header.apply("created_by"), PostingRow::createdBy),
                new Column<>(header.apply("created_at"), PostingRow::createdAt),
                new Column<>(header.apply("updated_by"), PostingRow::updatedBy),
                new Column<>(header.apply("updated_at"), PostingRow::updatedAt),
                new Column<>(header.apply("version"), PostingRow::version));
    }
}
