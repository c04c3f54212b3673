package com.mangaassist.slo.trace;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * The service's OpenTelemetry SDK: every span is sampled and passes through the
 * {@link WaterfallRecorder}; with {@code mangaassist.tracing.otlp-endpoint} set, spans are also
 * exported over OTLP/HTTP (protobuf) to {@code <endpoint>/v1/traces}. camel-opentelemetry2 picks the {@link Tracer} and the W3C
 * {@link ContextPropagators} beans up from the registry, so route and endpoint spans land here too.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetrySdk(WaterfallRecorder waterfalls, TracingSettings settings) {
        String otlpEndpoint = settings.otlpEndpoint();
        SdkTracerProviderBuilder tracing = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), "mangaassist"))))
                .addSpanProcessor(waterfalls);
        if (otlpEndpoint != null && !otlpEndpoint.isBlank()) {
            // batched, so exporting never sits on a request's path
            tracing.addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                    .setEndpoint(otlpEndpoint.replaceAll("/+$", "") + "/v1/traces").build()).build());
        }
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracing.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    @Bean
    Tracer mangaAssistTracer(OpenTelemetrySdk sdk) {
        return sdk.getTracer("mangaassist");
    }

    @Bean
    ContextPropagators contextPropagators(OpenTelemetrySdk sdk) {
        return sdk.getPropagators();
    }
}
