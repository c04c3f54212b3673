package com.mangaassist.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The bench's warm-up: 20 sessions (30% cache hits) in slices, until the service's JIT compiler
 * spends less than {@code jitShare} of a slice's wall time compiling (and at least {@code min} has
 * passed), or {@code max} is reached. A fixed 30 s left the JIT compiling for minutes into the
 * measured scenarios, where it took most of the service's one core: at 100 sessions 35 of 49 ms
 * CPU per request was the JIT (docs/performance.md).
 */
final class JitWarmup {

    /** How long the warm-up ran, the JIT's share of its last slice, and whether it got under the share. */
    record Result(Duration length, double lastJitShare, boolean quiet) {

        String describe() {
            return String.format(Locale.ROOT, "%d s warm-up (20 sessions, not reported); the JIT compiled %.1f%% of its last slice%s",
                    length.toSeconds(), 100 * lastJitShare, quiet ? "" : ", still above the target when the maximum was reached");
        }
    }

    record Settings(Duration slice, Duration min, Duration max, double jitShare) {

        static Settings fromSystemProperties() {
            return new Settings(Bench.duration("bench.warmup-slice", "15s"), Bench.duration("bench.warmup-min", "30s"),
                    Bench.duration("bench.warmup", "300s"), Double.parseDouble(System.getProperty("bench.warmup-jit-share", "0.02")));
        }
    }

    private JitWarmup() {
    }

    static Result run(URI ws, ServiceProbe service, Settings settings, Consumer<String> progress) throws Exception {
        long start = System.nanoTime();
        try (LoadGenerator generator = new LoadGenerator(ws)) {
            while (true) {
                ServiceUsage before = service.usage();
                long sliceStart = System.nanoTime();
                generator.run(new Scenario(20, 0.3, settings.slice(), Duration.ofSeconds(1)), line -> { });
                double share = service.usage().since(before).jitMillis() / ((System.nanoTime() - sliceStart) / 1e6);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                progress.accept(String.format(Locale.ROOT, "  warm-up: %3d s, the JIT compiled %.1f%% of the last slice",
                        elapsed.toSeconds(), 100 * share));
                boolean quiet = share < settings.jitShare();
                if ((quiet && elapsed.compareTo(settings.min()) >= 0) || elapsed.compareTo(settings.max()) >= 0) {
                    return new Result(elapsed, share, quiet);
                }
            }
        }
    }
}
