package com.mangaassist.chat;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The ingress's admission step (bean {@code pipelineAdmission}): at most
 * {@code mangaassist.pipeline.max-in-flight} requests run at once, from admission until their
 * exchange completes (the done frame sent). The next one is refused at once instead of waiting
 * behind the others: it runs on the connection's event loop, which must never wait.
 */
@Component("pipelineAdmission")
public class PipelineAdmission {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter refused;

    public PipelineAdmission(PipelineSettings settings, MeterRegistry meters) {
        this.limit = settings.maxInFlight();
        Gauge.builder("mangaassist.pipeline.in_flight", inFlight, AtomicInteger::get)
                .description("Chat requests admitted to the pipeline and not yet finished").register(meters);
        refused = Counter.builder("mangaassist.pipeline.refused")
                .description("Chat requests refused because the pipeline held its limit of requests in flight").register(meters);
    }

    /** Admits the exchange's request, freeing its place when the exchange completes; else {@link PipelineBusyException}. */
    public void admit(Exchange exchange) {
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            refused.increment();
            throw new PipelineBusyException(limit);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                inFlight.decrementAndGet();
            }
        });
    }

    public int inFlight() {
        return inFlight.get();
    }
}
