package org.tuopin.figures.ui;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;

import jakarta.annotation.security.RolesAllowed;

import org.jspecify.annotations.Nullable;
import org.tuopin.access.AppRoles;
import org.tuopin.figures.FigureImportService;
import org.tuopin.base.imports.ImportLimits;
import org.tuopin.figures.FigureImportService.Format;
import org.tuopin.base.imports.ImportProblem;
import org.tuopin.figures.FigureImportService.Result;
import org.tuopin.figures.ReportingYearService;
import org.tuopin.figures.ReportingYearService.ReportingYear;
import org.tuopin.figures.rules.Finding;
import org.tuopin.figures.rules.Severity;

/**
 * DATA_ENTRY: download a template for a year, upload it filled in, check it (a dry run that lists every
 * problem by row and column), then import it into draft reports. Import stays disabled until the very
 * file that was uploaded has passed a check without problems.
 */
@Route("figures/import")
@RolesAllowed(AppRoles.DATA_ENTRY)
@Menu(order = 6, title = "menu.import", icon = "vaadin:upload")
class FigureImportView extends VerticalLayout implements HasDynamicTitle {

    final Select<Integer> year = new Select<>();
    final Anchor csvTemplate;
    final Anchor xlsxTemplate;
    final Upload upload = new Upload();
    final Span fileName = new Span();
    final Button check = new Button();
    final Button importButton = new Button();
    final Span summary = new Span();
    final Grid<ImportProblem> problems = new Grid<>();

    private final FigureImportService imports;
    // read by the download request, which runs outside the UI lock
    private volatile int templateYear;
    private byte @Nullable [] file;
    private @Nullable Format format;
    private byte @Nullable [] checkedFile;

