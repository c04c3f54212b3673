package com.mangaassist.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class PipelineAdmissionTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PipelineAdmission admission = new PipelineAdmission(new PipelineSettings(2), meters);
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @Test
    void admitsUpToTheLimitRefusesTheNextAndFreesAPlaceWhenAnExchangeCompletes() {
        Exchange first = new DefaultExchange(camel);
        Exchange second = new DefaultExchange(camel);
        admission.admit(first);
        admission.admit(second);

        assertThatThrownBy(() -> admission.admit(new DefaultExchange(camel))).isInstanceOf(PipelineBusyException.class);
        assertThat(admission.inFlight()).isEqualTo(2);
        assertThat(meters.get("mangaassist.pipeline.refused").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("mangaassist.pipeline.in_flight").gauge().value()).isEqualTo(2.0);

        complete(first, true);
        assertThat(admission.inFlight()).isEqualTo(1);
        admission.admit(new DefaultExchange(camel));
        assertThat(admission.inFlight()).isEqualTo(2);
    }

    @Test
    void aFailedExchangeFreesItsPlaceToo() {
        Exchange failed = new DefaultExchange(camel);
        admission.admit(failed);
        complete(failed, false);
        assertThat(admission.inFlight()).isZero();
    }

    private static void complete(Exchange exchange, boolean ok) {
        List<Synchronization> completions = exchange.getExchangeExtension().handoverCompletions();
        assertThat(completions).hasSize(1);
        completions.forEach(s -> {
            if (ok) {
                s.onComplete(exchange);
            } else {
                s.onFailure(exchange);
            }
        });
    }
}
