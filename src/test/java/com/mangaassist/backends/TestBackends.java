package com.mangaassist.backends;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.backends.TestBackends;
import com.mangaassist.LocalBackendPorts;
import com.mangaassist.local.bedrock.BedrockStandIn;

/**
 * The local backends as the tests use them: one process ({@code com.mangaassist.local.LocalBackends},
 * as {@code make backends} runs it) per test JVM, so once per {@code make test}, on free ports; test
 * contexts keep apart by their own table, index and key names ({@link LocalBackendPorts}). The
 * drills tests used to run in-process (stop DynamoDB, kill Redis, pace the Bedrock stand-in or
 * inject its faults) go through the backends' control API.
 */
public final class TestBackends {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestBackends instance;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Object> ports;
    private final Process process;
    private final Bedrock bedrock = new Bedrock();
    private final DynamoDb dynamoDb = new DynamoDb();
    private final Redis redis = new Redis();

    /** The one backends process of this JVM, started (and awaited ready) on first use. */
    public static synchronized TestBackends get() {
        if (instance == null) {
            // LocalBackendPorts' proxies ask for the backends while it initializes, and the constructor
            // uses LocalBackendPorts: initialized first, that inner call makes the one instance; else a
            // first call from here would start a second backends process behind the proxies
            try {
                Class.forName(LocalBackendPorts.class.getName(), true, TestBackends.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        if (instance == null) {
            instance = new TestBackends();
        }
        return instance;
    }

    private TestBackends() {
        ports = LocalBackendPorts.freePorts("mangaassist.local.dynamodb.port", "mangaassist.local.opensearch.http-port",
                "mangaassist.local.opensearch.transport-port", "mangaassist.local.redis.port",
                "mangaassist.local.bedrock.port", "mangaassist.local.control-port");
        List<String> command = new ArrayList<>(launcher());
        command.addAll(List.of(LocalBackendPorts.asArguments(ports)));
        command.add("--mangaassist.local.exit-with-parent=true");
        // on disk, so a fault test can stop and restart DynamoDB without losing the tables (in RAM
        // where there is one: SQLite syncs every write, and a slow CI disk made reads queue)
        command.add("--mangaassist.local.dynamodb.db-path=" + LocalBackendPorts.freshDirectory(LocalBackendPorts.ramDisk(), "dynamodb"));
        File log = new File("target/test-backends.log");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local backends: " + command, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        awaitReady(log.toPath(), Duration.ofMinutes(3));
    }

    /** This JVM's java and classpath (surefire's real test classpath, where src/local and the servers' jars are). */
    public static List<String> launcher() {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(java, "-Xmx1g", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.core.impl.Log4jContextFactory",
                "-cp", classpath, "com.mangaassist.local.LocalBackends");
    }

    private void awaitReady(Path log, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the local backends exited with " + process.exitValue() + ": " + tail(log));
            }
            try {
                if (status().path("ready").asBoolean()) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // the control port is not open yet
            }
            sleep(200);
        }
        throw new IllegalStateException("the local backends were not ready within " + timeout + ": " + tail(log));
    }

    public Map<String, Object> ports() {
        return ports;
    }

    public int port(String backend) {
        return (Integer) ports.get("mangaassist.local." + backend);
    }

    public Bedrock bedrock() {
        return bedrock;
    }

    public DynamoDb dynamoDb() {
        return dynamoDb;
    }

    public Redis redis() {
        return redis;
    }

    public JsonNode status() {
        return call("GET", "/status");
    }

    private JsonNode call(String method, String path) {
        URI uri = URI.create("http://127.0.0.1:" + port("control-port") + path);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Bedrock stand-in in the backends process: its pace, faults and request counters. */
    public final class Bedrock {
        public void pace(Duration firstTokenDelay, double tokensPerSecond) {
            call("POST", "/bedrock/pace?firstTokenMs=" + firstTokenDelay.toMillis() + "&tokensPerSecond=" + tokensPerSecond);
        }

        public void inject(BedrockStandIn.Fault fault, String modelId) {
            call("POST", "/bedrock/fault?fault=" + fault.name() + "&model="
                    + java.net.URLEncoder.encode(modelId, java.nio.charset.StandardCharsets.UTF_8));
        }

        public void clearFaults() {
            call("POST", "/bedrock/clear-faults");
        }

        public Duration firstTokenDelay() {
            return Duration.ofMillis(status().path("bedrock").path("firstTokenMs").asLong());
        }

        public double tokensPerSecond() {
            return status().path("bedrock").path("tokensPerSecond").asDouble();
        }

        public long converseStreamRequests() {
            return status().path("bedrock").path("converseStreamRequests").asLong();
        }

        public long converseRequests() {
            return status().path("bedrock").path("converseRequests").asLong();
        }
    }

    /** DynamoDB Local in the backends process: stopped and started again (its tables are on disk). */
    public final class DynamoDb {
        public void stop() {
            call("POST", "/dynamodb/stop");
        }

        public void start() {
            call("POST", "/dynamodb/start");
        }
    }

    /** The redis-server child of the backends process: signalled by pid, restarted through the control API. */
    public final class Redis {
        public Optional<ProcessHandle> process() {
            JsonNode pid = status().path("redisPid");
            return pid.isNumber() ? ProcessHandle.of(pid.asLong()).filter(ProcessHandle::isAlive) : Optional.empty();
        }

        public void restart() {
            call("POST", "/redis/restart");
        }
    }
}
