package com.mangaassist.rag;

import org.opensearch.client.Request;
import org.opensearch.client.RestClient;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** UP for green/yellow cluster health, with the number of indexed products. */
@Component("opensearch")
public class OpenSearchHealthIndicator extends AbstractHealthIndicator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient client;
    private final OpenSearchSettings settings;

    public OpenSearchHealthIndicator(RestClient client, OpenSearchSettings settings) {
        super("OpenSearch health check failed");
        this.client = client;
        this.settings = settings;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        JsonNode health = get("/_cluster/health");
        String status = health.path("status").asText();
        builder.status("red".equals(status) ? "DOWN" : "UP")
                .withDetail("cluster", health.path("cluster_name").asText())
                .withDetail("status", status)
                .withDetail("hosts", settings.hosts())
                .withDetail("products", get("/" + settings.productsIndex() + "/_count").path("count").asLong());
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(client.performRequest(new Request("GET", path)).getEntity().getContent());
    }
}
