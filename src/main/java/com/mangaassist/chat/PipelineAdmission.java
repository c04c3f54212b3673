package com.mangaassist.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

import com.mangaassist.config.DaemonThreads;
import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.PipelineLoad;
import com.mangaassist.pipeline.PipelineWork;
import com.mangaassist.pipeline.StepTimings;
import com.mangaassist.slo.SloSettings;
import com.mangaassist.slo.StepMetrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;

/**
 * The ingress's admission step ({@code process: pipelineAdmission}): at most {@link AdaptiveLimit}'s
 * current limit of requests run at once, from admission until their exchange completes (done frame
 * sent). One more waits in a FIFO queue for a place, without holding a thread: its exchange goes on
 * (on its connection's event loop) when a finishing request frees a place. It waits at most
 * {@code queue-max-wait}, and less when the usual time from admission to a first frame would take it
 * past the first-token objective: then, or with the queue full, it is refused with an overloaded
 * frame ({@link PipelineBusyException}, retryAfterMs), nothing started or saved for it. The time it
 * waited is the step {@code queue} (timings, step metrics).
 */
@Component("pipelineAdmission")
@ManagedResource(objectName = "mangaassist:name=pipelineAdmission", description = "The pipeline's adaptive in-flight limit and admission queue")
public class PipelineAdmission extends AsyncProcessorSupport implements PipelineLoad, PipelineWork {

    public static final String QUEUE_STEP = "queue";

    private final AdaptiveLimit limit;
    private final int maxQueued;
    private final long maxWaitNanos;
    private final long firstTokenObjectiveNanos;
    private final long retryAfterMs;
    private final StepMetrics steps;
    private final Counter refused;
    private final ScheduledExecutorService expiry;
    private final Deque<AdmissionWaiter> waiting = new ArrayDeque<>();
    private int inFlight;
    private int fullInFlight;

