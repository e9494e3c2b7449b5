package org.tuopin.dashboard.ui;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.QueryParameters;

import org.tuopin.base.ui.EChart;
import org.tuopin.base.ui.Formats;
import org.tuopin.dashboard.ChartData;
import org.tuopin.figures.Unit;

/**
 * One chart of the dashboard with its title, its downloads, the same numbers as a table (for screen
 * readers and for copying), and a drill-down from a clicked bar or point into the matching grid.
 */
class ChartPanel extends Div {

    /** Where a click on a data item leads: a route and its query parameters, or nowhere. */
    interface Drill {
        Optional<Target> target(ChartData data, int series, int category);
    }

    record Target(String route, Map<String, String> parameters) {
    }

    final String id;
    final EChart chart = new EChart();
    final Button png = new Button();
    final Button svg = new Button();
    final Details tableDetails = new Details();
    final NativeTable table = new NativeTable();
    final Paragraph empty = new Paragraph();
    /** How the numbers are counted, under the table, where a chart needs saying so. */
    final Paragraph note = new Paragraph();

    private final String titleKey;
    private final ChartOptions.Shape shape;
    private final String categoryHeaderKey;
    private final Drill drill;
    private ChartData data = new ChartData(java.util.List.of(), java.util.List.of(), null);
    private String title = "";
    private String noteKey;

    ChartPanel(String id, String titleKey, ChartOptions.Shape shape, String categoryHeaderKey, Drill drill) {
        this.id = id;
        this.titleKey = titleKey;
        this.shape = shape;
        this.categoryHeaderKey = categoryHeaderKey;
        this.drill = drill;
        addClassName("chart-panel");
        setId("chart-" + id);

        png.setText(getTranslation("dashboard.download.png"));
        svg.setText(getTranslation("dashboard.download.svg"));
        for (Button b : new Button[] {png, svg}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        png.addClickListener(e -> chart.download(EChart.ImageType.PNG, id + ".png", title));
        svg.addClickListener(e -> chart.download(EChart.ImageType.SVG, id + ".svg", title));
        chart.addPointClickListener(click -> drill.target(data, click.seriesIndex(), click.dataIndex())
                .ifPresent(t -> getUI().ifPresent(ui -> ui.navigate(t.route(), QueryParameters.simple(t.parameters())))));
        empty.addClassName("chart-empty");
        tableDetails.setSummaryText(getTranslation("dashboard.showTable"));
        table.addClassName("chart-table");
        tableDetails.add(table);
        // the rows exist only while the table is open: a national dashboard's tables were most of its components
        tableDetails.addOpenedChangeListener(e -> fillTable());
    }

    /** Adds a sentence under the table saying how the numbers are counted. */
    ChartPanel noting(String key) {
        noteKey = key;
        note.addClassName("chart-note");
        return this;
    }

    /** Draws the data; a chart with nothing reported says so instead of drawing empty axes. */
    void show(ChartData data, String titleArgument) {
        this.data = data;
        Locale locale = getLocale();
        title = getTranslation(titleKey, titleArgument);
        removeAll();
        H3 heading = new H3(title);
        heading.addClassName("chart-title");
        HorizontalLayout actions = new HorizontalLayout(png, svg);
        actions.setSpacing(false);
        Div head = new Div(heading, actions);
        head.addClassName("chart-head");
        add(head);
        String unitName = unitName();
        chart.getElement().setAttribute("aria-label", title);
        String description = title;
        chart.setOption(() -> ChartOptions.option(data, shape, unitName, description, locale, this::getTranslation));
        fillTable();
        if (data.isEmpty()) {
            empty.setText(getTranslation("dashboard.chartEmpty", titleArgument));
            add(empty);
            png.setEnabled(false);
            svg.setEnabled(false);
        } else {
            png.setEnabled(true);
            svg.setEnabled(true);
            add(chart, tableDetails);
            if (noteKey != null) {
                note.setText(getTranslation(noteKey));
                tableDetails.add(note);
            }
        }
    }

    ChartData data() {
        return data;
    }

    private String axisName(Unit unit) {
        return unit == Unit.RMB ? getTranslation("dashboard.axis.rmb100m") : unit == Unit.PERCENT ? "%"
                : getTranslation("unit." + unit.code());
    }

    private String unitName() {
        return data.unit() == null ? getTranslation(titleKey + ".axis") : axisName(data.unit());
    }

    /** Lists the data while the table is open; a closed table has no rows. */
    private void fillTable() {
        table.removeAll();
        if (tableDetails.isOpened()) {
            buildTable(getLocale(), unitName());
        }
    }

    private void buildTable(Locale locale, String unitName) {
        NativeTableHeader header = new NativeTableHeader();
        NativeTableRow headRow = new NativeTableRow();
        headRow.add(new NativeTableHeaderCell(getTranslation(categoryHeaderKey)));
        data.series().forEach(s -> headRow.add(new NativeTableHeaderCell(s.label().in(locale, this::getTranslation))));
        header.add(headRow);
        NativeTableBody body = new NativeTableBody();
        for (int c = 0; c < data.categories().size(); c++) {
            NativeTableRow row = new NativeTableRow();
            row.add(new NativeTableHeaderCell(data.categories().get(c).label().in(locale, this::getTranslation)));
            for (int s = 0; s < data.series().size(); s++) {
                NativeTableCell cell = new NativeTableCell(format(data.value(s, c), locale));
                cell.addClassName("numeric");
                row.add(cell);
            }
            body.add(row);
        }
        table.add(header, body);
        table.getElement().setAttribute("aria-label", title + " (" + (data.unit() == Unit.RMB
                ? getTranslation("unit.RMB") : unitName) + ")");
    }

    /** Exact values as the grids show them; a dash where nothing was reported. */
    String format(BigDecimal value, Locale locale) {
        if (value == null) {
            return "–";
        }
        return Formats.number(value, data.unit() == null ? Unit.PERSONS : data.unit(), locale);
    }
}
