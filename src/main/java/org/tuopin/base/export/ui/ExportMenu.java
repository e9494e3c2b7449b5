package org.tuopin.base.export.ui;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.shared.Registration;

import org.jspecify.annotations.Nullable;
import org.tuopin.base.ui.Formats;
import org.tuopin.base.export.ExportService;
import org.tuopin.base.export.TableExport;

/**
 * Export links for a grid: CSV, CSV for Excel (with a byte-order mark) and XLSX, of exactly what the grid's
 * filters show. The file is written while it downloads, so memory stays flat; while it runs, the menu shows how
 * much has been written and offers to cancel it. Every export is recorded in the audit trail when it starts, and
 * again when it finishes (with its rows) or stops early (cancelled or cut off, with the bytes that had left).
 */
public class ExportMenu extends HorizontalLayout {

    /** Writes the export; returns the number of rows written. */
    @FunctionalInterface
    public interface Writer {
        long write(Format format, UnaryOperator<String> header, OutputStream out);
    }

    public enum Format { CSV, CSV_EXCEL, XLSX }

    /** Thrown into the writer when the reader cancels; the download then ends unfinished. */
    static final class Cancelled extends IOException {
        Cancelled() {
            super("export cancelled by the reader");
        }
    }

    /** One running export: bytes written so far, and the reader's wish to stop it. */
    static final class Transfer {
        final AtomicLong bytes = new AtomicLong();
        volatile boolean cancelRequested;
        volatile boolean done;
        volatile boolean cancelled;
        volatile long rows = -1;
    }

    final Select<Boolean> headers = new Select<>();
    final Anchor csv;
    final Anchor csvExcel;
    final Anchor xlsx;
    final ProgressBar progressBar = new ProgressBar();
    final Span progressText = new Span();
    final Button cancel = new Button();

    private final String baseName;
    private final ExportService exports;
    private final Supplier<String> filterText;
    private final Writer writer;
    private final AtomicReference<@Nullable Transfer> running = new AtomicReference<>();
    private @Nullable Registration poll;

    /**
     * The common case: a list of columns (built with the header naming the reader chose) and the rows the grid's
     * filters select, streamed from the service.
     */
    public static <T> ExportMenu of(String baseName, ExportService exports, Supplier<String> filterText,
                                    Function<UnaryOperator<String>, List<TableExport.Column<T>>> columns,
                                    Supplier<TableExport.RowSource<T>> rows) {
        return new ExportMenu(baseName, exports, filterText, writer(baseName, columns, rows));
    }

    /**
     * The writer behind {@link #of}: the columns in the chosen header naming, the rows as the filters select them
     * when the download starts, as CSV (with a byte-order mark for Excel) or XLSX.
     */
    public static <T> Writer writer(String baseName, Function<UnaryOperator<String>, List<TableExport.Column<T>>> columns,
                                    Supplier<TableExport.RowSource<T>> rows) {
        return (format, header, out) -> {
            List<TableExport.Column<T>> chosen = columns.apply(header);
            TableExport.RowSource<T> source = rows.get();
            return format == Format.XLSX ? TableExport.xlsx(out, baseName, chosen, source)
                    : TableExport.csv(out, format == Format.CSV_EXCEL, chosen, source);
        };
    }

    public ExportMenu(String baseName, ExportService exports, Supplier<String> filterText, Writer writer) {
        this.baseName = baseName;
        this.exports = exports;
        this.filterText = filterText;
        this.writer = writer;
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        addClassName("export-menu");
        headers.setLabel(getTranslation("export.headers"));
        headers.setItems(true, false);
        headers.setItemLabelGenerator(machine -> getTranslation(machine ? "export.machineNames" : "export.ownLanguage"));
        headers.setValue(false);
        csv = link(Format.CSV, "export.csv");
        csvExcel = link(Format.CSV_EXCEL, "export.csvExcel");
        xlsx = link(Format.XLSX, "export.xlsx");
        progressBar.setIndeterminate(true);
        progressBar.setWidth("8em");
        progressBar.setVisible(false);
        progressText.addClassName("export-progress");
        progressText.getElement().setAttribute("aria-live", "polite");
        cancel.setText(getTranslation("export.cancel"));
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        cancel.setVisible(false);
        cancel.addClickListener(e -> cancelRunning());
        add(headers, csv, csvExcel, xlsx, progressBar, progressText, cancel);
    }

