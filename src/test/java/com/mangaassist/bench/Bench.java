package com.mangaassist.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.config.DaemonThreads;

/**
 * {@code make bench}: runs the scenarios against a running local-profile service, each with its
 * stand-in baseline, measures the server's heap per idle session and CPU per request through
 * Jolokia, and writes target/bench/report.md and report.json. Settings are system properties
 * (docs/performance.md ("Performance")).
 */
public final class Bench {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String httpBase;

    Bench(String httpBase) {
        this.httpBase = httpBase;
    }

    public static void main(String[] args) throws Exception {
        String httpBase = System.getProperty("bench.http", "http://127.0.0.1:8080");
        URI ws = URI.create(System.getProperty("bench.ws", "ws://127.0.0.1:8181/chat"));
        URI bedrock = URI.create(System.getProperty("bench.bedrock", "http://127.0.0.1:8090"));
        Duration duration = Duration.parse("PT" + System.getProperty("bench.duration", "60s").toUpperCase());
        Duration think = Duration.parse("PT" + System.getProperty("bench.think", "5s").toUpperCase());
        Duration baselineDuration = Duration.parse("PT" + System.getProperty("bench.baseline-duration", "30s").toUpperCase());
        int idle = Integer.getInteger("bench.idle-sessions", 1000);
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        List<Scenario> scenarios = new ArrayList<>();
        for (String spec : System.getProperty("bench.scenarios", "1:miss:1,1:mix:1,100:miss:5,100:mix:5,1000:miss:20,1000:mix:20,10000:miss:60,10000:mix:60").split(",")) {
            scenarios.add(Scenario.parse(spec, duration, think));
        }
        Duration warmup = Duration.parse("PT" + System.getProperty("bench.warmup", "30s").toUpperCase());
        Bench bench = new Bench(httpBase);
        bench.awaitReady(Duration.ofMinutes(3));
        if (!warmup.isZero()) {
            // JIT, connection pools and the index's caches warm up first, as in a service that has run a while
            System.out.println("Warm-up: 20 sessions for " + warmup.toSeconds() + " s (not reported)");
            try (LoadGenerator generator = new LoadGenerator(ws)) {
                generator.run(new Scenario(20, 0.3, warmup, Duration.ofSeconds(1)), line -> { });
            }
        }
        java.time.Instant loadStart = java.time.Instant.now();
        BenchReport report = bench.run(ws, bedrock, scenarios, baselineDuration, idle, System.out::println);
        report.write(out);
        // the profile summary looks only at samples taken while the scenarios ran
        java.nio.file.Files.writeString(out.resolve("load-window.txt"), loadStart + " " + java.time.Instant.now() + "\n");
        System.out.println("Bench report: " + out.resolve("report.md").toAbsolutePath());
        System.out.println(report.markdown());
    }

    BenchReport run(URI ws, URI bedrock, List<Scenario> scenarios, Duration baselineDuration, int idleSessions,
                    java.util.function.Consumer<String> progress) throws Exception {
        BenchReport report = new BenchReport();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, DaemonThreads.named("baseline"));
        try (LoadGenerator generator = new LoadGenerator(ws)) {
            for (Scenario scenario : scenarios) {
                progress.accept("Scenario: " + scenario.name() + ", think " + scenario.think().toMillis() + " ms, "
                        + scenario.duration().toSeconds() + " s");
                long cpuBefore = cpuNanos();
                ScenarioResult result = generator.run(scenario, progress);
                result.cpuNanos = cpuNanos() - cpuBefore;
                progress.accept("  baseline: the same sessions streaming straight from the Bedrock stand-in");
                StandInBaseline.run(bedrock, new Scenario(scenario.sessions(), 0, baselineDuration, scenario.think()), result, timers);
                report.add(result);
                progress.accept(String.format("  done: %d answered, %d errors", result.answered.get(), result.errors.get()));
            }
            if (idleSessions > 0) {
                long before = heapAfterGc();
                List<WebSocket> open = generator.openIdle(idleSessions);
                Thread.sleep(2000);
                long after = heapAfterGc();
                report.idleHeap(idleSessions, before, after);
                open.forEach(WebSocket::abort);
                progress.accept(String.format("Idle sessions: %d connected, heap %+d bytes = %.1f KB each",
                        idleSessions, after - before, (after - before) / 1024.0 / idleSessions));
            }
        } finally {
            timers.shutdownNow();
        }
        return report;
    }

    void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(httpBase + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("service at " + httpBase + " not ready within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    private long cpuNanos() throws Exception {
        return LoadGenerator.getJson(http, httpBase + "/actuator/jolokia/read/java.lang:type=OperatingSystem/ProcessCpuTime")
                .path("value").asLong();
    }

    private long heapAfterGc() throws Exception {
        for (int i = 0; i < 3; i++) {
            JsonNode gc = LoadGenerator.getJson(http, httpBase + "/actuator/jolokia/exec/java.lang:type=Memory/gc");
            if (gc.path("status").asInt() != 200) { // without the GC, "heap per session" would be garbage
                throw new IllegalStateException("the service refused the GC the heap measurement needs: " + gc);
            }
            Thread.sleep(300);
        }
        JsonNode usage = LoadGenerator.getJson(http, httpBase + "/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage");
        return usage.path("value").path("used").asLong();
    }
}
