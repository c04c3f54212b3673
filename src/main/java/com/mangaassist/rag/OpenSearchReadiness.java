package com.mangaassist.rag;

import java.io.IOException;
import java.time.Duration;

import org.opensearch.client.Request;
import org.opensearch.client.RestClient;

/** Waits until the cluster answers with at least yellow health (a starting node refuses connections). */
final class OpenSearchReadiness {

    private OpenSearchReadiness() {
    }

    static void await(RestClient client, Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                Request health = new Request("GET", "/_cluster/health");
                health.addParameter("wait_for_status", "yellow");
                health.addParameter("timeout", "1s");
                client.performRequest(health);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("OpenSearch did not become ready within " + maxWait
                + " (mangaassist.opensearch.startup-wait)", last);
    }
}
