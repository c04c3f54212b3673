package com.mangaassist.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.LocalBackendPorts;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.ingress.ChatClient;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;

/**
 * Live route editing on the running service (camel.main.routes-reload-*): the test service watches
 * its own copy of routes/ ({@link LocalBackendPorts#ROUTES}). An edited phase-1 timeout takes effect
 * for the next request without a restart; a file that does not parse is refused with a log line
 * naming the file and the line, and the routes already running keep answering. The WebSocket stays
 * up throughout: its routes are in another file (routes/ingress.yaml), so the same connection
 * keeps working across reloads.
 */
@LocalProfileTest
class RouteReloadTest {

    private static final String PHASE1_TIMEOUT = "timeout: \"{{mangaassist.phase1.timeout-ms}}\"";

    @Value("${mangaassist.ws.port}")
    int wsPort;

    private final Path routes = LocalBackendPorts.ROUTES.resolve("chat-pipeline.yaml");
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                logged.add(event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())));
            }
        }
    };
    private String original;
    private ChatClient client;

    @BeforeEach
    void watchLogs() throws Exception {
        client = new ChatClient(wsPort); // one connection through every reload: the WebSocket never goes down
        original = Files.readString(routes);
        assertThat(original).contains(PHASE1_TIMEOUT);
        capture.start();
        root().addAppender(capture);
    }

    @AfterEach
    void restore() throws Exception {
        try {
            if (!Files.readString(routes).equals(original)) {
                Files.writeString(routes, original);
                // back to the configured phase-1 timeout before the next test class runs
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                        .until(() -> !phaseOneTimedOut(ask()));
            }
        } finally {
            root().detachAppender(capture);
            client.close();
        }
    }

    @Test
    void anEditedMulticastTimeoutServesTheNextRequestAndABrokenFileIsRefused() throws Exception {
        assertThat(phaseOneTimedOut(ask())).isFalse();

        // a 1 ms phase 1: intent and memory cannot make it, so the answer names them as timed out
        Files.writeString(routes, original.replace(PHASE1_TIMEOUT, "timeout: \"1\""));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> phaseOneTimedOut(ask()));
        // the reloaded routes still reach every backend (camel-opensearch closes its client on stop)
        JsonNode reloaded = ask();
        assertThat(reloaded.path("unavailable").toString()).doesNotContain("rag").doesNotContain("cache");

        // a file that does not parse: refused, named with its line, and the 1 ms routes keep serving
        String broken = original.replace(PHASE1_TIMEOUT, "timeout: \"1\"") + "\n- route:\n    id: [unclosed\n";
        Files.writeString(routes, broken);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> logged.stream()
                .anyMatch(line -> line.contains("chat-pipeline.yaml") && line.matches("(?s).*line \\d+.*")));
        for (int i = 0; i < 3; i++) {
            JsonNode done = ask();
            assertThat(done.path("type").asText()).isEqualTo("done");
            assertThat(phaseOneTimedOut(done)).isTrue();
        }
    }

    private JsonNode ask() throws Exception {
        return client.ask("s-reload-" + UUID.randomUUID(), "do you have naruto volume 1?").last();
    }

    private static boolean phaseOneTimedOut(JsonNode done) {
        return done.path("timedOut").toString().contains("intent") || done.path("timedOut").toString().contains("memory");
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
