package com.mangaassist.local;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import com.mangaassist.config.StartupConfigurationException;
import com.mangaassist.local.bedrock.BedrockStandIn;

/**
 * {@code make backends}: every local backend in this one process, apart from the service: DynamoDB
 * Local, an OpenSearch node with k-NN, a redis-server child, the Bedrock stand-in, and a loopback
 * control API ({@link BackendsControl}). Once all are up, the service's tables and indexes are
 * created and the catalog indexed ({@link BackendsSeeder}), then "Local backends ready" is logged.
 * Settings are {@code mangaassist.local.*} ({@link LocalSettings}) plus the service's own table,
 * index and catalog settings, as arguments, system properties or environment variables.
 */
public final class LocalBackends implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBackends.class);

    private final LocalSettings settings;
    private final List<AutoCloseable> started = new ArrayList<>();
    final LocalOpenSearch openSearch;
    final LocalDynamoDb dynamoDb;
    final LocalRedis redis;
    final BedrockStandIn bedrock;
    final BackendsControl control;

    private LocalBackends(LocalSettings settings) throws Exception {
        this.settings = settings;
        // OpenSearch, DynamoDB Local and Redis check their own ports before they start; these two start
        // after the redis-server child, which a failed start would leave running, so they are checked first
        PortGuard.requireFree("mangaassist.local.control-port", settings.controlPort());
        PortGuard.requireFree("mangaassist.local.bedrock.port", settings.bedrock().port());
        // the slowest (about 8 s) starts first, on its own thread, while the others start here
        openSearch = new LocalOpenSearch(settings.opensearch().httpPort(), settings.opensearch().transportPort(),
                settings.knnPluginPath());
        started.add(openSearch::stop);
        dynamoDb = new LocalDynamoDb(settings.dynamodb().port(), settings.nativeLibraryPath(), settings.dynamodb().dbPath());
        started.add(dynamoDb::stop);
        redis = new LocalRedis(settings.redis().port(), settings.redis().executable());
        started.add(redis::stop);
        bedrock = new BedrockStandIn(settings.bedrock().port(), settings.bedrock().firstTokenDelay(),
                settings.bedrock().tokensPerSecond(), Clock.systemDefaultZone());
        started.add(bedrock::stop);
        // last: a status answer means every backend object exists (OpenSearch may still be starting)
        control = new BackendsControl(settings.controlPort(), this);
        started.add(control::stop);
    }

    public static void main(String[] args) {
        long begin = System.nanoTime();
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        // the service's own defaults (table, index and catalog names), below every argument and variable
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("service-defaults", "classpath:application.properties"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Binder binder = Binder.get(environment);
        LocalSettings settings = binder.bind("mangaassist.local", LocalSettings.class).orElseGet(LocalSettings::defaults);
        LocalBackends backends;
        try {
            backends = new LocalBackends(settings);
        } catch (StartupConfigurationException e) {
            System.err.println("LOCAL BACKENDS FAILED TO START: " + e.getMessage()
                    + ". Change the setting '" + e.setting() + "'.");
            System.exit(2);
            return;
        } catch (Exception e) {
            LOG.error("Local backends failed to start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(backends::close, "local-backends-stop"));
        if (settings.exitWithParent()) {
            // an abandoned backends process would hold the ports for the next make run or test JVM
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        }
        try {
            backends.openSearch.started().join();
            if (settings.seed()) {
                BackendsSeeder.seed(binder, settings);
            }
        } catch (Exception e) {
            LOG.error("Local backends failed to start", e);
            System.exit(1);
        }
        backends.control.ready();
        LOG.info("Local backends ready in {} ms (control on 127.0.0.1:{}, pid {})",
                (System.nanoTime() - begin) / 1_000_000, settings.controlPort(), ProcessHandle.current().pid());
    }

    LocalSettings settings() {
        return settings;
    }

    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("Stopping a local backend failed: {}", e.toString());
            }
        }
        started.clear();
    }
}
