package com.mangaassist.slo.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * A span processor that remembers the spans of the most recent traces (a bounded buffer of
 * {@code mangaassist.traces.recent-capacity} traces) so that, once a request turns out slow, its
 * whole waterfall can be kept ({@link #keepSlow}) even though its spans ended before anyone knew.
 */
@Component
public class WaterfallRecorder implements SpanProcessor {

    private final SlowTraceStore store;
    private final int recentCapacity;
    private final int maxSpans;
    private final LinkedHashMap<String, List<SpanRecord>> recent;

    @org.springframework.beans.factory.annotation.Autowired
    public WaterfallRecorder(SlowTraceStore store, TraceSettings settings) {
        this(store, settings.recentCapacity(), settings.maxSpans());
    }

    public WaterfallRecorder(SlowTraceStore store, int recentCapacity, int maxSpans) {
        this.store = store;
        this.recentCapacity = recentCapacity;
        this.maxSpans = maxSpans;
        this.recent = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<SpanRecord>> eldest) {
                return size() > WaterfallRecorder.this.recentCapacity;
            }
        };
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        SpanRecord record = toRecord(span.toSpanData());
        if (store.addIfKept(record)) {
            return;
        }
        synchronized (recent) {
            List<SpanRecord> spans = recent.computeIfAbsent(record.traceId(), id -> new ArrayList<>());
            if (spans.size() < maxSpans) {
                spans.add(record);
            }
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /** Moves a trace's spans so far into the slow-trace store; later spans of it follow there. */
    public void keepSlow(String traceId, String requestId, long firstTokenMs, long totalMs) {
        List<SpanRecord> spans;
        synchronized (recent) {
            spans = recent.remove(traceId);
        }
        store.keep(traceId, requestId, firstTokenMs, totalMs, spans == null ? List.of() : spans);
    }

    private static SpanRecord toRecord(SpanData data) {
        Map<String, String> attributes = new LinkedHashMap<>();
        data.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
        String parent = data.getParentSpanContext().isValid() ? data.getParentSpanId() : null;
        return new SpanRecord(data.getTraceId(), data.getSpanId(), parent, data.getName(), data.getKind().name(),
                data.getStartEpochNanos(), data.getEndEpochNanos(), data.getStatus().getStatusCode().name(), attributes);
    }
}
