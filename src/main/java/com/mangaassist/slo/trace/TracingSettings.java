package com.mangaassist.slo.trace;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Span export.
 *
 * @param otlpEndpoint an OTLP/HTTP endpoint the spans are also exported to; blank: kept in memory only
 */
@ConfigurationProperties(prefix = "mangaassist.tracing")
public record TracingSettings(String otlpEndpoint) {
}
