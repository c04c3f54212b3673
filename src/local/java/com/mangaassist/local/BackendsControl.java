package com.mangaassist.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.local.bedrock.BedrockStandIn;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The backends process's control API, on loopback only: {@code GET /status} (ready, ports, pids, the
 * stand-in's pace and counters) tells {@code make run} and the tests that the backends are up, and
 * the POSTs are the drills the fault tests run against a separate process: stop and start DynamoDB,
 * restart Redis, pace the Bedrock stand-in or inject one of its faults, shut everything down.
 * Commands are fixed paths with numeric or enum arguments; anything else is 404 or 400.
 */
final class BackendsControl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final LocalBackends backends;
    private volatile boolean ready;

    BackendsControl(int port, LocalBackends backends) throws IOException {
        this.backends = backends;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "backends-control");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    void ready() {
        ready = true;
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        boolean post = "POST".equals(exchange.getRequestMethod());
        try {
            if (!post && "/status".equals(path)) {
                reply(exchange, 200, status());
                return;
            }
            if (!post) {
                reply(exchange, 404, Map.of("error", "no such resource"));
                return;
            }
            BedrockStandIn bedrock = backends.bedrock;
            switch (path) {
                case "/dynamodb/stop" -> backends.dynamoDb.stop();
                case "/dynamodb/start" -> backends.dynamoDb.start();
                case "/redis/restart" -> backends.redis.restart();
                case "/bedrock/pace" -> bedrock.pace(Duration.ofMillis(Long.parseLong(query.get("firstTokenMs"))),
                        Double.parseDouble(query.get("tokensPerSecond")));
                case "/bedrock/fault" -> bedrock.inject(BedrockStandIn.Fault.valueOf(query.get("fault")),
                        query.getOrDefault("model", BedrockStandIn.ANY_MODEL));
                case "/bedrock/clear-faults" -> bedrock.clearFaults();
                case "/shutdown" -> {
                    reply(exchange, 200, Map.of("stopping", true));
                    new Thread(() -> System.exit(0), "local-backends-shutdown").start();
                    return;
                }
                default -> {
                    reply(exchange, 404, Map.of("error", "no such command"));
                    return;
                }
            }
            reply(exchange, 200, status());
        } catch (NullPointerException | IllegalArgumentException e) {
            reply(exchange, 400, Map.of("error", "bad or missing argument: " + e.getMessage()));
        } catch (Exception e) {
            reply(exchange, 500, Map.of("error", e.toString()));
        }
    }

    private Map<String, Object> status() {
        LocalSettings settings = backends.settings();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("service", "mangaassist-local-backends");
        status.put("ready", ready);
        status.put("pid", ProcessHandle.current().pid());
        status.put("redisPid", backends.redis.process().map(ProcessHandle::pid).orElse(null));
        status.put("ports", Map.of("dynamodb", settings.dynamodb().port(), "opensearch", settings.opensearch().httpPort(),
                "redis", settings.redis().port(), "bedrock", settings.bedrock().port()));
        BedrockStandIn bedrock = backends.bedrock;
        status.put("bedrock", Map.of("firstTokenMs", bedrock.firstTokenDelay().toMillis(),
                "tokensPerSecond", bedrock.tokensPerSecond(),
                "converseStreamRequests", bedrock.converseStreamRequests(),
                "converseRequests", bedrock.converseRequests()));
        return status;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
