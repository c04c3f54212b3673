package com.mangaassist.slo.trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/traces/slow} lists the kept slow requests; {@code GET /api/traces/{traceId}} returns one waterfall. */
@RestController
public class TraceController {

    private final SlowTraceStore store;

    public TraceController(SlowTraceStore store) {
        this.store = store;
    }

    @GetMapping("/api/traces/slow")
    public List<Map<String, Object>> slow() {
        return store.list().stream().map(t -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("traceId", t.traceId());
            row.put("requestId", t.requestId());
            row.put("firstTokenMs", t.firstTokenMs());
            row.put("totalMs", t.totalMs());
            row.put("at", java.time.Instant.ofEpochMilli(t.atEpochMillis()).toString());
            row.put("spans", t.spans().size());
            return row;
        }).toList();
    }

    @GetMapping("/api/traces/{traceId}")
    public Map<String, Object> trace(@PathVariable String traceId) {
        SlowTraceStore.SlowTrace trace = store.get(traceId)
                .filter(t -> !t.spans().isEmpty())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No waterfall kept for trace " + traceId));
        long origin = trace.spans().stream().mapToLong(SpanRecord::startEpochNanos).min().orElse(0);
        List<Map<String, Object>> spans = trace.spans().stream()
                .sorted(java.util.Comparator.comparingLong(SpanRecord::startEpochNanos))
                .map(s -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("spanId", s.spanId());
                    row.put("parentSpanId", s.parentSpanId());
                    row.put("name", s.name());
                    row.put("kind", s.kind());
                    row.put("startOffsetMs", (s.startEpochNanos() - origin) / 1_000_000.0);
                    row.put("durationMs", (s.endEpochNanos() - s.startEpochNanos()) / 1_000_000.0);
                    row.put("status", s.status());
                    row.put("attributes", s.attributes());
                    return row;
                }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("traceId", trace.traceId());
        body.put("requestId", trace.requestId());
        body.put("firstTokenMs", trace.firstTokenMs());
        body.put("totalMs", trace.totalMs());
        body.put("spans", spans);
        return body;
    }
}