    FigureImportView(FigureImportService imports, ReportingYearService years) {
        this.imports = imports;
        H2 title = new H2(getTranslation("menu.import"));
        title.addClassName("view-title");

        List<ReportingYear> known = years.years();
        year.setLabel(getTranslation("import.year"));
        year.setItems(known.stream().map(ReportingYear::year).toList());
        // the newest open year is the one offices are most likely entering
        known.stream().filter(ReportingYear::open).map(ReportingYear::year).reduce((a, b) -> b)
                .or(() -> known.stream().map(ReportingYear::year).reduce((a, b) -> b))
                .ifPresent(y -> {
                    year.setValue(y);
                    templateYear = y;
                });
        year.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                templateYear = e.getValue();
            }
        });
        csvTemplate = new Anchor(template(Format.CSV), getTranslation("import.templateCsv"));
        xlsxTemplate = new Anchor(template(Format.XLSX), getTranslation("import.templateXlsx"));
        HorizontalLayout templates = new HorizontalLayout(year, csvTemplate, xlsxTemplate);
        templates.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        ImportLimits limits = imports.limits();
        upload.setUploadHandler(boundedUpload(limits));
        upload.setMaxFiles(1);
        // the browser's check spares the upload; the handler's check is the one that holds
        upload.setMaxFileSize(limits.maxBytes());
        upload.setAcceptedFileTypes(".csv", ".xlsx", Format.CSV.contentType(), Format.XLSX.contentType());
        org.tuopin.base.ui.ComponentTexts.localise(upload);
        upload.addFileRejectedListener(e -> error(getTranslation("import.rejected", limits.maxMegabytes())));
        upload.addFileRemovedListener(e -> clear());

        check.setText(getTranslation("import.check"));
        check.setEnabled(false);
        check.addClickListener(e -> runCheck());
        importButton.setText(getTranslation("import.import"));
        importButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        importButton.setEnabled(false);
        importButton.addClickListener(e -> runImport());

        problems.addColumn(p -> p.row() == null ? "" : String.valueOf(p.row()))
                .setHeader(getTranslation("import.column.row")).setAutoWidth(true).setFlexGrow(0);
        problems.addColumn(p -> p.column() == null ? "" : p.column())
                .setHeader(getTranslation("import.column.column")).setAutoWidth(true).setFlexGrow(0);
        problems.addColumn(this::message).setHeader(getTranslation("import.column.problem")).setFlexGrow(1);
        problems.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        problems.setVisible(false);

        HorizontalLayout actions = new HorizontalLayout(check, importButton, fileName);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(title, new Paragraph(getTranslation("import.intro")), templates, upload, actions, summary, problems);
        setMaxWidth("80rem");
    }

    private DownloadHandler template(Format templateFormat) {
        return DownloadHandler.fromInputStream(event -> {
            int y = templateYear;
            byte[] bytes = imports.template(y, templateFormat);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "figures-" + y + "." + templateFormat.extension(),
                    templateFormat.contentType(), bytes.length);
        });
    }

    /** Keeps an uploaded file for checking; a new file always needs a new check before it can be imported. */
    void receive(String name, byte[] data) {
        file = data;
        format = Format.forFileName(name).orElse(null);
        checkedFile = null;
        fileName.setText(name);
        summary.setText("");
        problems.setItems(List.of());
        problems.setVisible(false);
        importButton.setEnabled(false);
        check.setEnabled(true);
        if (format == null) {
            check.setEnabled(false);
            error(getTranslation("import.rejected", imports.limits().maxMegabytes()));
        }
    }

    /**
     * Keeps at most the size limit of an upload in memory, whatever the browser was told or the request declares: a
     * larger file is refused with the same message as the browser's own check, and nothing of it is kept.
     */
    private UploadHandler boundedUpload(ImportLimits limits) {
        return new UploadHandler() {
            @Override
            public void handleUploadRequest(UploadEvent event) throws IOException {
                UI ui = event.getUI();
                String name = event.getFileName();
                byte[] data = null;
                if (event.getFileSize() <= limits.maxBytes()) {
                    try (InputStream in = event.getInputStream()) {
                        data = in.readNBytes(limits.maxBytes() + 1);
                    }
                }
                if (data == null || data.length > limits.maxBytes()) {
                    event.reject(getTranslation(ui.getLocale(), "import.rejected", limits.maxMegabytes()));
                    ui.access(() -> {
                        clear();
                        error(getTranslation("import.rejected", limits.maxMegabytes()));
                    });
                    return;
                }
                byte[] received = data;
                ui.access(() -> receive(name, received));
            }

            @Override
            public long getRequestSizeMax() {
                return limits.maxBytes() + 64 * 1024L;
            }

            @Override
            public long getFileSizeMax() {
                return limits.maxBytes();
            }
        };
    }

    private void clear() {
        file = null;
        format = null;
        checkedFile = null;
        fileName.setText("");
        summary.setText("");
        problems.setVisible(false);
        check.setEnabled(false);
        importButton.setEnabled(false);
    }

    private void runCheck() {
        if (file == null || format == null) {
            return;
        }
        Result result = imports.dryRun(file, format);
        show(result);
        checkedFile = result.clean() && result.accepted() > 0 ? file : null;
        importButton.setEnabled(checkedFile != null);
        summary.setText(result.clean() ? getTranslation(result.accepted() > 0 ? "import.clean" : "import.nothing",
                String.valueOf(result.accepted())) : getTranslation("import.found", String.valueOf(result.problems().size())));
    }

    private void runImport() {
        // the button can only be enabled for the checked file, but the server decides, not the client's state
        if (file == null || format == null || checkedFile != file) {
            return;
        }
        Result result = imports.importFigures(file, format);
        show(result);
        importButton.setEnabled(false);
        checkedFile = null;
        if (result.stored()) {
            summary.setText(getTranslation("import.done", String.valueOf(result.accepted())));
            Notification.show(summary.getText(), 4000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } else {
            // something changed since the check (a report was submitted, a year closed): nothing was stored
            summary.setText(getTranslation("import.found", String.valueOf(result.problems().size())));
        }
    }

    private void show(Result result) {
        problems.setItems(result.problems());
        problems.setVisible(!result.problems().isEmpty());
    }

    String message(ImportProblem p) {
        // the same formatting as the checks' findings: metric codes become names, numbers get grouping
        return org.tuopin.figures.ui.FindingText.of(this,
                new Finding("", Severity.ERROR, List.of(), p.messageKey(), p.args()));
    }

    private void error(String message) {
        Notification.show(message, 6000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.import") + " · " + getTranslation("app.name");
    }
}
