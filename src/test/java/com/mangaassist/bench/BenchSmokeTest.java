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

/** A smoke of `make bench` in CI: 50 sessions for 20 s complete with zero errors and write both report files. */
@LocalProfileTest
class BenchSmokeTest {

    @LocalServerPort
    int httpPort;

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Value("${mangaassist.local.bedrock.port}")
    int bedrockPort;

    @Test
    void fiftySessionsForTwentySecondsWithoutErrors() throws Exception {
        Path out = Path.of("target", "bench-smoke");
        Bench bench = new Bench("http://127.0.0.1:" + httpPort);
        BenchReport report = bench.run(URI.create("ws://127.0.0.1:" + wsPort + "/chat"),
                URI.create("http://127.0.0.1:" + bedrockPort),
                List.of(new Scenario(50, 0.3, Duration.ofSeconds(20), Duration.ofSeconds(2))),
                Duration.ofSeconds(5), 50, System.out::println);
        report.write(out);

        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode scenario = json.path("scenarios").get(0);
        assertThat(scenario.path("errors").asLong()).as("errors: %s", scenario.path("errorKinds")).isZero();
        assertThat(scenario.path("answered").asLong()).isGreaterThan(100);
        assertThat(scenario.path("ttftMs").path("p95").asDouble()).isPositive();
        assertThat(scenario.path("baselineTtftMs").path("count").asLong()).isPositive();
        assertThat(scenario.path("cacheHitTotalMs").path("count").asLong()).isPositive();
        assertThat(json.path("heapPerIdleSessionKb").isNumber()).isTrue();
        assertThat(Files.readString(out.resolve("report.md"))).contains("| 50 sessions, 30% cache-hit mix |").contains("## Targets");
    }
}
