package com.mangaassist.slo.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.sdk.OpenTelemetrySdk;

/** With an OTLP endpoint configured, spans go out over OTLP/HTTP as protobuf; without one, nothing is sent. */
class OtlpExportTest {

    record Received(String path, String contentType, int bytes) {
    }

    @Test
    void spansAreExportedToTheConfiguredEndpoint() throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body.length));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            WaterfallRecorder waterfalls = new WaterfallRecorder(new SlowTraceStore(10, 100), 10, 100);
            String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort() + "/";
            try (OpenTelemetrySdk sdk = new TracingConfiguration().openTelemetrySdk(waterfalls, new TracingSettings(endpoint))) {
                sdk.getTracer("test").spanBuilder("rag").startSpan().end();
                sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
            }
            Received export = received.poll(10, TimeUnit.SECONDS);
            assertThat(export).isNotNull();
            assertThat(export.path()).isEqualTo("/v1/traces");
            assertThat(export.contentType()).isEqualTo("application/x-protobuf");
            assertThat(export.bytes()).isPositive();

            try (OpenTelemetrySdk sdk = new TracingConfiguration().openTelemetrySdk(waterfalls, new TracingSettings(""))) {
                sdk.getTracer("test").spanBuilder("rag").startSpan().end();
                sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
            }
            assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            collector.stop(0);
        }
    }
}
