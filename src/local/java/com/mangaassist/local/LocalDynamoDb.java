package com.mangaassist.local;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.mangaassist.config.StartupConfigurationException;

/**
 * DynamoDB Local in this process: in memory, or in database files under {@code dbPath} (then a
 * stop and start keeps the tables, as a real outage would).
 */
public class LocalDynamoDb {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDynamoDb.class);

    private final int port;
    private final String dbPath;
    private DynamoDBProxyServer server;

    public LocalDynamoDb(int port, String nativeLibraryPath, String dbPath) {
        this.port = port;
        this.dbPath = dbPath == null || dbPath.isBlank() ? null : Path.of(dbPath).toAbsolutePath().toString();
        Path natives = Path.of(nativeLibraryPath).toAbsolutePath();
        if (!Files.isDirectory(natives)) {
            throw new StartupConfigurationException("mangaassist.local.native-library-path", natives,
                    "sqlite4java native libraries not found (run 'mvn generate-resources' or 'make run')");
        }
        // sqlite4java reads this once, when DynamoDB Local first opens its database
        System.setProperty("sqlite4java.library.path", natives.toString());
        start();
    }

    public final synchronized void start() {
        PortGuard.requireFree("mangaassist.local.dynamodb.port", port);
        try {
            String[] storage = dbPath == null ? new String[] {"-inMemory"} : new String[] {"-dbPath", dbPath};
            if (dbPath != null) {
                Files.createDirectories(Path.of(dbPath));
            }
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(storage),
                    java.util.stream.Stream.of("-sharedDb", "-port", String.valueOf(port))).toArray(String[]::new);
            server = ServerRunner.createServerFromCommandLineArgs(args);
            server.start();
            LOG.info("DynamoDB Local listening on port {}", port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local failed to start on port " + port, e);
        }
    }

    public synchronized void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public int port() {
        return port;
    }
}
