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

import com.mangaassist.backends.TestBackends;

/**
 * Points each test context at the test JVM's one backends process ({@link TestBackends}) with names
 * of its own: tables, indexes and the cache's key prefix carry a per-context tag, and the context
 * creates and seeds them itself at startup (the service's create-tables and index-on-startup), so no
 * context reads another's data. The backends' drill handles are beans, for {@code @Autowired}.
 */
public class LocalBackendPorts implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final java.util.concurrent.atomic.AtomicInteger CONTEXTS = new java.util.concurrent.atomic.AtomicInteger();

    /** The service reaches OpenSearch through this proxy, so tests can make OpenSearch slow. */
    public static final LatencyProxy OPENSEARCH_PROXY = proxyTo(TestBackends.get().port("opensearch.http-port"));

    /** The service reaches DynamoDB Local through this proxy, so drills can hang it (it runs inside the backends process). */
    public static final LatencyProxy DYNAMODB_PROXY = proxyTo(TestBackends.get().port("dynamodb.port"));

    /**
     * The routes the test service runs and watches: a copy of routes/ per test JVM, so the live-editing
     * test can change and break it without touching the repository's files.
     */
    public static final Path ROUTES = copyOfRoutes();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestBackends backends = TestBackends.get();
        Map<String, Object> properties = new java.util.HashMap<>(backends.ports());
        properties.put("mangaassist.ws.port", freePort());
        properties.put("mangaassist.opensearch.hosts", "127.0.0.1:" + OPENSEARCH_PROXY.port());
        properties.put("mangaassist.dynamodb.endpoint", "http://127.0.0.1:" + DYNAMODB_PROXY.port());
        String tag = "t" + ProcessHandle.current().pid() + "c" + CONTEXTS.incrementAndGet();
        properties.put("mangaassist.dynamodb.conversation-table", tag + "-conversation-turns");
        properties.put("mangaassist.dynamodb.rollup-table", tag + "-latency-rollups");
        properties.put("mangaassist.dynamodb.audit-table", tag + "-audit");
        properties.put("mangaassist.dynamodb.create-tables", "true");
        properties.put("mangaassist.opensearch.products-index", tag + "-products");
        properties.put("mangaassist.opensearch.policies-index", tag + "-store-policies");
        properties.put("mangaassist.catalog.index-on-startup", "true");
        properties.put("mangaassist.catalog.embedding-snapshot", "target/catalog-embeddings.bin");
        properties.put("mangaassist.cache.key-prefix", "mangaassist:" + tag + ":answer:v1:");
        properties.put("mangaassist.journal.dir", freshDirectory(Path.of("target"), "journal").toString());
        properties.put("mangaassist.reports.dir", freshDirectory(Path.of("target"), "reports").toString());
        properties.put("camel.main.routes-include-pattern", "file:" + ROUTES + "/*.yaml");
        properties.put("camel.main.routes-reload-directory", ROUTES.toString());
        // breakers recover within a test's patience
        for (String breaker : new String[] {"intent", "memory", "cache", "rag", "llm", "llm-fallback"}) {
            properties.put("mangaassist.breakers." + breaker + ".wait-in-open", "2s");
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-backends", properties));
        var beans = context.getBeanFactory();
        beans.registerSingleton("testBackends", backends);
        beans.registerSingleton("bedrockStandIn", backends.bedrock());
        beans.registerSingleton("localDynamoDb", backends.dynamoDb());
        beans.registerSingleton("localRedis", backends.redis());
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

    public static Path ramDisk() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of("target");
    }

    public static Path freshDirectory(Path parent, String name) {
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
