package com.mangaassist.local;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.PostingsFormat;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.plugins.Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import com.mangaassist.config.StartupConfigurationException;

/**
 * A single-node OpenSearch in this process with the k-NN plugin (pure-Java lucene engine).
 * The plugin ships as a zip of jars, unpacked by the build; they are loaded through a child
 * class loader so no launcher needs them on its classpath. The node starts on its own thread:
 * the catalog's embeddings are computed meanwhile, and indexing waits for cluster health.
 */
public class LocalOpenSearch {

    private static final Logger LOG = LoggerFactory.getLogger(LocalOpenSearch.class);
    private static final String KNN_PLUGIN = "org.opensearch.knn.plugin.KNNPlugin";

    private final Path basePath;
    private final OpenSearchRunner runner;
    private final CompletableFuture<Void> started;

    public LocalOpenSearch(int httpPort, int transportPort, String knnPluginPath) throws IOException {
        PortGuard.requireFree("mangaassist.local.opensearch.http-port", httpPort);
        PortGuard.requireFree("mangaassist.local.opensearch.transport-port", transportPort);
        Class<? extends Plugin> knnPlugin = loadKnnPlugin(knnPluginPath);
        runner = new KnnOpenSearchRunner(knnPlugin);
        basePath = Files.createTempDirectory("mangaassist-opensearch");
        started = CompletableFuture.runAsync(() -> start(httpPort, transportPort), command -> {
            Thread thread = new Thread(command, "local-opensearch-start");
            thread.setDaemon(true);
            thread.start();
        });
        started.whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.error("Local OpenSearch failed to start", failure);
            }
        });
    }

    private void start(int httpPort, int transportPort) {
        long begin = System.nanoTime();
        // Vert.x and the AWS SDK already initialised Netty in this JVM; OpenSearch must not reset it.
        System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
        runner.onBuild((index, settings) -> settings
                .put("http.port", httpPort)
                .put("transport.port", transportPort)
                .put("network.host", "127.0.0.1")
                .put("discovery.type", "single-node")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", false));
        runner.build(OpenSearchRunner.newConfigs()
                .numOfNode(1)
                .basePath(basePath.toString())
                .clusterName("mangaassist-local")
                // OpenSearch's own log configuration would redirect System.out through log4j
                .disableESLogger());
        LOG.info("Local OpenSearch (k-NN) listening on 127.0.0.1:{} after {} ms", httpPort,
                (System.nanoTime() - begin) / 1_000_000);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Plugin> loadKnnPlugin(String knnPluginPath) {
        File dir = new File(knnPluginPath).getAbsoluteFile();
        File[] jars = dir.listFiles((d, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new StartupConfigurationException("mangaassist.local.knn-plugin-path", dir,
                    "no k-NN plugin jars found (run 'mvn generate-resources' or 'make run')");
        }
        URL[] urls = Arrays.stream(jars).map(LocalOpenSearch::toUrl).toArray(URL[]::new);
        ClassLoader loader = new URLClassLoader("opensearch-knn", urls, LocalOpenSearch.class.getClassLoader());
        // The plugin registers Lucene codecs and vector formats through SPI; Lucene only scans the
        // class loaders it is told about.
        Codec.reloadCodecs(loader);
        PostingsFormat.reloadPostingsFormats(loader);
        DocValuesFormat.reloadDocValuesFormats(loader);
        KnnVectorsFormat.reloadKnnVectorsFormat(loader);
        try {
            return (Class<? extends Plugin>) Class.forName(KNN_PLUGIN, true, loader);
        } catch (ClassNotFoundException e) {
            throw new StartupConfigurationException("mangaassist.local.knn-plugin-path", dir,
                    KNN_PLUGIN + " not found in the jars there", e);
        }
    }

    private static URL toUrl(File file) {
        try {
            return file.toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(file.toString(), e);
        }
    }

    public CompletableFuture<Void> started() {
        return started;
    }

    public void stop() throws IOException {
        try {
            // a start still under way would otherwise leave a node running after close()
            started.get(60, TimeUnit.SECONDS);
        } catch (Exception startFailedOrInterrupted) {
            LOG.debug("Stopping local OpenSearch after an incomplete start", startFailedOrInterrupted);
        }
        try {
            runner.close();
        } finally {
            FileSystemUtils.deleteRecursively(basePath);
        }
    }

    /** The runner loads plugins by name from its own class loader; this one is handed the class. */
    private static final class KnnOpenSearchRunner extends OpenSearchRunner {
        KnnOpenSearchRunner(Class<? extends Plugin> knnPlugin) {
            pluginList.add(knnPlugin);
        }
    }
}
