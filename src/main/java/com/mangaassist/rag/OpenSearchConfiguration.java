package com.mangaassist.rag;

import java.util.Arrays;

import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.RestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mangaassist.config.StartupConfigurationException;

@Configuration(proxyBeanMethods = false)
public class OpenSearchConfiguration {

    /** The low-level client: camel-opensearch endpoints autowire it, provisioning and health use it. */
    @Bean(destroyMethod = "close")
    RestClient openSearchRestClient(OpenSearchSettings settings) {
        HttpHost[] hosts = Arrays.stream(settings.hosts().split(","))
                .map(String::trim)
                .filter(h -> !h.isEmpty())
                .map(h -> toHost(settings.scheme(), h))
                .toArray(HttpHost[]::new);
        if (hosts.length == 0) {
            throw new StartupConfigurationException("mangaassist.opensearch.hosts", settings.hosts(), "no host given");
        }
        return RestClient.builder(hosts)
                .setRequestConfigCallback(config -> config
                        .setResponseTimeout(Timeout.ofMilliseconds(settings.responseTimeout().toMillis())))
                .build();
    }

    private static HttpHost toHost(String scheme, String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        try {
            return new HttpHost(scheme, hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new StartupConfigurationException("mangaassist.opensearch.hosts", hostAndPort,
                    "expected host:port", e);
        }
    }
}