    private Anchor link(Format format, String labelKey) {
        DownloadHandler handler = (DownloadEvent event) -> {
            event.setFileName(baseName + (format == Format.XLSX ? ".xlsx" : ".csv"));
            event.setContentType(format == Format.XLSX ? TableExport.XLSX_TYPE : TableExport.CSV_TYPE);
            try (OutputStream out = event.getOutputStream()) {
                export(format, out);
            }
        };
        Anchor anchor = new Anchor(handler, getTranslation(labelKey));
        anchor.getElement().setAttribute("download", true);
        anchor.getElement().getThemeList().add("tertiary");
        anchor.addClassName("export-link");
        // the download itself runs outside the UI; the click tells the view to start watching it
        anchor.getElement().addEventListener("click", e -> watch());
        return anchor;
    }

    /**
     * Writes one export to {@code out} and records it. A cancelled export stops at the next write, is recorded as
     * cancelled with the bytes written so far, and leaves the download unfinished.
     */
    public void export(Format format, OutputStream out) throws IOException {
        Transfer transfer = new Transfer();
        running.set(transfer);
        UnaryOperator<String> header = Boolean.TRUE.equals(headers.getValue()) ? UnaryOperator.identity()
                : this::translatedHeader;
        OutputStream counting = new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                check(transfer);
                out.write(b);
                transfer.bytes.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                check(transfer);
                out.write(b, off, len);
                transfer.bytes.addAndGet(len);
            }
        };
        String formatName = format.name().toLowerCase(Locale.ROOT);
        // audited before the first byte, so that a download cut off anywhere still leaves its start
        ExportService.Run run = exports.started(baseName, formatName, filterText.get());
        try {
            transfer.rows = writer.write(format, header, counting);
            counting.flush();
        } catch (IOException | RuntimeException e) {
            transfer.done = true;
            if (!transfer.cancelRequested) {
                exports.aborted(run, 0, transfer.bytes.get(), ExportService.reason(e));
                throw e;
            }
            transfer.cancelled = true;
            exports.aborted(run, 0, transfer.bytes.get(), ExportService.CANCELLED);
            throw new Cancelled();
        }
        transfer.done = true;
        exports.finished(run, transfer.rows);
    }

    private static void check(Transfer transfer) throws Cancelled {
        if (transfer.cancelRequested) {
            throw new Cancelled();
        }
    }

    /** Shows the running export's progress until it ends, polling, since the download runs outside the UI. */
    void watch() {
        progressBar.setVisible(true);
        cancel.setVisible(true);
        cancel.setEnabled(true);
        progressText.setText(getTranslation("export.preparing"));
        UI ui = UI.getCurrent();
        if (ui != null && poll == null) {
            ui.setPollInterval(700);
            poll = ui.addPollListener(e -> refreshProgress());
        }
    }

    /** Asks the running export to stop; it stops at its next write. */
    void cancelRunning() {
        Transfer transfer = running.get();
        if (transfer != null && !transfer.done) {
            transfer.cancelRequested = true;
            cancel.setEnabled(false);
            progressText.setText(getTranslation("export.cancelling"));
        }
    }

    void refreshProgress() {
        Transfer transfer = running.get();
        if (transfer == null) {
            return;
        }
        Locale locale = getLocale();
        String written = Formats.count(transfer.bytes.get() / 1024, locale);
        if (!transfer.done) {
            progressText.setText(getTranslation("export.progress", written));
            return;
        }
        progressText.setText(transfer.cancelled ? getTranslation("export.cancelled", written)
                : getTranslation("export.finished", Formats.count(transfer.rows, locale)));
        progressBar.setVisible(false);
        cancel.setVisible(false);
        stopWatching();
    }

    private void stopWatching() {
        if (poll != null) {
            poll.remove();
            poll = null;
            getUI().ifPresent(ui -> ui.setPollInterval(-1));
        }
    }

    /** A machine column name in the reader's language, from the bundle's {@code export.header.*} keys. */
    String translatedHeader(String machine) {
        return getTranslation("export.header." + machine);
    }
}
