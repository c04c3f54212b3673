package com.mangaassist.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each step of one request took (nanoseconds), by step name; the done frame's
 * {@code timings} in milliseconds to 0.1 ms (whole milliseconds could not show a 1 ms overhead).
 * Phase-1 branches record in parallel, hence the concurrent map.
 */
public final class StepTimings {

    /** From the message's arrival to its first visible token, and to its last frame. */
    public static final String FIRST_TOKEN = "e2e_first_token";
    public static final String TOTAL = "e2e_total";

    private final Map<String, Long> nanos = new ConcurrentHashMap<>();

    /** A time measured from the request's arrival ({@link #FIRST_TOKEN}, {@link #TOTAL}). */
    public void sinceArrival(String name, ChatRequest request, long nowNanos) {
        nanos.put(name, nowNanos - request.receivedAtNanos());
    }

    public void record(String step, long durationNanos) {
        nanos.put(step, durationNanos);
    }

    /** A step's nanoseconds, or -1 when it has not been recorded. */
    public long nanos(String step) {
        Long value = nanos.get(step);
        return value == null ? -1 : value;
    }

    /** Every step, sorted by name, in milliseconds to 0.1 ms. */
    public Map<String, Double> toMillis() {
        Map<String, Double> millis = new TreeMap<>();
        nanos.forEach((step, value) -> millis.put(step, toMillis(value)));
        return millis;
    }

    static double toMillis(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }
}
