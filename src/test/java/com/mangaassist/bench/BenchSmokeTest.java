package com.mangaassist.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.LocalProfileTest;

/**
 * A smoke of `make bench` in CI: the warm-up's two ways to end (the JIT quiet after the minimum, or
 * the maximum reached), 50 closed-loop sessions for 10 s, then a short open-loop run at
 * low rates (3 and 6 questions/s), then the idle-connection heap, finish with zero errors and write
 * every report file.
 */
@LocalProfileTest
class BenchSmokeTest {

    @LocalServerPort
    int httpPort;

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Value("${mangaassist.local.bedrock.port}")
    int bedrockPort;

    @Test
    void closedAndOpenLoopRunsWithoutErrorsAndWriteEveryReportFile() throws Exception {
        Path out = Path.of("target", "bench-smoke");
        URI ws = URI.create("ws://127.0.0.1:" + wsPort + "/chat");
        URI bedrock = URI.create("http://127.0.0.1:" + bedrockPort);
        Bench bench = new Bench("http://127.0.0.1:" + httpPort);
        ServiceProbe probe = new ServiceProbe("http://127.0.0.1:" + httpPort);
        // any share counts as quiet: it ends after the first slice that reaches the minimum
        JitWarmup.Result quiet = JitWarmup.run(ws, probe, new JitWarmup.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(30), 1e9), System.out::println);
        assertThat(quiet.quiet()).isTrue();
        assertThat(quiet.length()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
        assertThat(quiet.lastJitShare()).isNotNaN().isNotNegative();
        // no share is quiet: it ends at the maximum, and says so
        JitWarmup.Result capped = JitWarmup.run(ws, probe, new JitWarmup.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(5), -1), System.out::println);
        assertThat(capped.quiet()).isFalse();
        assertThat(capped.length()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(capped.describe()).contains("still above the target");
        BenchReport report = bench.run(ws, bedrock, List.of(new Scenario(50, 0.3, Duration.ofSeconds(10), Duration.ofSeconds(2))),
                Duration.ofSeconds(3), System.out::println);
        CapacitySearch.Result capacity = CapacitySearch.run(ws, bedrock, probe,
                new CapacitySearch.Settings(3, 2, 6, Duration.ofSeconds(6), 0, 20, 0, Duration.ofSeconds(3),
                        2, Duration.ofSeconds(4), 0), System.out::println);
        report.capacity(capacity);
        // at these low rates every question's first frame is a token, well within the promise, and none is refused
        for (RateResult step : capacity.steps()) {
            assertThat(step.withinPromiseShare()).isEqualTo(1.0);
            assertThat(step.refusals.getTotalCount()).isZero();
            assertThat(step.promises()).startsWith("first frame within 3 s 100.00%, refused 0");
            // the load drops to 2/s at once; nothing was degraded, so nothing is left to recover from
            assertThat(step.after.sent.get()).isPositive();
            assertThat(step.after.fullShare()).isEqualTo(1.0);
            assertThat(step.after.lastNotFullSeconds()).isZero();
        }
        bench.idleHeap(ws, 100, report, System.out::println);
        report.placement("test JVM: not pinned");
        report.warmup(quiet.describe());
        report.write(out);

        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode scenario = json.path("scenarios").get(0);
        assertThat(scenario.path("errors").asLong()).as("errors: %s", scenario.path("errorKinds")).isZero();
        assertThat(scenario.path("answered").asLong()).isGreaterThan(50);
        assertThat(scenario.path("ttftMs").path("p95").asDouble()).isPositive();
        assertThat(scenario.path("baselineTtftMs").path("count").asLong()).isPositive();
        assertThat(scenario.path("cacheHitTotalMs").path("count").asLong()).isPositive();
        assertThat(scenario.path("embeddingCpuMsPerRequest").asDouble()).isPositive();
        // the JIT's part of the CPU, read from the service (a freshly started JVM is still compiling)
        assertThat(scenario.path("jitMsPerRequest").asDouble()).isPositive();

        JsonNode steps = json.path("capacity").path("steps");
        assertThat(steps).hasSize(2);
        for (JsonNode step : steps) {
            assertThat(step.path("errors").asLong()).as("open-loop errors: %s", step.path("errorKinds")).isZero();
            // every question sent was answered: the generator waited for the stragglers
            assertThat(step.path("answered").asLong()).isEqualTo(step.path("sent").asLong()).isPositive();
            assertThat(step.path("serviceCpuMsPerRequest").asDouble()).isPositive();
            assertThat(step.path("firstFrameWithin3sShare").asDouble()).isEqualTo(1.0);
            assertThat(step.path("afterLoadDrops").path("fullShare").asDouble()).isEqualTo(1.0);
        }
        assertThat(steps.get(1).path("offeredPerSecond").asDouble()).isEqualTo(6.0);
        assertThat(json.path("capacity").path("capacityAtSloPerSecond").isNumber()).isTrue();
        // without bench.capacity.baseline-rate the stand-in alone is measured at the capacity
        assertThat(json.path("capacity").path("baselinePerSecond").asDouble())
                .isEqualTo(json.path("capacity").path("capacityAtSloPerSecond").asDouble());
        assertThat(json.path("heapPerIdleConnectionKb").isNumber()).isTrue();
        assertThat(json.path("warmup").asText()).isEqualTo(quiet.describe());
        assertThat(Files.readString(out.resolve("report.md"))).contains("| 50 sessions, 30% cache-hit mix |").contains("Warm-up: " + quiet.describe())
                .contains("## Capacity at SLO (open loop)").contains("## Targets");
        assertThat(Files.readString(out.resolve("capacity.svg"))).startsWith("<svg").contains("<polyline").contains("TTFT p95");
    }
}
