package org.tuopin.base.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.internal.StateTree;
import com.vaadin.flow.shared.Registration;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Apache ECharts chart, driven from Java: the option is a JSON object built on the server and handed to
 * {@code echarts.setOption} as data (never as code), so the page needs no eval and no npm bundle. The
 * library is the webjar's static script. The chart follows the size of its element (a ResizeObserver),
 * reports clicks on a bar or point back to the server, and downloads itself as PNG (canvas) or SVG (a
 * second, off-screen instance with the SVG renderer).
 */
@JavaScript("context://webjars/echarts/5.3.1/dist/echarts.min.js")
public class EChart extends Div {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A click on a data item: the index of its series in the option and of the item in the series. */
    public record PointClick(int seriesIndex, int dataIndex) {
    }

    public interface PointClickListener {
        void clicked(PointClick click);
    }

    public enum ImageType {
        PNG, SVG
    }

    private static final String UPDATE = """
            this.$option = JSON.parse($0);
            if (this.$chart) { this.$chart.setOption(this.$option, true); }""";

    // the script may still be loading when the element arrives: start once window.echarts exists
    private static final String START = """
            const el = this;
            el.$option = JSON.parse($0);
            const start = () => {
                if (!window.echarts) { setTimeout(start, 50); return; }
                if (el.$chart) { el.$chart.dispose(); }
                el.$chart = window.echarts.init(el, null, {renderer: 'canvas'});
                el.$chart.on('click', p => el.$server.pointClicked(p.seriesIndex, p.dataIndex));
                if (!el.$resize) {
                    el.$resize = new ResizeObserver(() => el.$chart && el.$chart.resize());
                    el.$resize.observe(el);
                }
                if (el.$option) { el.$chart.setOption(el.$option, true); }
            };
            start();""";

    // Nothing of the option is kept between requests: it is built when the response is written, sent, and
    // dropped, so a session holds only what the supplier reads (DD014).
    private Supplier<? extends JsonNode> option = JSON::createObjectNode;
    private final List<PointClickListener> listeners = new ArrayList<>();
    private StateTree.@Nullable ExecutionRegistration pendingDraw;
    private boolean startPending;

    public EChart() {
        addClassName("echart");
        getElement().setAttribute("role", "img");
    }

    /**
     * Replaces the chart's option (not merged with the previous one). The chart asks the supplier whenever it
     * needs the option (before the response that shows it, when it is attached again, on a click) and keeps
     * nothing of what it returns, so the supplier should build it from data its owner keeps anyway.
     */
    public void setOption(Supplier<? extends JsonNode> option) {
        this.option = option;
        scheduleDraw();
    }

    /** The option the browser draws, built anew. */
    public JsonNode getOption() {
        return option.get();
    }

    /** One draw per response, however often the option changes or the element is moved within a request. */
    private void scheduleDraw() {
        getUI().ifPresent(ui -> {
            if (pendingDraw == null) {
                pendingDraw = ui.beforeClientResponse(this, context -> draw());
            }
        });
    }

    private void draw() {
        pendingDraw = null;
        String script = startPending ? START : UPDATE;
        startPending = false;
        getElement().executeJs(script, JSON.writeValueAsString(option.get()));
    }

    public Registration addPointClickListener(PointClickListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Called by the browser when a bar or point is clicked; indexes outside the option are ignored. */
    @ClientCallable
    public void pointClicked(int seriesIndex, int dataIndex) {
        JsonNode series = option.get().path("series").path(seriesIndex);
        if (series.isMissingNode() || dataIndex < 0 || dataIndex >= series.path("data").size()) {
            return;
        }
        PointClick click = new PointClick(seriesIndex, dataIndex);
        List.copyOf(listeners).forEach(l -> l.clicked(click));
    }

    /**
     * Lets the browser save the chart as an image file. The copy is drawn off-screen with the title on top
     * and no animation, in the size the chart has on screen.
     */
    public void download(ImageType type, String fileName, String title) {
        getElement().executeJs("""
                const el = this, svg = $0 === 'SVG';
                if (!window.echarts || !el.$option) { return ''; }
                const w = el.clientWidth || 800, h = (el.clientHeight || 400) + 40;
                const box = document.createElement('div');
                box.style.cssText = 'position:fixed;left:-20000px;top:0;width:' + w + 'px;height:' + h + 'px';
                document.body.appendChild(box);
                const copy = window.echarts.init(box, null, {renderer: svg ? 'svg' : 'canvas', width: w, height: h});
                const opt = JSON.parse(JSON.stringify(el.$option));
                opt.animation = false;
                opt.backgroundColor = '#ffffff';
                opt.title = {text: $2, left: 'center', top: 6, textStyle: {fontSize: 14}};
                if (opt.legend) { opt.legend.top = 32; }
                if (opt.grid) { opt.grid.top = (opt.grid.top || 40) + 40; }
                copy.setOption(opt);
                const url = copy.getDataURL({type: svg ? 'svg' : 'png', pixelRatio: 2, backgroundColor: '#ffffff'});
                copy.dispose();
                box.remove();
                const a = document.createElement('a');
                a.href = url;
                a.download = $1;
                document.body.appendChild(a);
                a.click();
                a.remove();
                return url.substring(0, 40);""", type.name(), fileName, title);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        startPending = true;
        scheduleDraw();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        super.onDetach(detachEvent);
        if (pendingDraw != null) {
            pendingDraw.remove();
            pendingDraw = null;
        }
    }
}
