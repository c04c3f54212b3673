package com.mangaassist.rag;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * OpenSearch connection: comma-separated host:port list, scheme, index names, startup wait, and
 * how long a request may wait for its response (a hung node frees the calling thread after it).
 *
 * @param hosts comma-separated host:port list
 * @param scheme scheme of the provisioning, health and warm-up client (http or https)
 * @param clusterName the cluster name in the search endpoint's URI
 * @param ssl TLS for the pipeline's search endpoint, which builds its own client from hosts (keep it in step with scheme)
 * @param productsIndex the products index
 * @param policiesIndex the policies index
 * @param startupWait how long indexing waits for the cluster at startup
 * @param responseTimeout a request waiting longer for its response fails (frees the thread on a hung node)
 */
@ConfigurationProperties(prefix = "mangaassist.opensearch")
public record OpenSearchSettings(String hosts, String scheme, String clusterName, boolean ssl, String productsIndex, String policiesIndex,
                                 Duration startupWait, Duration responseTimeout) {

}
