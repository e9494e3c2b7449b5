package org.tuopin.exchange.ui;

import java.io.OutputStream;
import java.util.function.UnaryOperator;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;

import org.tuopin.exchange.ExportService;
import org.tuopin.exchange.TableExport;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ValueKind;

/**
 * Export links for a grid: CSV, CSV for Excel (with a byte-order mark) and XLSX, of exactly what the grid's
 * filters show. The file is written while it downloads, so the browser shows its progress and can cancel
 * it; the export is recorded in the audit trail with its filter and row count.
 */
public class ExportMenu extends HorizontalLayout {

    /** Writes the export; returns the number of rows written. */
    @FunctionalInterface
    public interface Writer {
        long write(Format format, UnaryOperator<String> header, OutputStream out);
    }

    public enum Format { CSV, CSV_EXCEL, XLSX }

    final Select<Boolean> headers = new Select<>();
    final Anchor csv;
    final Anchor csvExcel;
    final Anchor xlsx;

    public ExportMenu(String baseName, ExportService exports, java.util.function.Supplier<String> filterText,
                      Writer writer) {
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        headers.setLabel(getTranslation("export.headers"));
        headers.setItems(true, false);
        headers.setItemLabelGenerator(machine -> getTranslation(machine ? "export.machineNames" : "export.ownLanguage"));
        headers.setValue(false);
        csv = link(baseName, Format.CSV, exports, filterText, writer, "export.csv");
        csvExcel = link(baseName, Format.CSV_EXCEL, exports, filterText, writer, "export.csvExcel");
        xlsx = link(baseName, Format.XLSX, exports, filterText, writer, "export.xlsx");
        add(headers, csv, csvExcel, xlsx);
    }

    private Anchor link(String baseName, Format format, ExportService exports,
                       java.util.function.Supplier<String> filterText, Writer writer, String labelKey) {
        DownloadHandler handler = (DownloadEvent event) -> {
            event.setFileName(baseName + (format == Format.XLSX ? ".xlsx" : ".csv"));
            event.setContentType(format == Format.XLSX ? TableExport.XLSX_TYPE : TableExport.CSV_TYPE);
            UnaryOperator<String> header = Boolean.TRUE.equals(headers.getValue()) ? UnaryOperator.identity()
                    : this::translatedHeader;
            long rows;
            try (OutputStream out = event.getOutputStream()) {
                rows = writer.write(format, header, out);
            }
            exports.recordExport(baseName, format.name().toLowerCase(java.util.Locale.ROOT), filterText.get(), rows);
        };
        Anchor anchor = new Anchor(handler, getTranslation(labelKey));
        anchor.getElement().setAttribute("download", true);
        anchor.getElement().getThemeList().add("tertiary");
        anchor.addClassName("export-link");
        return anchor;
    }

    /** A machine column name in the reader's language: metrics and kinds by their names, the rest from the bundle. */
    String translatedHeader(String machine) {
        for (Metric metric : Metric.values()) {
            for (ValueKind kind : ValueKind.values()) {
                String wide = kind == ValueKind.ACTUAL ? metric.code() : metric.code() + "_" + kind.code();
                if (wide.equals(machine)) {
                    return kind == ValueKind.ACTUAL ? getTranslation(metric.messageKey())
                            : getTranslation(metric.messageKey()) + " (" + getTranslation(kind.messageKey()) + ")";
                }
            }
        }
        return getTranslation("export.header." + machine);
    }
}
