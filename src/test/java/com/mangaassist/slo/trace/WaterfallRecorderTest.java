package com.mangaassist.slo.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

class WaterfallRecorderTest {

    private final SlowTraceStore store = new SlowTraceStore(10, 100);
    private final WaterfallRecorder waterfalls = new WaterfallRecorder(store, 50, 100);
    private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(waterfalls).build();
    private final Tracer tracer = provider.get("test");

    @AfterEach
    void close() {
        provider.close();
    }

    /** A request's root span, ended, and one child of it: returns the trace id. */
    private String request(String root) {
        // no parent: a context another test left current on this thread must not join the traces
        Span span = tracer.spanBuilder(root).setNoParent().startSpan();
        tracer.spanBuilder(root + "-rag").setParent(Context.root().with(span)).startSpan().end();
        span.end();
        return span.getSpanContext().getTraceId();
    }

    private void lateSpan(String traceId, String name) {
        // a child of the request's (already ended) context, as the wire-tapped saves are
        Span parent = Span.wrap(SpanContext.create(traceId, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault()));
        tracer.spanBuilder(name).setParent(Context.root().with(parent)).startSpan().end();
    }

    @Test
    void aRequestInTimeLetsGoOfItsSpansAndTheLaterOnesAreNotBuffered() {
        String fast = request("fast");
        String undecided = request("undecided");
        assertThat(waterfalls.buffered()).isEqualTo(2);

        waterfalls.discard(fast);
        assertThat(waterfalls.buffered()).isEqualTo(1);
        lateSpan(fast, "conversation-save");
        assertThat(waterfalls.buffered()).as("a late span of a trace in time is dropped").isEqualTo(1);
        assertThat(store.get(fast)).isEmpty();
    }

    @Test
    void aSlowRequestKeepsItsWholeWaterfallWithTheSpansThatEndLater() {
        String slow = request("slow");
        waterfalls.keepSlow(slow, "r1", 2500, 3000);
        lateSpan(slow, "conversation-save");

        assertThat(waterfalls.buffered()).isZero();
        assertThat(store.get(slow).orElseThrow().spans()).extracting(SpanRecord::name)
                .containsExactly("slow-rag", "slow", "conversation-save");
        assertThat(store.get(slow).orElseThrow().spans().get(1).parentSpanId()).isNull();
    }
}
