package com.mangaassist.slo;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.StepTimings;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * Puts each accepted request's first-token verdict into its trace, as one short span
 * ({@value #SPAN_NAME}) ended when the request is counted: the fleet's OpenTelemetry Collector keeps
 * every trace with {@code mangaassist.slo.first_token_late = true} and samples the rest
 * (k8s/otel/collector.yaml). The attribute is on a span of its own because the verdict is known
 * only at the done frame, after the route spans that could carry it have ended.
 */
@Component("slowTraceMarks")
public class SlowTraceMarks {

    public static final String SPAN_NAME = "slo verdict";
    /** True when the first token came after the objective, or never came: the tail-sampling key. */
    public static final AttributeKey<Boolean> FIRST_TOKEN_LATE = AttributeKey.booleanKey("mangaassist.slo.first_token_late");
    /** Milliseconds from the message's arrival to its first token; absent when none came. */
    public static final AttributeKey<Long> FIRST_TOKEN_MS = AttributeKey.longKey("mangaassist.slo.first_token_ms");
    /** answered, overloaded or failed: the outcome tag of {@code mangaassist.chat.requests}. */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("mangaassist.slo.outcome");
    /** The answer's degradation level (full, no_rag, canned, ...), for answered requests. */
    public static final AttributeKey<String> LEVEL = AttributeKey.stringKey("mangaassist.degradation");

    private final Tracer tracer;
    private final SloSettings slo;

    public SlowTraceMarks(Tracer tracer, SloSettings slo) {
        this.tracer = tracer;
        this.slo = slo;
    }

    /** An answered request (the pipeline's mark-trace-verdict step). */
    public void answered(ChatOutcome outcome) {
        Double first = outcome.timing(StepTimings.FIRST_TOKEN);
        mark(outcome.request(), first == null ? null : Math.round(first), "answered", outcome.level());
    }

    /** An accepted request that ended without an answer (errors.yaml): no token, so late. */
    public void unanswered(ChatRequest request, String outcome) {
        mark(request, null, outcome, null);
    }

    private void mark(ChatRequest request, Long firstTokenMs, String outcome, String level) {
        if (request == null || request.traceId() == null) {
            return;
        }
        var span = tracer.spanBuilder(SPAN_NAME).setParent(parent(request))
                .setAttribute(FIRST_TOKEN_LATE, firstTokenMs == null || firstTokenMs > slo.firstToken().toMillis())
                .setAttribute(OUTCOME, outcome);
        if (firstTokenMs != null) {
            span.setAttribute(FIRST_TOKEN_MS, firstTokenMs);
        }
        if (level != null) {
            span.setAttribute(LEVEL, level);
        }
        span.startSpan().end();
    }

    /**
     * The span the request was admitted under (the ingress route's), whatever thread this runs on:
     * the step may run on an SDK callback thread with no context, or another trace's. Without one (a
     * trace id made up when no span was active) the current span of the same trace, else a made-up
     * parent id: the mark still lands in the request's trace.
     */
    private static Context parent(ChatRequest request) {
        String spanId = request.spanId();
        if (spanId == null) {
            SpanContext current = Span.current().getSpanContext();
            if (current.isValid() && current.getTraceId().equals(request.traceId())) {
                return Context.current();
            }
            byte[] id = new byte[8];
            ThreadLocalRandom.current().nextBytes(id);
            id[0] |= 1; // never the all-zero invalid id
            spanId = HexFormat.of().formatHex(id);
        }
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(request.traceId(), spanId,
                TraceFlags.getSampled(), TraceState.getDefault())));
    }
}
