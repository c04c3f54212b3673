package com.mangaassist.slo.trace;

import java.util.Map;

/** One finished span as the waterfall shows it; times are epoch nanoseconds. */
public record SpanRecord(String traceId, String spanId, String parentSpanId, String name, String kind,
                         long startEpochNanos, long endEpochNanos, String status, Map<String, String> attributes) {
}
