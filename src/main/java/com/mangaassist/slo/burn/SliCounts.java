package com.mangaassist.slo.burn;

import java.time.Duration;

/**
 * Good/bad request counts in fixed time buckets on a ring: memory is bounded by
 * {@code span / bucket}, whatever the traffic. Not thread-safe on its own (the monitor locks).
 */
final class SliCounts {

    private final long bucketMillis;
    private final long[] bucketStart;
    private final long[] total;
    private final long[] bad;

    SliCounts(Duration bucket, Duration span) {
        this.bucketMillis = bucket.toMillis();
        int buckets = (int) (span.toMillis() / bucketMillis) + 1;
        this.bucketStart = new long[buckets];
        this.total = new long[buckets];
        this.bad = new long[buckets];
        java.util.Arrays.fill(bucketStart, Long.MIN_VALUE);
    }

    void add(long nowMillis, boolean isBad) {
        long start = nowMillis - Math.floorMod(nowMillis, bucketMillis);
        int slot = (int) Math.floorMod(start / bucketMillis, (long) bucketStart.length);
        if (bucketStart[slot] != start) {
            bucketStart[slot] = start; // a bucket from a full turn ago: reuse it
            total[slot] = 0;
            bad[slot] = 0;
        }
        total[slot]++;
        if (isBad) {
            bad[slot]++;
        }
    }

    /** {total, bad} over the window ending now (whole buckets; the current one included). */
    long[] window(long nowMillis, Duration window) {
        long from = nowMillis - window.toMillis();
        long sumTotal = 0;
        long sumBad = 0;
        for (int i = 0; i < bucketStart.length; i++) {
            long start = bucketStart[i];
            if (start != Long.MIN_VALUE && start + bucketMillis > from && start <= nowMillis) {
                sumTotal += total[i];
                sumBad += bad[i];
            }
        }
        return new long[] {sumTotal, sumBad};
    }
}
