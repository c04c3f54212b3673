package com.mangaassist.local;

import java.net.URI;

import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.RestClient;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.io.DefaultResourceLoader;

import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.TableProvisioner;
import com.mangaassist.rag.Catalog;
import com.mangaassist.rag.CatalogLoader;
import com.mangaassist.rag.CatalogSettings;
import com.mangaassist.rag.EmbeddingService;
import com.mangaassist.rag.OpenSearchSettings;
import com.mangaassist.rag.SearchIndexProvisioner;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What infrastructure code does in AWS, done here for the local backends: the service's tables
 * and indexes, with the names the service reads ({@code mangaassist.dynamodb.*},
 * {@code mangaassist.opensearch.*}), and the catalog embedded and indexed. It reuses the service's
 * own provisioners, so the local schema is the one the service expects.
 */
final class BackendsSeeder {

    private BackendsSeeder() {
    }

    static void seed(Binder binder, LocalSettings local) throws Exception {
        DynamoDbSettings tables = binder.bind("mangaassist.dynamodb", DynamoDbSettings.class)
                .get();
        OpenSearchSettings indexes = binder.bind("mangaassist.opensearch", OpenSearchSettings.class)
                .get();
        CatalogSettings catalog = binder.bind("mangaassist.catalog", CatalogSettings.class)
                .get();
        String snapshot = catalog.embeddingSnapshot() == null ? "target/catalog-embeddings.bin" : catalog.embeddingSnapshot();
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(URI.create("http://127.0.0.1:" + local.dynamodb().port()))
                .build();
             RestClient openSearch = RestClient.builder(new HttpHost("http", "127.0.0.1", local.opensearch().httpPort())).build()) {
            new TableProvisioner(dynamoDb, new DynamoDbSettings(null, tables.conversationTable(), tables.rollupTable(),
                    tables.auditTable(), true, 0)).run(null);
            CatalogSettings indexNow = new CatalogSettings(catalog.products(), catalog.policies(), true, snapshot, catalog.moodGenres(),
                    catalog.seriesAliases());
            Catalog items = CatalogLoader.load(indexNow, new DefaultResourceLoader());
            new SearchIndexProvisioner(openSearch, indexes, indexNow, items,
                    new EmbeddingService(new SimpleMeterRegistry())).run(null);
        }
    }
}
