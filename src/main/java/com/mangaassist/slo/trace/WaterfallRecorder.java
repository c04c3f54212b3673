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
 * A span processor that remembers the spans of traces still undecided (a bounded buffer of
 * {@code mangaassist.traces.recent-capacity} traces) so that, once a request turns out slow, its
 * whole waterfall can be kept ({@link #keepSlow}) even though its spans ended before anyone knew.
 * A request in time lets go of its spans at once ({@link #discard}), and its later spans are not
 * buffered: spans held until 2,000 later traces pushed them out outlived young collections, filled
 * the old generation with garbage and cost a full GC (170 ms on one core) every 20 s at 16 answers/s.
 * Spans are buffered as the SDK's own snapshots and converted only for a kept trace.
 */
@Component
public class WaterfallRecorder implements SpanProcessor {

    private final SlowTraceStore store;
    private final int maxSpans;
    private final LinkedHashMap<String, List<SpanData>> recent;
    /** Traces whose request was in time: their spans that end later (saves, audit) are dropped. */
    private final LinkedHashMap<String, Boolean> discarded;

    @org.springframework.beans.factory.annotation.Autowired
    public WaterfallRecorder(SlowTraceStore store, TraceSettings settings) {
        this(store, settings.recentCapacity(), settings.maxSpans());
    }

    public WaterfallRecorder(SlowTraceStore store, int recentCapacity, int maxSpans) {
        this.store = store;
        this.maxSpans = maxSpans;
        this.recent = oldestEvicted(recentCapacity);
        this.discarded = oldestEvicted(recentCapacity);
    }

    /** Insertion-ordered, the oldest entry evicted beyond {@code capacity}. */
    private static <V> LinkedHashMap<String, V> oldestEvicted(int capacity) {
        return new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
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
        SpanData data = span.toSpanData();
        String traceId = data.getTraceId();
        // under one lock with keepSlow: a span ending while its trace moves to the store is not lost
        synchronized (recent) {
            if (discarded.containsKey(traceId) || store.addIfKept(traceId, () -> toRecord(data))) {
                return;
            }
            List<SpanData> spans = recent.computeIfAbsent(traceId, id -> new ArrayList<>());
            if (spans.size() < maxSpans) {
                spans.add(data);
            }
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /** Moves a trace's spans so far into the slow-trace store; later spans of it follow there. */
    public void keepSlow(String traceId, String requestId, long firstTokenMs, long totalMs) {
        synchronized (recent) {
            List<SpanData> spans = recent.remove(traceId);
            store.keep(traceId, requestId, firstTokenMs, totalMs,
                    spans == null ? List.of() : spans.stream().map(WaterfallRecorder::toRecord).toList());
        }
    }

    /** A request in time: its trace is not kept, neither its spans so far nor the ones that end later. */
    public void discard(String traceId) {
        synchronized (recent) {
            recent.remove(traceId);
            discarded.put(traceId, Boolean.TRUE);
        }
    }

    /** Traces buffered, waiting for their request's verdict (tests, and a leak would show here). */
    int buffered() {
        synchronized (recent) {
            return recent.size();
        }
    }

    private static SpanRecord toRecord(SpanData data) {
        Map<String, String> attributes = new LinkedHashMap<>();
        data.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
        String parent = data.getParentSpanContext().isValid() ? data.getParentSpanId() : null;
        return new SpanRecord(data.getTraceId(), data.getSpanId(), parent, data.getName(), data.getKind().name(),
                data.getStartEpochNanos(), data.getEndEpochNanos(), data.getStatus().getStatusCode().name(), attributes);
    }
}
