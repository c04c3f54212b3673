package com.mangaassist.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Capacity at SLO: open-loop steps at rising arrival rates (x {@code factor} from {@code start})
 * until one breaks the SLO (p95 TTFT over 2 s, or fewer than 99% of answers {@code full}), then
 * {@code refine} bisections between the last rate that held and the first that did not. The
 * capacity is the highest rate that held; the stand-in baseline is measured at that rate. Between
 * steps the search waits for every circuit breaker to close again, so each step starts from a
 * service in its normal state.
 */
final class CapacitySearch {

    /**
     * Where the search starts and how it steps; {@code connections} open WebSockets carry the load. With
     * {@code afterRate > 0} each step is followed at once by {@code afterStep} at that rate (the load drops):
     * for an overload run, how soon the answers are all full again.
     */
    record Settings(double start, double factor, double max, Duration step, int refine, int connections,
                    double cacheHitShare, Duration baseline, double afterRate, Duration afterStep, double baselineRate) {

        static Settings fromSystemProperties() {
            return new Settings(Double.parseDouble(System.getProperty("bench.capacity.start", "10")),
                    Double.parseDouble(System.getProperty("bench.capacity.factor", "1.5")),
                    Double.parseDouble(System.getProperty("bench.capacity.max", "500")),
                    Bench.duration("bench.capacity.step", "20s"),
                    Integer.getInteger("bench.capacity.refine", 2),
                    Integer.getInteger("bench.capacity.connections", 500),
                    Double.parseDouble(System.getProperty("bench.capacity.cache-hit-share", "0")),
                    Bench.duration("bench.capacity.baseline", "20s"),
                    Double.parseDouble(System.getProperty("bench.capacity.after-rate", "0")),
                    Bench.duration("bench.capacity.after-step", "20s"),
                    Double.parseDouble(System.getProperty("bench.capacity.baseline-rate", "0")));
        }
    }

    /**
     * Every step in the order run, the capacity (0 = not even the first rate held) and the baseline at
     * {@code baselineRate}: the capacity, or the rate asked for (what the stand-in alone does at a target rate).
     */
    record Result(Settings settings, List<RateResult> steps, double capacity, double baselineRate, Histogram baselineTtft) {
    }

    private CapacitySearch() {
    }

    static Result run(URI ws, URI bedrock, ServiceProbe service, Settings settings, Consumer<String> progress) throws Exception {
        List<RateResult> steps = new ArrayList<>();
        RateResult held = null;
        RateResult broke = null;
        try (OpenLoopGenerator generator = new OpenLoopGenerator(ws, settings.connections())) {
            generator.open();
            service.awaitBreakersClosed(Duration.ofSeconds(60));
            for (double rate = settings.start(); rate <= settings.max() && broke == null; rate *= settings.factor()) {
                RateResult step = step(generator, service, rate, settings, progress);
                steps.add(step);
                if (step.meetsSlo()) {
                    held = step;
                } else {
                    broke = step;
                }
            }
            for (int i = 0; i < settings.refine() && held != null && broke != null; i++) {
                RateResult step = step(generator, service, (held.rate + broke.rate) / 2, settings, progress);
                steps.add(step);
                if (step.meetsSlo()) {
                    held = step;
                } else {
                    broke = step;
                }
            }
        }
        double capacity = held == null ? 0 : held.rate;
        double baselineRate = settings.baselineRate() > 0 ? settings.baselineRate() : capacity;
        Histogram baseline = new ConcurrentHistogram(3);
        if (baselineRate > 0) {
            progress.accept(String.format(Locale.ROOT, "  baseline: %.1f questions/s straight to the Bedrock stand-in", baselineRate));
            StandInBaseline.openLoop(bedrock, baselineRate, settings.baseline(), baseline);
            progress.accept(String.format(Locale.ROOT, "  baseline TTFT p50 / p95 %s ms", BenchReport.two(baseline)));
        }
        progress.accept(String.format(Locale.ROOT, "Capacity at SLO: %.1f questions/s", capacity));
        return new Result(settings, steps, capacity, baselineRate, baseline);
    }

    private static RateResult step(OpenLoopGenerator generator, ServiceProbe service, double rate, Settings settings,
                                   Consumer<String> progress) throws Exception {
        ServiceUsage before = service.usage();
        RateResult step = generator.run(rate, settings.step(), settings.cacheHitShare(), settings.afterRate(), settings.afterStep());
        step.usage = service.usage().since(before);
        progress.accept(String.format(Locale.ROOT, "  open loop %.1f/s: sent %d, answered %d, errors %d, TTFT p95 %.0f ms, full %.1f%% -> %s; %s",
                rate, step.sent.get(), step.answered.get(), step.errors(), step.p95TtftMs(), step.fullShare() * 100,
                step.meetsSlo() ? "holds" : "breaks", step.promises()));
        if (step.after != null) {
            progress.accept(String.format(Locale.ROOT, "    then %.1f/s: full %.1f%%, the last answer not full was sent %.1f s after the load dropped",
                    step.after.rate, step.after.fullShare() * 100, step.after.lastNotFullSeconds()));
        }
        Thread.sleep(3000); // queues and pools settle before the next rate
        service.awaitBreakersClosed(Duration.ofSeconds(60));
        return step;
    }
}
