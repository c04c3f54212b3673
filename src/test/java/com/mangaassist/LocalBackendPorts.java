package com.mangaassist;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * The routes the test service runs and watches: a copy of routes/ per test JVM, so the live-editing
     * test can change and break it without touching the repository's files.
     */
    public static final Path ROUTES = copyOfRoutes();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new java.util.HashMap<>(PORTS);
        properties.put("mangaassist.opensearch.hosts", "127.0.0.1:" + OPENSEARCH_PROXY.port());
        // DynamoDB Local on disk, so a fault test can stop and restart it without losing the tables;
        // fresh directories per test JVM, so nothing from an earlier run is replayed. The tables live
        // in RAM (/dev/shm) where there is one: DynamoDB Local's SQLite syncs every write, and on a
        // slow CI disk a burst of turn saves made reads queue past the memory step's 200 ms limit,
        // which real DynamoDB does not do
        properties.put("mangaassist.local.dynamodb.db-path", freshDirectory(ramDisk(), "dynamodb").toString());
        properties.put("mangaassist.journal.dir", freshDirectory(Path.of("target"), "journal").toString());
        properties.put("mangaassist.reports.dir", freshDirectory(Path.of("target"), "reports").toString());
        properties.put("camel.main.routes-include-pattern", "file:" + ROUTES + "/*.yaml");
        properties.put("camel.main.routes-reload-directory", ROUTES.toString());
        // breakers recover within a test's patience
        for (String breaker : new String[] {"intent", "memory", "cache", "rag", "llm", "llm-fallback"}) {
            properties.put("mangaassist.breakers." + breaker + ".wait-in-open", "2s");
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-free-ports", properties));
    }

    private static Path copyOfRoutes() {
        Path copy = freshDirectory(Path.of("target"), "routes");
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy routes/ for the test service", e);
        }
        return copy.toAbsolutePath();
    }

    private static Path ramDisk() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of("target");
    }

    private static Path freshDirectory(Path parent, String name) {
        try {
            Files.createDirectories(parent);
            Path directory = Files.createTempDirectory(parent.toAbsolutePath(), "mangaassist-test-" + name + "-");
            // RAM is not ours to keep: the files go when the test JVM ends
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory)));
            return directory;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path directory) {
        try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort at exit; a leftover temp directory harms nothing
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