    public PipelineAdmission(PipelineSettings settings, SloSettings slo, StepMetrics steps, MeterRegistry meters) {
        this.limit = new AdaptiveLimit(settings.minInFlight(), settings.maxInFlight(), settings.maxInFlight(),
                settings.firstTokenTarget().toNanos());
        this.maxQueued = settings.queueMaxSize();
        this.maxWaitNanos = settings.queueMaxWait().toNanos();
        this.firstTokenObjectiveNanos = slo.firstToken().toNanos();
        this.retryAfterMs = settings.retryAfter().toMillis();
        this.steps = steps;
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("admission-expiry"));
        timer.setRemoveOnCancelPolicy(true); // most waits end by admission: their timers must not pile up
        this.expiry = timer;
        Gauge.builder("mangaassist.pipeline.in_flight", this, PipelineAdmission::inFlight)
                .description("Chat requests admitted to the pipeline and not yet finished").register(meters);
        Gauge.builder("mangaassist.pipeline.limit", this, PipelineAdmission::limit)
                .description("The pipeline's current adaptive limit of requests in flight").register(meters);
        Gauge.builder("mangaassist.pipeline.full_in_flight", this, PipelineAdmission::fullInFlight)
                .description("Chat requests in flight with all their work (not shed): the full lane load shedding keeps").register(meters);
        Gauge.builder("mangaassist.pipeline.queued", this, PipelineAdmission::queued)
                .description("Chat requests waiting for a place in the pipeline").register(meters);
        refused = Counter.builder("mangaassist.pipeline.refused")
                .description("Chat requests refused with an overloaded frame: the admission queue full, or no place in time")
                .register(meters);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        long now = System.nanoTime();
        ChatRequest request = ChatExchange.request(exchange);
        AdmissionWaiter waiter;
        long waitNanos;
        synchronized (this) {
            if (waiting.isEmpty() && inFlight < limit.current()) {
                place(exchange);
                waiter = null;
                waitNanos = 0;
            } else {
                waitNanos = Math.min(maxWaitNanos, timeLeftToWait(request, now));
                if (waiting.size() >= maxQueued || waitNanos <= 0) {
                    waiter = null;
                    waitNanos = -1;
                } else {
                    waiter = new AdmissionWaiter(exchange, callback, now, Vertx.currentContext());
                    waiting.addLast(waiter);
                }
            }
        }
        if (waiter != null) {
            waiter.timer = expiry.schedule(() -> expire(waiter), waitNanos, TimeUnit.NANOSECONDS);
            return false;
        }
        if (waitNanos < 0) {
            refuse(exchange);
        } else {
            admitted(exchange, 0);
        }
        callback.done(true);
        return true;
    }

    /** How long this request can still wait and get a first frame within the objective, going by the usual time to one. */
    private long timeLeftToWait(ChatRequest request, long now) {
        return request.receivedAtNanos() + firstTokenObjectiveNanos - limit.usualNanos() - now;
    }

    private void admitted(Exchange exchange, long waitedNanos) {
        steps.record(ChatExchange.request(exchange), ChatExchange.timings(exchange), QUEUE_STEP, waitedNanos);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                finished(done);
            }
        });
    }

    private void refuse(Exchange exchange) {
        refused.increment();
        exchange.setException(new PipelineBusyException(limit.current(), retryAfterMs));
    }

    /**
     * A request left the pipeline: its latency (or its running out of time) adjusts the limit, and its
     * place goes to the longest-waiting request.
     */
    private void finished(Exchange exchange) {
        StepTimings timings = ChatExchange.timings(exchange);
        long firstFrame = timings == null ? -1 : timings.nanos(StepTimings.FIRST_TOKEN);
        ChatOutcome outcome = ChatExchange.outcome(exchange);
        boolean outOfTime = outcome != null && (!outcome.timedOut().isEmpty() || "canned".equals(outcome.level()));
        long sinceAdmission = firstFrame < 0 ? -1 : firstFrame - Math.max(0, timings.nanos(QUEUE_STEP));
        List<AdmissionWaiter> admit = new ArrayList<>();
        synchronized (this) {
            inFlight--;
            if (!shed(exchange)) {
                fullInFlight--;
            }
            if (outOfTime) {
                limit.dropped(System.nanoTime(), inFlight + 1, sinceAdmission);
            } else if (sinceAdmission >= 0) {
                limit.sample(sinceAdmission, inFlight + 1);
            }
            while (!waiting.isEmpty() && inFlight < limit.current()) {
                AdmissionWaiter next = waiting.pollFirst();
                place(next.exchange);
                admit.add(next);
            }
        }
        long now = System.nanoTime();
        for (AdmissionWaiter waiter : admit) {
            waiter.cancelTimer();
            admitted(waiter.exchange, now - waiter.enqueuedNanos);
            waiter.resume();
        }
    }

    /** Takes a place (under the lock); a request that does not shed also takes one of the full lane's. */
    private void place(Exchange exchange) {
        inFlight++;
        if (!shed(exchange)) {
            fullInFlight++;
        }
    }

    private static boolean shed(Exchange exchange) {
        return ChatExchange.degradation(exchange).isShed();
    }

    /** Its time to wait is up: refused, unless a place was given to it first. */
    private void expire(AdmissionWaiter waiter) {
        synchronized (this) {
            if (!waiting.remove(waiter)) {
                return;
            }
        }
        refuse(waiter.exchange);
        waiter.resume();
    }

    @PreDestroy
    void stopTimer() {
        expiry.shutdownNow();
    }

    @ManagedAttribute(description = "Requests admitted and not yet finished")
    public synchronized int inFlight() {
        return inFlight;
    }

    @ManagedAttribute(description = "The current adaptive limit of requests in flight")
    public int limit() {
        return limit.current();
    }

    @Override
    public synchronized double fullShare() {
        return (double) fullInFlight / Math.max(1, limit.current());
    }

    @ManagedAttribute(description = "Requests admitted with all their work (not shed) and not yet finished")
    public synchronized int fullInFlight() {
        return fullInFlight;
    }

    @Override
    public synchronized int unfinished() {
        return inFlight + waiting.size();
    }

    @ManagedAttribute(description = "Requests waiting for a place")
    public synchronized int queued() {
        return waiting.size();
    }
}
