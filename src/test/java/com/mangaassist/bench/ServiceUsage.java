package com.mangaassist.bench;

import java.util.Locale;

/**
 * What the service process itself spent: its CPU time, its embedding model's CPU time and the JIT
 * compiler's time, as totals read by {@link ServiceProbe#usage()}, or over a step ({@link #since});
 * per request for the reports.
 *
 * <p>The JIT's part is the JVM's own compilation time (the Compilation MXBean's elapsed time; the
 * compiler threads are CPU-bound, so close to their CPU). It is part of the process CPU, and it keeps
 * going for minutes after start on a code base this size: a short run's CPU per request is mostly JIT.
 */
record ServiceUsage(long cpuNanos, double embeddingMillis, double jitMillis) {

    static final ServiceUsage NONE = new ServiceUsage(0, 0, 0);

    ServiceUsage since(ServiceUsage before) {
        return new ServiceUsage(cpuNanos - before.cpuNanos, embeddingMillis - before.embeddingMillis, jitMillis - before.jitMillis);
    }

    Double cpuMsPerRequest(long requests) {
        return requests == 0 ? null : round(cpuNanos / 1e6 / requests);
    }

    Double embeddingMsPerRequest(long requests) {
        return requests == 0 ? null : round(embeddingMillis / requests);
    }

    Double jitMsPerRequest(long requests) {
        return requests == 0 ? null : round(jitMillis / requests);
    }

    /** The report cells: service CPU ms / request, and of it the JIT's and the embedding model's (with its share). */
    String cells(long requests) {
        if (requests == 0) {
            return "- | - | -";
        }
        return String.format(Locale.ROOT, "%.1f | %.1f | %.1f (%.0f%%)", cpuNanos / 1e6 / requests, jitMillis / requests,
                embeddingMillis / requests, 100 * embeddingMillis / (cpuNanos / 1e6));
    }

    static final String HEADERS = "service CPU ms / request | of it JIT compiling ms / request | embedding CPU ms / request (share)";

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
