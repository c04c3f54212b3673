package com.mangaassist.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.QueryEntities;
import com.mangaassist.pipeline.StepTimings;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

/** Each accepted request's trace carries its first-token verdict, the key the collector's tail sampling keeps. */
class SlowTraceMarksTest {

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(new SpanProcessor() {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            ended.add(span.toSpanData());
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }).build();
    private final SlowTraceMarks marks = new SlowTraceMarks(provider.get("test"),
            new SloSettings(Duration.ofSeconds(2), Duration.ofSeconds(3), 0.999, Duration.ofDays(30), 15000, 0.95, ""));

    @AfterEach
    void close() {
        provider.close();
    }

    private static ChatRequest request(String traceId) {
        return new ChatRequest("s-1", "r-1", "do you have vinland saga?", "conn-1", 0, 0, "alice")
                .admitted(traceId, Long.MAX_VALUE);
    }

    private static ChatOutcome answered(String traceId, Double firstTokenMs, String level) {
        Map<String, Double> timings = firstTokenMs == null ? Map.of() : Map.of(StepTimings.FIRST_TOKEN, firstTokenMs);
        return new ChatOutcome(request(traceId), null, QueryEntities.NONE, false, List.of(), false, "answer", false, false,
                "model-1", level, List.of(), List.of(), timings);
    }

    private SpanData only() {
        assertThat(ended).hasSize(1);
        SpanData mark = ended.get(0);
        assertThat(mark.getName()).isEqualTo(SlowTraceMarks.SPAN_NAME);
        return mark;
    }

    @Test
    void aFirstTokenAfterTheObjectiveMarksItsTraceLate() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        marks.answered(answered(trace, 2000.6, "no_rag"));
        SpanData mark = only();
        assertThat(mark.getTraceId()).isEqualTo(trace);
        assertThat(mark.getAttributes().get(SlowTraceMarks.FIRST_TOKEN_LATE)).isTrue();
        assertThat(mark.getAttributes().get(SlowTraceMarks.FIRST_TOKEN_MS)).isEqualTo(2001L);
        assertThat(mark.getAttributes().get(SlowTraceMarks.OUTCOME)).isEqualTo("answered");
        assertThat(mark.getAttributes().get(SlowTraceMarks.LEVEL)).isEqualTo("no_rag");
    }

    @Test
    void aFirstTokenWithinTheObjectiveIsNotLate() {
        marks.answered(answered("4bf92f3577b34da6a3ce929d0e0e4737", 2000.0, "full"));
        SpanData mark = only();
        assertThat(mark.getAttributes().get(SlowTraceMarks.FIRST_TOKEN_LATE)).isFalse();
        assertThat(mark.getAttributes().get(SlowTraceMarks.FIRST_TOKEN_MS)).isEqualTo(2000L);
    }

    @Test
    void noTokenAtAllIsLateAnsweredOrNot() {
        marks.answered(answered("4bf92f3577b34da6a3ce929d0e0e4738", null, "canned"));
        marks.unanswered(request("4bf92f3577b34da6a3ce929d0e0e4739"), "overloaded");
        assertThat(ended).hasSize(2).allSatisfy(mark -> {
            assertThat(mark.getAttributes().get(SlowTraceMarks.FIRST_TOKEN_LATE)).isTrue();
            assertThat(mark.getAttributes().get(SlowTraceMarks.FIRST_TOKEN_MS)).isNull();
        });
        assertThat(ended.get(1).getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4739");
        assertThat(ended.get(1).getAttributes().get(SlowTraceMarks.OUTCOME)).isEqualTo("overloaded");
    }

    @Test
    void theMarkIsAChildOfTheRequestsSpanWhenThatIsCurrent() {
        Span route = provider.get("test").spanBuilder("chat-pipeline").setNoParent().startSpan();
        try (Scope ignored = route.makeCurrent()) {
            marks.answered(answered(route.getSpanContext().getTraceId(), 900.0, "full"));
        } finally {
            route.end();
        }
        SpanData mark = ended.get(0);
        assertThat(mark.getTraceId()).isEqualTo(route.getSpanContext().getTraceId());
        assertThat(mark.getParentSpanId()).isEqualTo(route.getSpanContext().getSpanId());
    }

    @Test
    void theSpanTheRequestWasAdmittedUnderIsTheParentOnAnyThread() throws Exception {
        Span intake = provider.get("test").spanBuilder("chat-ingress").setNoParent().startSpan();
        intake.end();
        ChatRequest request = new ChatRequest("s-1", "r-1", "hi", "conn-1", 0, 0, "alice")
                .admitted(intake.getSpanContext().getTraceId(), intake.getSpanContext().getSpanId(), Long.MAX_VALUE);
        Span other = provider.get("test").spanBuilder("someone else").setNoParent().startSpan();
        try (Scope ignored = other.makeCurrent()) {
            marks.unanswered(request, "failed");
        } finally {
            other.end();
        }
        Thread callback = new Thread(() -> marks.unanswered(request, "overloaded")); // no context at all
        callback.start();
        callback.join();
        List<SpanData> verdicts = ended.stream().filter(s -> s.getName().equals(SlowTraceMarks.SPAN_NAME)).toList();
        assertThat(verdicts).hasSize(2).allSatisfy(mark -> {
            assertThat(mark.getTraceId()).isEqualTo(intake.getSpanContext().getTraceId());
            assertThat(mark.getParentSpanId()).isEqualTo(intake.getSpanContext().getSpanId());
        });
    }

    @Test
    void aSpanOfAnotherTraceOnTheThreadIsNotTheParent() {
        Span other = provider.get("test").spanBuilder("someone else").setNoParent().startSpan();
        try (Scope ignored = other.makeCurrent()) {
            marks.answered(answered("4bf92f3577b34da6a3ce929d0e0e473a", 3100.0, "full"));
        } finally {
            other.end();
        }
        SpanData mark = ended.get(0);
        assertThat(mark.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e473a");
        assertThat(mark.getParentSpanId()).isNotEqualTo(other.getSpanContext().getSpanId());
    }

    @Test
    void aRequestRefusedBeforeItHadATraceLeavesNoMark() {
        marks.unanswered(null, "overloaded");
        marks.unanswered(new ChatRequest("s-1", "r-1", "hi", "conn-1", 0, 0, "alice"), "overloaded");
        assertThat(ended).isEmpty();
    }
}
