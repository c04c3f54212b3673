package com.mangaassist.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.StepTimings;
import com.mangaassist.slo.SloSettings;
import com.mangaassist.slo.StepBudgets;
import com.mangaassist.slo.StepMetrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class PipelineAdmissionTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private PipelineAdmission admission = admission(2, Duration.ofSeconds(5), 10);

    private PipelineAdmission admission(int limit, Duration maxWait, int maxQueued) {
        return admission(limit, limit, maxWait, maxQueued);
    }

    private PipelineAdmission admission(int floor, int limit, Duration maxWait, int maxQueued) {
        return new PipelineAdmission(new PipelineSettings(limit, floor, maxWait, maxQueued, Duration.ofMillis(1500), Duration.ofSeconds(1)),
                new SloSettings(Duration.ofSeconds(2), Duration.ofSeconds(3), 0.95, Duration.ofDays(30), 15000, 0.95, ""),
                new StepMetrics(meters, new StepBudgets(Map.of())), meters);
    }

    @AfterEach
    void stop() {
        admission.stopTimer();
    }

    @Test
    void admitsUpToTheLimitAtOnceAndTheNextWaitsForTheFirstPlaceThatFrees() {
        Request first = new Request();
        Request second = new Request();
        assertThat(first.admit()).isTrue();
        assertThat(second.admit()).isTrue();
        assertThat(first.calls.get()).isEqualTo(1);
        assertThat(first.exchange.getException()).isNull();
        assertThat(ChatExchange.timings(first.exchange).nanos(PipelineAdmission.QUEUE_STEP)).isZero();

        Request waiting = new Request();
        assertThat(waiting.admit()).isFalse(); // no thread held, no frame yet
        assertThat(waiting.calls.get()).isZero();
        assertThat(meters.get("mangaassist.pipeline.queued").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("mangaassist.pipeline.in_flight").gauge().value()).isEqualTo(2.0);
        assertThat(meters.get("mangaassist.pipeline.limit").gauge().value()).isEqualTo(2.0);

        complete(first.exchange, true);
        assertThat(waiting.calls.get()).isEqualTo(1);
        assertThat(waiting.exchange.getException()).isNull();
        assertThat(ChatExchange.timings(waiting.exchange).nanos(PipelineAdmission.QUEUE_STEP)).isPositive();
        assertThat(admission.inFlight()).isEqualTo(2);
        assertThat(admission.queued()).isZero();
        assertThat(meters.get("mangaassist.step.duration").tag("step", "queue").timer().count()).isEqualTo(3);
    }

    @Test
    void aWaitingRequestWhoseWaitIsUpIsRefusedWithARetryHintAndNeverAdmittedLater() {
        admission.stopTimer();
        admission = admission(1, Duration.ofMillis(50), 10);
        Request running = new Request();
        running.admit();
        Request waiting = new Request();
        assertThat(waiting.admit()).isFalse();

        await().atMost(Duration.ofSeconds(5)).until(() -> waiting.calls.get() == 1);
        assertThat(waiting.exchange.getException()).isInstanceOfSatisfying(PipelineBusyException.class,
                busy -> assertThat(busy.getRetryAfterMs()).isEqualTo(1500));
        assertThat(meters.get("mangaassist.pipeline.refused").counter().count()).isEqualTo(1.0);
        assertThat(admission.queued()).isZero();

        complete(running.exchange, true);
        assertThat(waiting.calls.get()).isEqualTo(1);
        assertThat(admission.inFlight()).isZero();
    }

    @Test
    void aFullQueueRefusesAtOnce() {
        admission.stopTimer();
        admission = admission(1, Duration.ofSeconds(5), 1);
        new Request().admit();
        assertThat(new Request().admit()).isFalse();
        Request third = new Request();
        assertThat(third.admit()).isTrue();
        assertThat(third.calls.get()).isEqualTo(1);
        assertThat(third.exchange.getException()).isInstanceOf(PipelineBusyException.class);
    }

    @Test
    void aRequestThatCouldNoLongerGetAFirstTokenWithinTheObjectiveIsRefusedInsteadOfQueued() {
        new Request().admit();
        new Request().admit();
        // arrived 2.5 s ago (say, behind a slow network): waiting cannot get it a first token within 2 s
        Request late = new Request(System.nanoTime() - Duration.ofMillis(2500).toNanos());
        assertThat(late.admit()).isTrue();
        assertThat(late.exchange.getException()).isInstanceOf(PipelineBusyException.class);
        assertThat(admission.queued()).isZero();
    }

    @Test
    void anAnswerThatRanOutOfTimeCutsTheLimitAndAFullOneDoesNot() {
        admission.stopTimer();
        admission = admission(1, 4, Duration.ofSeconds(5), 10);
        Request full = new Request();
        full.admit();
        full.exchange.setProperty(ChatExchange.OUTCOME, outcome(full, "full", List.of()));
        complete(full.exchange, true);
        assertThat(admission.limit()).isEqualTo(4);

        // alone in flight (under half the limit): a backend's timeout, not the load's; no cut
        Request lone = new Request();
        lone.admit();
        lone.exchange.setProperty(ChatExchange.OUTCOME, outcome(lone, "canned", List.of("llm-first-token")));
        complete(lone.exchange, true);
        assertThat(admission.limit()).isEqualTo(4);

        Request other = new Request();
        other.admit();
        Request canned = new Request();
        canned.admit();
        canned.exchange.setProperty(ChatExchange.OUTCOME, outcome(canned, "canned", List.of("llm-first-token")));
        complete(canned.exchange, true);
        assertThat(admission.limit()).isEqualTo(3);
    }

    private static ChatOutcome outcome(Request request, String level, List<String> timedOut) {
        return new ChatOutcome(ChatExchange.request(request.exchange), null, null, false, List.of(), false, "answer", false,
                false, null, level, List.of(), timedOut, Map.of());
    }

    @Test
    void onlyRequestsAnsweredInFullCountAsTheFullLaneTheSheddingPolicyReads() {
        Request full = new Request(false);
        Request shed = new Request(true);
        full.admit();
        shed.admit();
        assertThat(admission.fullInFlight()).isEqualTo(1);
        assertThat(admission.fullShare()).isEqualTo(0.5);
        assertThat(meters.get("mangaassist.pipeline.full_in_flight").gauge().value()).isEqualTo(1.0);
        Request waitingFull = new Request(false);
        assertThat(waitingFull.admit()).isFalse();
        assertThat(admission.fullShare()).isEqualTo(0.5); // a waiting request holds no place, full or not

        complete(shed.exchange, true);
        assertThat(waitingFull.calls.get()).isEqualTo(1); // it took the shed one's place
        assertThat(admission.fullInFlight()).isEqualTo(2);
        complete(full.exchange, true);
        assertThat(admission.fullInFlight()).isEqualTo(1);
        assertThat(admission.inFlight()).isEqualTo(1);
    }

    @Test
    void aFailedExchangeFreesItsPlaceToo() {
        Request failed = new Request();
        failed.admit();
        complete(failed.exchange, false);
        assertThat(admission.inFlight()).isZero();
    }

    private final class Request {

        final Exchange exchange = new DefaultExchange(camel);
        final AtomicInteger calls = new AtomicInteger();

        Request() {
            this(System.nanoTime());
        }

        Request(boolean shed) {
            this(System.nanoTime(), shed);
        }

        Request(long receivedAtNanos) {
            this(receivedAtNanos, false);
        }

        Request(long receivedAtNanos, boolean shed) {
            ChatExchange.start(exchange, new ChatRequest("s", "r", "hi", "c", receivedAtNanos, System.currentTimeMillis(), "u",
                    "t", null, receivedAtNanos + Duration.ofSeconds(3).toNanos()), shed);
        }

        boolean admit() {
            AsyncCallback callback = doneSync -> calls.incrementAndGet();
            return admission.process(exchange, callback);
        }
    }

    private static void complete(Exchange exchange, boolean ok) {
        ChatExchange.timings(exchange).record(StepTimings.FIRST_TOKEN, Duration.ofMillis(450).toNanos());
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
