package com.mangaassist.report;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * One hour of latency: a mergeable HdrHistogram per series (each step, {@code e2e_first_token},
 * {@code e2e_total}; milliseconds, 2 significant digits = 1% precision) and counters (answers,
 * answers without a first token, degraded answers by level).
 */
public final class HourRollup {

    /** Longest latency kept exactly; anything slower is recorded as this. */
    static final long MAX_MS = 120_000;

    private final Map<String, Histogram> histograms = new TreeMap<>();
    private final Map<String, Long> counters = new TreeMap<>();

    public synchronized void record(String series, long millis) {
        histograms.computeIfAbsent(series, s -> new Histogram(MAX_MS, 2)).recordValue(Math.max(0, Math.min(MAX_MS, millis)));
    }

    public synchronized void count(String counter, long by) {
        counters.merge(counter, by, Long::sum);
    }

    synchronized void add(String series, Histogram histogram) {
        histograms.computeIfAbsent(series, s -> new Histogram(MAX_MS, 2)).add(histogram);
    }

    /** Adds another hour's (another replica's) data into this one. */
    public synchronized void merge(HourRollup other) {
        other.histograms.forEach((series, h) -> histograms.computeIfAbsent(series, s -> new Histogram(MAX_MS, 2)).add(h));
        other.counters.forEach((name, value) -> counters.merge(name, value, Long::sum));
    }

    public synchronized Map<String, Histogram> histograms() {
        Map<String, Histogram> copy = new TreeMap<>();
        histograms.forEach((series, h) -> copy.put(series, h.copy()));
        return copy;
    }

    public synchronized Map<String, Long> counters() {
        return new TreeMap<>(counters);
    }

    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), MAX_MS);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalArgumentException("not an encoded histogram", e);
        }
    }
}
