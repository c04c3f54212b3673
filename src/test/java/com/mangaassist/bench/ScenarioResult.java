package com.mangaassist.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** What one scenario measured at the client (microseconds in the histograms). */
final class ScenarioResult {

    final Scenario scenario;
    final Histogram ttft = new ConcurrentHistogram(3);
    final Histogram total = new ConcurrentHistogram(3);
    final Histogram overhead = new ConcurrentHistogram(3);
    /** The retrieval step's own time (done.timings.rag), in microseconds, for the answers that searched. */
    final Histogram rag = new ConcurrentHistogram(3);
    final Histogram cacheHitTotal = new ConcurrentHistogram(3);
    final Histogram baselineTtft = new ConcurrentHistogram(3);
    final AtomicLong sent = new AtomicLong();
    final AtomicLong answered = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final Map<String, AtomicLong> levels = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
    /** The service process's own CPU and its embedding model's over the scenario (Bench fills it in). */
    ServiceUsage usage = ServiceUsage.NONE;
    long wallMillis;

    ScenarioResult(Scenario scenario) {
        this.scenario = scenario;
    }

    void error(String kind) {
        errors.incrementAndGet();
        errorKinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    Map<String, Long> levels() {
        Map<String, Long> copy = new TreeMap<>();
        levels.forEach((level, count) -> copy.put(level, count.get()));
        return copy;
    }

    Map<String, Long> errorKinds() {
        Map<String, Long> copy = new TreeMap<>();
        errorKinds.forEach((kind, count) -> copy.put(kind, count.get()));
        return copy;
    }
}
