package com.mangaassist.ingress;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One token bucket per key (a user, a connection): {@code capacity} requests at once, refilled at
 * {@code perSecond}. Bounded: at most {@code maxKeys} buckets, the least recently used forgotten
 * (a forgotten key starts again with a full bucket).
 */
public class TokenBuckets {

    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoClock;
    private final Map<String, double[]> buckets; // [tokens, last refill nanos]

    public TokenBuckets(double capacity, double perSecond, int maxKeys, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** 0 when a token was taken; otherwise how many ms until one will be there (nothing taken). */
    public synchronized long tryTake(String key) {
        long now = nanoClock.getAsLong();
        double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {capacity, now});
        bucket[0] = Math.min(capacity, bucket[0] + (now - bucket[1]) * perNano);
        bucket[1] = now;
        if (bucket[0] >= 1) {
            bucket[0] -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - bucket[0]) / perNano / 1e6));
    }
}
