package com.mangaassist.local;

import java.time.Duration;

/**
 * Ports and knobs of the local backends ({@code mangaassist.local.*}: command-line {@code --key=value},
 * system properties or environment variables, bound by {@link LocalBackends}).
 *
 * @param controlPort   the loopback control API (status, fault drills) of the backends process
 * @param seed          create the service's tables and indexes and index the catalog once started
 * @param exitWithParent stop when the process that started the backends ends (make run, a test JVM)
 */
public record LocalSettings(
        String nativeLibraryPath,
        String knnPluginPath,
        int controlPort,
        Boolean seed,
        boolean exitWithParent,
        Dynamodb dynamodb,
        Opensearch opensearch,
        Redis redis,
        Bedrock bedrock) {

    public LocalSettings {
        nativeLibraryPath = nativeLibraryPath == null ? "target/native-libs" : nativeLibraryPath;
        knnPluginPath = knnPluginPath == null ? "target/opensearch-knn" : knnPluginPath;
        controlPort = controlPort == 0 ? 8099 : controlPort;
        seed = seed == null || seed;
        dynamodb = dynamodb == null ? new Dynamodb(8000, null) : dynamodb;
        opensearch = opensearch == null ? new Opensearch(9201, 9301) : opensearch;
        redis = redis == null ? new Redis(6379, null) : redis;
        bedrock = bedrock == null ? new Bedrock(8090, null, 0) : bedrock;
    }

    static LocalSettings defaults() {
        return new LocalSettings(null, null, 0, null, false, null, null, null, null);
    }

    /** {@code dbPath}: a directory for DynamoDB Local's database files; blank = in memory (lost on stop). */
    public record Dynamodb(int port, String dbPath) {
    }

    public record Opensearch(int httpPort, int transportPort) {
    }

    /** {@code executable}: a redis-server binary to run instead of the one embedded-redis ships. */
    public record Redis(int port, String executable) {
    }

    /** The Bedrock stand-in's generation pace: delay before the first token, then tokens per second. */
    public record Bedrock(int port, Duration firstTokenDelay, double tokensPerSecond) {
        public Bedrock {
            firstTokenDelay = firstTokenDelay == null ? Duration.ofMillis(400) : firstTokenDelay;
            tokensPerSecond = tokensPerSecond <= 0 ? 40 : tokensPerSecond;
        }
    }
}
