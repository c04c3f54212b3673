package com.mangaassist.chat;

/**
 * The pipeline's limit of requests in flight, following measured latency: a gradient limiter (the
 * idea of Netflix concurrency-limits' Gradient2). Each finished request gives a sample, its time from
 * admission to its first visible frame. A short average (about the last 10 samples) is compared with
 * a long one (about the last 500, the service's normal): while the short one stays within
 * {@link #TOLERANCE} times the long one the limit grows by about its square root per sample; when
 * requests get slower than that (they wait for the core, a pool, a backend) it shrinks in proportion,
 * at most to half per sample, smoothed. It moves only between the floor and the ceiling, and does not
 * grow while the pipeline uses less than half of it (latency then says nothing about the limit).
 * The long average drifts down faster than it rises once latency falls back, so the limit recovers.
 *
 * <p>Under a long overload the long average learns the slow latency as normal (the limiter's known
 * weakness), so what it may call normal is capped: requests slower than {@code targetNanos} shrink
 * the limit however long they have been so.
 *
 * <p>A request that ran out of time somewhere (a step timed out, or the canned answer stood in for the
 * models) is a drop, whatever its latency: a degraded answer comes fast and would otherwise read as
 * a healthy sample. A drop cuts the limit by a tenth, at most once per usual latency (as TCP halves
 * its window once per round trip), so a burst of drops from one overload is one cut, not a collapse;
 * and, like latency, only while half the limit is in use. A drop that came late (its first frame at
 * least {@code targetNanos} after admission: a step ran into its timeout) is also a latency sample,
 * counted as twice the target: its real latency is unknown (the step was cut off), and leaving it
 * out would let the few requests that survive an overload, the fast ones, grow the limit while most
 * time out (a 2x overload run: the limit held near its ceiling with seven answers in ten canned). A
 * fast drop (an open breaker's canned answer) says nothing about load and is no sample.
 */
final class AdaptiveLimit {

    static final double TOLERANCE = 1.5;
    private static final double SHORT_WEIGHT = 0.1;
    private static final double LONG_WEIGHT = 0.002;
    private static final double SMOOTHING = 0.2;
    private static final double DROP_FACTOR = 0.9;
    private static final long MIN_CUT_INTERVAL_NANOS = 100_000_000L;

    private final int floor;
    private final int ceiling;
    private final double targetNanos;
    private double limit;
    private double shortNanos;
    private double longNanos;
    private long samples;
    private long lastCutNanos = Long.MIN_VALUE / 2;

    AdaptiveLimit(int floor, int ceiling, int initial, long targetNanos) {
        this.targetNanos = targetNanos;
        this.floor = Math.min(floor, ceiling);
        this.ceiling = ceiling;
        this.limit = clamp(initial, this.floor, ceiling);
    }

    synchronized int current() {
        return (int) limit;
    }

    /** The usual time from admission to a first frame (the long average), 0 before any sample. */
    synchronized long usualNanos() {
        return (long) longNanos;
    }

    /** One finished request's time from admission to its first frame, with the requests in flight when it finished. */
    synchronized int sample(long nanos, int inFlight) {
        return update(nanos, inFlight, false);
    }

    /** A {@code censored} sample (a late drop's stand-in latency) moves the short average only: it is not the normal. */
    private int update(long nanos, int inFlight, boolean censored) {
        if (samples++ == 0) {
            shortNanos = nanos;
            longNanos = nanos;
            return current();
        }
        shortNanos += (nanos - shortNanos) * SHORT_WEIGHT;
        if (!censored) {
            longNanos += (nanos - longNanos) * LONG_WEIGHT;
        }
        if (longNanos > 2 * shortNanos) {
            longNanos *= 0.95; // latency fell well below the old normal: the normal follows it down
        }
        if (inFlight < limit / 2) {
            return current();
        }
        double gradient = clamp(Math.min(TOLERANCE * longNanos, targetNanos) / shortNanos, 0.5, 1.0);
        double next = limit * gradient + Math.sqrt(limit);
        limit = clamp(limit * (1 - SMOOTHING) + next * SMOOTHING, floor, ceiling);
        return current();
    }

    /**
     * A request that ran out of time ({@code nowNanos}: when it finished, System.nanoTime's scale;
     * {@code nanos}: its time from admission to its first frame, or -1), with the requests in flight
     * when it finished. As for latency, only while at least half the
     * limit is in use: a backend that hangs at light load times requests out however few run, and
     * cutting then would leave the limit at its floor, refusing the next burst, with no load to
     * grow it back.
     */
    synchronized int dropped(long nowNanos, int inFlight, long nanos) {
        if (inFlight >= limit / 2 && nowNanos - lastCutNanos >= Math.max(longNanos, MIN_CUT_INTERVAL_NANOS)) {
            limit = clamp(limit * DROP_FACTOR, floor, ceiling);
            lastCutNanos = nowNanos;
        }
        if (nanos >= targetNanos && samples > 0) {
            update(Math.max(nanos, 2 * (long) targetNanos), inFlight, true);
        }
        return current();
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
