package com.mangaassist.bench;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.mangaassist.config.DaemonThreads;

/**
 * {@code make bench}: against a running local-profile service (its backends in another process),
 * runs the open-loop capacity search ({@link CapacitySearch}), then the closed-loop scenarios, each
 * with its stand-in baseline, then measures the service's heap per idle connection, and writes
 * target/bench/report.md, report.json and capacity.svg. Settings are system properties
 * (docs/performance.md).
 */
public final class Bench {

    private final ServiceProbe service;

    Bench(String httpBase) {
        this.service = new ServiceProbe(httpBase);
    }

    static Duration duration(String property, String fallback) {
        return Duration.parse("PT" + System.getProperty(property, fallback).toUpperCase());
    }

    public static void main(String[] args) throws Exception {
        String httpBase = System.getProperty("bench.http", "http://127.0.0.1:8080");
        URI ws = URI.create(System.getProperty("bench.ws", "ws://127.0.0.1:8181/chat"));
        URI bedrock = URI.create(System.getProperty("bench.bedrock", "http://127.0.0.1:8090"));
        Duration duration = duration("bench.duration", "60s");
        Duration think = duration("bench.think", "5s");
        Duration baselineDuration = duration("bench.baseline-duration", "30s");
        int idle = Integer.getInteger("bench.idle-connections", 4000);
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        List<Scenario> scenarios = new ArrayList<>();
        String specs = System.getProperty("bench.scenarios", "1:miss:1,1:mix:1,100:miss:5,100:mix:5,1000:miss:20,1000:mix:20,10000:miss:60,10000:mix:60");
        for (String spec : specs.isBlank() ? new String[0] : specs.split(",")) {
            scenarios.add(Scenario.parse(spec, duration, think));
        }
        JitWarmup.Settings warmup = JitWarmup.Settings.fromSystemProperties();
        Bench bench = new Bench(httpBase);
        bench.service.awaitReady(Duration.ofMinutes(3));
        String warmedUp = "none";
        if (!warmup.max().isZero()) {
            // JIT, connection pools and the index's caches warm up first, as in a service that has run a while
            System.out.println("Warm-up: 20 sessions until the JIT is quiet, at most " + warmup.max().toSeconds() + " s (not reported)");
            warmedUp = JitWarmup.run(ws, bench.service, warmup, System.out::println).describe();
            System.out.println("Warm-up: " + warmedUp);
        }
        java.time.Instant loadStart = java.time.Instant.now();
        CapacitySearch.Result capacity = null;
        if (Boolean.parseBoolean(System.getProperty("bench.capacity", "true"))) {
            capacity = CapacitySearch.run(ws, bedrock, bench.service, CapacitySearch.Settings.fromSystemProperties(),
                    System.out::println);
            Thread.sleep(5_000); // the last step overloaded the service: breakers close and queues drain first
            bench.service.awaitBreakersClosed(Duration.ofSeconds(60));
        }
        BenchReport report = bench.run(ws, bedrock, scenarios, baselineDuration, System.out::println);
        if (capacity != null) {
            report.capacity(capacity);
        }
        java.time.Instant loadEnd = java.time.Instant.now();
        bench.idleHeap(ws, idle, report, System.out::println);
        report.placement(System.getProperty("bench.placement", "not pinned: service, backends and generator share every core"));
        report.warmup(warmedUp);
        report.write(out);
        // the profile summary looks only at samples taken while the scenarios ran
        java.nio.file.Files.writeString(out.resolve("load-window.txt"), loadStart + " " + loadEnd + "\n");
        System.out.println("Bench report: " + out.resolve("report.md").toAbsolutePath());
        System.out.println(report.markdown());
    }

    BenchReport run(URI ws, URI bedrock, List<Scenario> scenarios, Duration baselineDuration,
                    java.util.function.Consumer<String> progress) throws Exception {
        BenchReport report = new BenchReport();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, DaemonThreads.named("baseline"));
        try (LoadGenerator generator = new LoadGenerator(ws)) {
            for (Scenario scenario : scenarios) {
                progress.accept("Scenario: " + scenario.name() + ", think " + scenario.think().toMillis() + " ms, "
                        + scenario.duration().toSeconds() + " s");
                ServiceUsage before = service.usage();
                ScenarioResult result = generator.run(scenario, progress);
                result.usage = service.usage().since(before);
                progress.accept("  baseline: the same sessions streaming straight from the Bedrock stand-in");
                StandInBaseline.run(bedrock, new Scenario(scenario.sessions(), 0, baselineDuration, scenario.think()), result, timers);
                report.add(result);
                progress.accept(String.format("  done: %d answered, %d errors", result.answered.get(), result.errors.get()));
            }
        } finally {
            timers.shutdownNow();
        }
        return report;
    }

    /**
     * Heap per idle connection: heap after full GCs with none, half and all of {@code count} extra
     * connections open; the per-connection cost is the second half's slope (a one-off cost of the
     * first connections, such as a lazily built pool, falls in the first half, reported beside it).
     * Thousands of connections lift it well above GC noise.
     */
    void idleHeap(URI ws, int count, BenchReport report, java.util.function.Consumer<String> progress) throws Exception {
        if (count <= 0) {
            return;
        }
        try (LoadGenerator generator = new LoadGenerator(ws)) {
            long none = service.heapAfterGc();
            List<WebSocket> open = new ArrayList<>(generator.openIdle(count / 2));
            Thread.sleep(1000);
            long half = service.heapAfterGc();
            open.addAll(generator.openIdle(count - count / 2));
            Thread.sleep(1000);
            long all = service.heapAfterGc();
            open.forEach(WebSocket::abort);
            report.idleHeap(count, none, half, all);
            progress.accept(String.format("Idle connections: heap %d / %d / %d bytes at 0 / %d / %d connections",
                    none, half, all, count / 2, count));
        }
    }
}
