package com.mangaassist.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the bench reads from the service process itself: its CPU time and its JIT compilation time
 * (Jolokia, the JVM's own process: the backends and the generator are other processes), the time its embedding model
 * took (the {@code mangaassist.embedding.cpu} counter, native ONNX time JFR cannot see), and
 * its heap after a full GC.
 */
final class ServiceProbe {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String httpBase;

    ServiceProbe(String httpBase) {
        this.httpBase = httpBase;
    }

    private long cpuNanos() throws Exception {
        return getJson(httpBase + "/actuator/jolokia/read/java.lang:type=OperatingSystem/ProcessCpuTime")
                .path("value").asLong();
    }

    /** The service's CPU, its embedding model's CPU (for shoppers' queries) and its JIT's time so far, from its start. */
    ServiceUsage usage() throws Exception {
        long cpu = cpuNanos();
        double jitMillis = getJson(httpBase + "/actuator/jolokia/read/java.lang:type=Compilation/TotalCompilationTime")
                .path("value").asDouble();
        for (String line : prometheus().split("\n")) {
            if (line.startsWith("mangaassist_embedding_cpu_seconds_total{") && line.contains("kind=\"query\"")) {
                return new ServiceUsage(cpu, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) * 1000, jitMillis);
            }
        }
        throw new IllegalStateException("no mangaassist_embedding_cpu_seconds_total{kind=\"query\"} in " + httpBase + "/actuator/prometheus");
    }

    private String prometheus() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(httpBase + "/actuator/prometheus")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Waits until no circuit breaker is open or half-open (resilience4j's state gauges), at most
     * {@code max}: a step that overloaded the service leaves breakers open for their wait-in-open
     * (10 s), and a step started meanwhile would measure that step's aftermath, not its own rate.
     */
    void awaitBreakersClosed(Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            boolean tripped = prometheus().lines().anyMatch(line -> line.startsWith("resilience4j_circuitbreaker_state{")
                    && (line.contains("state=\"open\"") || line.contains("state=\"half_open\"")) && line.endsWith(" 1.0"));
            if (!tripped) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /** Heap in use after full GCs (the lowest of three readings: a GC can leave a little floating garbage). */
    long heapAfterGc() throws Exception {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            JsonNode gc = getJson(httpBase + "/actuator/jolokia/exec/java.lang:type=Memory/gc");
            if (gc.path("status").asInt() != 200) { // without the GC, "heap per connection" would be garbage
                throw new IllegalStateException("the service refused the GC the heap measurement needs: " + gc);
            }
            Thread.sleep(300);
            JsonNode usage = getJson(httpBase + "/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage");
            lowest = Math.min(lowest, usage.path("value").path("used").asLong());
        }
        return lowest;
    }

    private JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return LoadGenerator.JSON.readTree(response.body());
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
}
