package org.tuopin.figures.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tuopin.base.UserError;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import org.tuopin.figures.Metric;
import org.tuopin.figures.ReportModels.Report;
import org.tuopin.figures.ReportModels.ValueInput;
import org.tuopin.figures.ReportService;
import org.tuopin.figures.ValueKind;

/**
 * The yearly report over REST, through the same service and rules as the form:
 * 422 when a rule refuses, 409 on a stale version, 423 when the report or its year is locked.
 */
@RestController
@RequestMapping("/api/v1/reports/{regionCode}/{year}")
class ReportsController {

    record ValueBody(@Nullable String metric, @Nullable String kind, @Nullable PlainNumber value,
                     @Nullable String source, @Nullable String note) {
    }

    /**
     * A value as the caller wrote it, JSON number or string: only plain decimals are taken ({@code 1234},
     * {@code 12.5}), so that {@code 1e5}, {@code 1,000}, full-width digits and the like are refused with a
     * message instead of being read as something the caller may not have meant.
     */
    @JsonDeserialize(using = PlainNumber.Reader.class)
    record PlainNumber(String text) {

        private static final Pattern PLAIN = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
        private static final int MAX_LENGTH = 40;

        BigDecimal toBigDecimal(String metric) {
            if (text.length() > MAX_LENGTH || !PLAIN.matcher(text).matches()) {
                throw new UserError("api.error.plainNumber", metric,
                        text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text);
            }
            return new BigDecimal(text);
        }

        static final class Reader extends ValueDeserializer<PlainNumber> {
            @Override
            public PlainNumber deserialize(JsonParser p, DeserializationContext context) {
                JsonToken token = p.currentToken();
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                        || token == JsonToken.VALUE_STRING) {
                    // the text as written: a parsed number would already have lost "1e5" or "1.50"
                    return new PlainNumber(p.getString());
                }
                return (PlainNumber) context.handleUnexpectedToken(PlainNumber.class, p);
            }
        }
    }

    record PutBody(@Nullable Long version, @Nullable List<ValueBody> values) {
    }

    record ActionBody(@Nullable Long version, @Nullable String explanation, @Nullable String reason) {
    }

    private final ReportService reports;

    ReportsController(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping
    Map<String, Object> get(@PathVariable String regionCode, @PathVariable int year) {
        return json(reports.get(regionCode, year));
    }

    @PutMapping
    Map<String, Object> put(@PathVariable String regionCode, @PathVariable int year, @RequestBody PutBody body) {
        if (body.version() == null) {
            throw new UserError("api.error.versionRequired");
        }
        List<ValueInput> inputs = new ArrayList<>();
        for (ValueBody v : body.values() == null ? List.<ValueBody>of() : body.values()) {
            Metric metric = Metric.fromCode(v.metric() == null ? "" : v.metric())
                    .orElseThrow(() -> new UserError("api.error.unknownMetric", String.valueOf(v.metric())));
            ValueKind kind = ValueKind.fromCode(v.kind() == null ? "actual" : v.kind())
                    .orElseThrow(() -> new UserError("api.error.unknownKind", String.valueOf(v.kind())));
            inputs.add(new ValueInput(metric, kind, v.value() == null ? null : v.value().toBigDecimal(metric.code()),
                    v.source(), v.note()));
        }
        return json(reports.saveDraft(regionCode, year, body.version(), inputs));
    }

    @PostMapping("/submit")
    Map<String, Object> submit(@PathVariable String regionCode, @PathVariable int year, @RequestBody ActionBody body) {
        return json(reports.submit(regionCode, year, version(body), body.explanation()));
    }

    @PostMapping("/approve")
    Map<String, Object> approve(@PathVariable String regionCode, @PathVariable int year, @RequestBody ActionBody body) {
        return json(reports.approve(regionCode, year, version(body)));
    }

    @PostMapping("/return")
    Map<String, Object> returnReport(@PathVariable String regionCode, @PathVariable int year,
                                     @RequestBody ActionBody body) {
        return json(reports.returnReport(regionCode, year, version(body), body.reason()));
    }

    @PostMapping("/reopen")
    Map<String, Object> reopen(@PathVariable String regionCode, @PathVariable int year, @RequestBody ActionBody body) {
        return json(reports.reopen(regionCode, year, version(body), body.reason()));
    }

    private static long version(ActionBody body) {
        if (body.version() == null) {
            throw new UserError("api.error.versionRequired");
        }
        return body.version();
    }

    static Map<String, Object> json(Report report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("region", report.region().code());
        out.put("year", report.year());
        out.put("state", report.state() == null ? "NOT_STARTED" : report.state().name());
        out.put("version", report.version());
        out.put("values", report.values().stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("metric", v.metric().code());
            m.put("value", v.value().stripTrailingZeros().toPlainString());
            m.put("unit", v.metric().unit().code());
            m.put("kind", v.kind().code());
            m.put("source", v.source());
            m.put("note", v.note());
            m.put("followUp", v.followUp());
            return m;
        }).toList());
        out.put("findings", report.findings().stream().map(FigureApiErrors::finding).toList());
        return out;
    }
}
