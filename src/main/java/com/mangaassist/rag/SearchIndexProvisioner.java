package com.mangaassist.rag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.opensearch.client.Request;
import org.opensearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Creates the products and store-policies indexes (text fields + a 384-dim knn_vector) and
 * indexes the catalog with its embeddings, when {@code mangaassist.catalog.index-on-startup} is on.
 * The whole job (embeddings computed or read from {@code mangaassist.catalog.embedding-snapshot},
 * waiting for the cluster, indexing) runs on a background thread from construction on, overlapping
 * the rest of startup; the runner only waits for it, so the service is not ready before it is done.
 */
@Component
@Order(10)
public class SearchIndexProvisioner implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexProvisioner.class);
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final RestClient client;
    private final OpenSearchSettings settings;
    private final CatalogSettings catalogSettings;
    private final Catalog catalog;
    private final CompletableFuture<List<float[]>> productVectors;
    private final CompletableFuture<List<float[]>> policyVectors;
    private final CompletableFuture<Void> indexing;

    public SearchIndexProvisioner(RestClient client, OpenSearchSettings settings, CatalogSettings catalogSettings,
                                  Catalog catalog, EmbeddingService embeddings) {
        this.client = client;
        this.settings = settings;
        this.catalogSettings = catalogSettings;
        this.catalog = catalog;
        if (catalogSettings.indexOnStartup()) {
            Executor background = command -> {
                Thread thread = new Thread(command, "catalog-embedding");
                thread.setDaemon(true);
                thread.start();
            };
            Path snapshot = catalogSettings.embeddingSnapshot() == null || catalogSettings.embeddingSnapshot().isBlank()
                    ? null : Path.of(catalogSettings.embeddingSnapshot());
            List<String> texts = new ArrayList<>();
            catalog.products().forEach(p -> texts.add(p.embeddingText()));
            catalog.policies().forEach(p -> texts.add(p.embeddingText()));
            CompletableFuture<List<float[]>> all = CompletableFuture.supplyAsync(
                    () -> EmbeddingSnapshot.loadOrCompute(snapshot, texts, embeddings::embedAll), background);
            int products = catalog.products().size();
            productVectors = all.thenApply(v -> v.subList(0, products));
            policyVectors = all.thenApply(v -> v.subList(products, v.size()));
            indexing = all.thenRunAsync(this::indexCatalog, background);
        } else {
            productVectors = CompletableFuture.completedFuture(List.of());
            policyVectors = productVectors;
            indexing = CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        try {
            indexing.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void indexCatalog() {
        try {
            index();
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private void index() throws Exception {
        long start = System.nanoTime();
        OpenSearchReadiness.await(client, settings.startupWait());
        createIndex(settings.productsIndex(), "opensearch/products-index.json");
        createIndex(settings.policiesIndex(), "opensearch/policies-index.json");

        List<Map<String, Object>> products = new ArrayList<>();
        for (int i = 0; i < catalog.products().size(); i++) {
            Map<String, Object> doc = JSON.convertValue(catalog.products().get(i), LinkedHashMap.class);
            doc.put("embedding", productVectors.join().get(i));
            products.add(doc);
        }
        List<Map<String, Object>> policies = new ArrayList<>();
        for (int i = 0; i < catalog.policies().size(); i++) {
            Map<String, Object> doc = JSON.convertValue(catalog.policies().get(i), LinkedHashMap.class);
            doc.put("embedding", policyVectors.join().get(i));
            policies.add(doc);
        }
        bulkIndex(settings.productsIndex(), "sku", products);
        bulkIndex(settings.policiesIndex(), "id", policies);
        LOG.info("Indexed {} products and {} policies with embeddings, {} ms after the cluster wait began", products.size(), policies.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private void createIndex(String index, String definition) throws IOException {
        // the low-level client answers HEAD with the status instead of throwing on 404
        if (client.performRequest(new Request("HEAD", "/" + index)).getStatusLine().getStatusCode() == 200) {
            return; // already there: documents are upserted by id below
        }
        Request create = new Request("PUT", "/" + index);
        try (InputStream in = new ClassPathResource(definition).getInputStream()) {
            create.setJsonEntity(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        client.performRequest(create);
    }

    private void bulkIndex(String index, String idField, List<Map<String, Object>> documents) throws IOException {
        StringBuilder body = new StringBuilder(documents.size() * 4096);
        for (Map<String, Object> doc : documents) {
            body.append(JSON.writeValueAsString(Map.of("index", Map.of("_index", index, "_id", doc.get(idField)))))
                    .append('\n')
                    .append(JSON.writeValueAsString(doc))
                    .append('\n');
        }
        Request bulk = new Request("POST", "/_bulk");
        bulk.addParameter("refresh", "true");
        bulk.setJsonEntity(body.toString());
        var response = JSON.readTree(client.performRequest(bulk).getEntity().getContent());
        if (response.path("errors").asBoolean()) {
            throw new IllegalStateException("Bulk indexing into " + index + " failed: "
                    + response.path("items").toString().substring(0, 500));
        }
    }
}
