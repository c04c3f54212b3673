package com.mangaassist.startup;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.opensearch.client.Request;
import org.opensearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.mangaassist.intent.IntentClassifier;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.TableProvisioner;
import com.mangaassist.rag.EmbeddingService;
import com.mangaassist.rag.HybridQuery;
import com.mangaassist.rag.OpenSearchSettings;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One call to each backend client before the service reports ready: the first call of a cold
 * client (connection, TLS, class loading, JIT) takes hundreds of milliseconds, more than the
 * phase-1 budget, and would degrade the first shoppers' answers after every deploy.
 */
@Component
@Order(20)
public class BackendWarmup implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BackendWarmup.class);

    private final DynamoDbClient dynamoDb;
    private final DynamoDbSettings dynamoDbSettings;
    private final StringRedisTemplate redis;
    private final RestClient openSearch;
    private final OpenSearchSettings openSearchSettings;
    private final IntentClassifier intents;
    private final EmbeddingService embeddings;
    private final Duration awaitBackends;

    public BackendWarmup(DynamoDbClient dynamoDb, DynamoDbSettings dynamoDbSettings, StringRedisTemplate redis,
                         RestClient openSearch, OpenSearchSettings openSearchSettings, IntentClassifier intents,
                         EmbeddingService embeddings, StartupSettings startup) {
        this.awaitBackends = startup.awaitBackends();
        this.embeddings = embeddings;
        this.dynamoDb = dynamoDb;
        this.dynamoDbSettings = dynamoDbSettings;
        this.redis = redis;
        this.openSearch = openSearch;
        this.openSearchSettings = openSearchSettings;
        this.intents = intents;
    }

    @Override
    public void run(ApplicationArguments args) {
        long start = System.nanoTime();
        // independent clients: warmed side by side
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> warm("dynamodb", () -> dynamoDb.query(b -> b
                        .tableName(dynamoDbSettings.conversationTable())
                        .keyConditionExpression(TableProvisioner.SESSION_ID + " = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("warmup"))).limit(1)))),
                CompletableFuture.runAsync(() -> warm("redis", () -> redis.opsForValue().get("mangaassist:warmup"))),
                // a real k-NN query on both indexes: HNSW graphs load on first use (> 1 s cold)
                CompletableFuture.runAsync(() -> warm("opensearch", () -> {
                    Request search = new Request("POST", "/" + openSearchSettings.productsIndex() + ","
                            + openSearchSettings.policiesIndex() + "/_search");
                    search.setJsonEntity(HybridQuery.request(List.of(), 10, "one piece volume 1",
                            embeddings.embed("one piece volume 1"), 10, 1, List.of("title"), List.of()).build().toJsonString());
                    return openSearch.performRequest(search);
                })),
                CompletableFuture.runAsync(() -> warm("intent", () -> intents.classify("is the next one piece volume out yet"))))
                .join();
        LOG.info("Backends warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private interface Call {
        Object run() throws Exception;
    }

    /**
     * A failed warm-up is not fatal: the backend's health shows it, and requests degrade. Within
     * {@code mangaassist.startup.await-backends} the call is retried (backends started alongside the
     * service, as by make run, are still coming up).
     */
    private void warm(String backend, Call call) {
        long deadline = System.nanoTime() + awaitBackends.toNanos();
        while (true) {
            try {
                call.run();
                return;
            } catch (Exception e) {
                if (System.nanoTime() >= deadline) {
                    LOG.warn("Warm-up call to {} failed: {}", backend, e.toString());
                    return;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
