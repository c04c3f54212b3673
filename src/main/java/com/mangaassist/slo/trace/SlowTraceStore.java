package com.mangaassist.slo.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Waterfalls of requests whose first token missed the SLO. Bounded: at most
 * {@code mangaassist.traces.slow-capacity} traces (oldest evicted), each at most
 * {@code mangaassist.traces.max-spans} spans. Spans that end after a trace was marked slow
 * (the root span, wireTaps) are still added to it.
 */
@Component
public class SlowTraceStore {

    /** A slow request: what the API lists, and its spans. */
    public record SlowTrace(String traceId, String requestId, long firstTokenMs, long totalMs, long atEpochMillis,
                            List<SpanRecord> spans) {
    }

    private final int capacity;
    private final int maxSpans;
    private final LinkedHashMap<String, SlowTrace> traces;

    @org.springframework.beans.factory.annotation.Autowired
    public SlowTraceStore(TraceSettings settings) {
        this(settings.slowCapacity(), settings.maxSpans());
    }

    public SlowTraceStore(int capacity, int maxSpans) {
        this.capacity = capacity;
        this.maxSpans = maxSpans;
        this.traces = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SlowTrace> eldest) {
                return size() > SlowTraceStore.this.capacity;
            }
        };
    }

    public synchronized void keep(String traceId, String requestId, long firstTokenMs, long totalMs,
                                  List<SpanRecord> spansSoFar) {
        List<SpanRecord> spans = new ArrayList<>(spansSoFar.subList(0, Math.min(spansSoFar.size(), maxSpans)));
        traces.put(traceId, new SlowTrace(traceId, requestId, firstTokenMs, totalMs, System.currentTimeMillis(), spans));
    }

    /**
     * Adds a late span to a trace already kept (the record made only then); false when the trace
     * is not (or no longer) kept.
     */
    public synchronized boolean addIfKept(String traceId, java.util.function.Supplier<SpanRecord> span) {
        SlowTrace trace = traces.get(traceId);
        if (trace == null) {
            return false;
        }
        if (trace.spans().size() < maxSpans) {
            trace.spans().add(span.get());
        }
        return true;
    }

    public synchronized List<SlowTrace> list() {
        List<SlowTrace> newestFirst = new ArrayList<>(traces.values());
        Collections.reverse(newestFirst);
        return newestFirst.stream().map(SlowTraceStore::copy).toList();
    }

    public synchronized Optional<SlowTrace> get(String traceId) {
        return Optional.ofNullable(traces.get(traceId)).map(SlowTraceStore::copy);
    }

    private static SlowTrace copy(SlowTrace t) {
        return new SlowTrace(t.traceId(), t.requestId(), t.firstTokenMs(), t.totalMs(), t.atEpochMillis(),
                List.copyOf(t.spans()));
    }
}
