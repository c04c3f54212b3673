package com.mangaassist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;

/** Operators' endpoints: per-backend health, Prometheus scrape, Hawtio console. */
@LocalProfileTest
class HealthAndConsoleTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void healthReportsEveryBackend() {
        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode components = health.path("components");
        for (String backend : new String[] {"dynamodb", "opensearch", "redis", "bedrock", "embeddings"}) {
            assertThat(components.path(backend).path("status").asText()).as(backend).isEqualTo("UP");
        }
        assertThat(components.path("opensearch").path("details").path("products").asInt()).isGreaterThanOrEqualTo(300);
        assertThat(components.path("dynamodb").path("details").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(components.path("embeddings").path("details").path("dimensions").asInt()).isEqualTo(384);
    }

    @Test
    void prometheusAndHawtioAreServed() {
        var prometheus = http.getForEntity("/actuator/prometheus", String.class);
        assertThat(prometheus.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(prometheus.getBody()).contains("jvm_memory_used_bytes");

        var hawtio = http.getForEntity("/actuator/hawtio/", String.class);
        assertThat(hawtio.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(hawtio.getBody()).containsIgnoringCase("hawtio");
    }

    @Test
    void hawtiosRouteDiagramsHaveTheRoutesAsXml() {
        // what Hawtio's Camel "Route Diagram" tab asks for, through Jolokia (needs camel-spring-boot-xml-starter)
        var request = java.util.Map.of("type", "exec", "operation", "dumpRoutesAsXml()",
                "mbean", "org.apache.camel:context=MangaAssist,type=context,name=\"MangaAssist\"");
        JsonNode reply = http.postForObject("/actuator/jolokia", request, JsonNode.class);
        assertThat(reply.path("status").asInt()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.path("value").asText()).contains("<route", "id=\"chat-pipeline\"", "id=\"phase1\"");
    }
}
