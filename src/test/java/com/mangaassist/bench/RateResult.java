package com.mangaassist.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** What one open-loop step measured (microseconds in the histograms, from each intended send time). */
final class RateResult {

    final double rate;
    final Duration duration;
    final double cacheHitShare;
    final Histogram ttft = new ConcurrentHistogram(3);
    final Histogram total = new ConcurrentHistogram(3);
    /** To the first frame of any kind: a token, or an error such as overloaded (the promise: within 3 s). */
    final Histogram firstFrame = new ConcurrentHistogram(3);
    /** To the overloaded frame of a question the service refused. */
    final Histogram refusals = new ConcurrentHistogram(3);
    final AtomicLong sent = new AtomicLong();
    final AtomicLong answered = new AtomicLong();
    final Map<String, AtomicLong> levels = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
    long sendingMillis;
    /** When sending started, and the latest intended send time (since then) of a question not answered in full. */
    long startNanos;
    final AtomicLong lastNotFullMicros = new AtomicLong(-1);
    /** The step sent at a lower rate as soon as this one's sending stopped (null: none): how soon answers were full again. */
    RateResult after;
    /** The service process's own CPU and its embedding model's over the step (CapacitySearch fills it in). */
    ServiceUsage usage = ServiceUsage.NONE;

    RateResult(double rate, Duration duration, double cacheHitShare) {
        this.rate = rate;
        this.duration = duration;
        this.cacheHitShare = cacheHitShare;
    }

    void error(String kind) {
        errorKinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    void level(String level) {
        levels.computeIfAbsent(level, l -> new AtomicLong()).incrementAndGet();
    }

    /** A question sent {@code intendedNanos} was not answered in full (degraded, refused or failed). */
    void notFull(long intendedNanos) {
        lastNotFullMicros.accumulateAndGet((intendedNanos - startNanos) / 1000, Math::max);
    }

    /** Seconds into the step of the last question not answered in full; 0 when every one was. */
    double lastNotFullSeconds() {
        return Math.max(0, lastNotFullMicros.get()) / 1e6;
    }

    long errors() {
        return errorKinds.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Answers given in full, over every question sent (an error or a degraded answer is not full). */
    double fullShare() {
        long full = levels.getOrDefault("full", new AtomicLong()).get();
        return sent.get() == 0 ? 0 : (double) full / sent.get();
    }

    /** Questions whose first frame (token or error) came within the 3 s promise, over every question sent. */
    double withinPromiseShare() {
        return sent.get() == 0 ? 0 : (double) firstFrame.getCountBetweenValues(0, 3_000_000) / sent.get();
    }

    /** Answers given in full per second of the step. */
    double fullPerSecond() {
        return levels.getOrDefault("full", new AtomicLong()).get() / (double) duration.toSeconds();
    }

    /** How the step held its promises under load: first frames in time, refusals fast, full answers per second. */
    String promises() {
        return String.format(java.util.Locale.ROOT, "first frame within 3 s %.2f%%, refused %d (p99 %.0f ms), full %.1f/s",
                withinPromiseShare() * 100, refusals.getTotalCount(),
                refusals.getTotalCount() == 0 ? 0 : refusals.getValueAtPercentile(99) / 1000.0, fullPerSecond());
    }

    double achievedRate() {
        return sendingMillis == 0 ? 0 : sent.get() * 1000.0 / sendingMillis;
    }

    double p95TtftMs() {
        return ttft.getTotalCount() == 0 ? Double.POSITIVE_INFINITY : ttft.getValueAtPercentile(95) / 1000.0;
    }

    /** The SLO: p95 first token within 2 s and at least 99% of the answers full. */
    boolean meetsSlo() {
        return p95TtftMs() <= 2000 && fullShare() >= 0.99;
    }

    Map<String, Long> counts(Map<String, AtomicLong> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((key, count) -> copy.put(key, count.get()));
        return copy;
    }
}
