package com.mangaassist;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the local stand-ins free ports, chosen once per test JVM so every test class shares one
 * cached application context (and one set of servers).
 */
public class LocalBackendPorts implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final Map<String, Object> PORTS = freePorts(
            "mangaassist.local.dynamodb.port",
            "mangaassist.local.opensearch.http-port",
            "mangaassist.local.opensearch.transport-port",
            "mangaassist.local.redis.port",
            "mangaassist.local.bedrock.port",
            "mangaassist.ws.port");

    /** The service reaches OpenSearch through this proxy, so tests can make OpenSearch slow. */
    public static final LatencyProxy OPENSEARCH_PROXY = proxyTo((Integer) PORTS.get("mangaassist.local.opensearch.http-port"));

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new java.util.HashMap<>(PORTS);
        properties.put("mangaassist.opensearch.hosts", "127.0.0.1:" + OPENSEARCH_PROXY.port());
        // DynamoDB Local on disk, so a fault test can stop and restart it without losing the tables;
        // fresh directories per test JVM, so nothing from an earlier run is replayed
        properties.put("mangaassist.local.dynamodb.db-path", freshDirectory("dynamodb").toString());
        properties.put("mangaassist.journal.dir", freshDirectory("journal").toString());
        // breakers recover within a test's patience
        for (String breaker : new String[] {"intent", "memory", "cache", "rag", "llm", "llm-fallback"}) {
            properties.put("mangaassist.breakers." + breaker + ".wait-in-open", "2s");
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-free-ports", properties));
    }

    private static java.nio.file.Path freshDirectory(String name) {
        try {
            java.nio.file.Path target = java.nio.file.Path.of("target");
            java.nio.file.Files.createDirectories(target);
            return java.nio.file.Files.createTempDirectory(target.toAbsolutePath(), "test-" + name + "-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LatencyProxy proxyTo(int port) {
        try {
            return new LatencyProxy(port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Command-line style arguments for starting the application by hand on these ports. */
    public static String[] asArguments(Map<String, Object> ports) {
        return ports.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    public static Map<String, Object> freePorts(String... settings) {
        Map<String, Object> ports = new LinkedHashMap<>();
        for (String setting : settings) {
            ports.put(setting, freePort());
        }
        return Map.copyOf(ports);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
