package com.mangaassist.bench;

import java.util.Locale;

/**
 * What the service process itself spent: its CPU time and its embedding model's CPU time, as totals
 * read by {@link ServiceProbe#usage()}, or over a step ({@link #since}); per request for the reports.
 */
record ServiceUsage(long cpuNanos, double embeddingMillis) {

    static final ServiceUsage NONE = new ServiceUsage(0, 0);

    ServiceUsage since(ServiceUsage before) {
        return new ServiceUsage(cpuNanos - before.cpuNanos, embeddingMillis - before.embeddingMillis);
    }

    Double cpuMsPerRequest(long requests) {
        return requests == 0 ? null : round(cpuNanos / 1e6 / requests);
    }

    Double embeddingMsPerRequest(long requests) {
        return requests == 0 ? null : round(embeddingMillis / requests);
    }

    /** The two report cells: service CPU ms / request, and embedding CPU ms / request with its share. */
    String cells(long requests) {
        if (requests == 0) {
            return "- | -";
        }
        return String.format(Locale.ROOT, "%.1f | %.1f (%.0f%%)", cpuNanos / 1e6 / requests, embeddingMillis / requests,
                100 * embeddingMillis / (cpuNanos / 1e6));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
