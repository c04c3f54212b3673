package com.mangaassist.bench;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/** Open-loop arrivals: exponential gaps at {@code rate} per second for {@code duration}, each handed its intended send time. */
final class PoissonArrivals {

    private PoissonArrivals() {
    }

    static void run(double rate, Duration duration, LongConsumer sendAt) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long intended = start;
        while (true) {
            intended += Math.round(-Math.log(1 - ThreadLocalRandom.current().nextDouble()) / rate * 1e9);
            if (intended >= end) {
                return;
            }
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sendAt.accept(intended);
        }
    }
}
