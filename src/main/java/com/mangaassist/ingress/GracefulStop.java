package com.mangaassist.ingress;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.PipelineWork;

/**
 * A graceful stop (SIGTERM: Kubernetes after the preStop sleep, or Ctrl-C on {@code make run}), run
 * before the web server and Camel stop, in this order:
 * <ol>
 * <li>readiness goes down ({@code REFUSING_TRAFFIC}): the probe fails, no new chats are routed here;</li>
 * <li>new messages are refused with a {@code shutting_down} error frame (nothing started or saved,
 * {@code retryAfterMs}: send it again once reconnected);</li>
 * <li>answers in flight and requests waiting for admission finish (a {@code done}, or their own error
 * frame), for up to {@code answersTimeout};</li>
 * <li>every chat connection is closed with 1012 (service restart), so clients reconnect.</li>
 * </ol>
 * Then Camel stops, the save pool finishes its queue, the journal drains and the rollups are flushed
 * (their beans' own stop, after this).
 */
@Component
public class GracefulStop implements SmartLifecycle {

    public static final short SERVICE_RESTART = 1012;
    /** Above the web server's graceful shutdown (DEFAULT_PHASE - 1024) and Camel's context (DEFAULT_PHASE - 2049): stops first. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    private final ApplicationEventPublisher events;
    private final PipelineWork pipeline;
    private final ChatConnections connections;
    private final Duration answersTimeout;
    private final long retryAfterMs;
    private volatile boolean running;
    private volatile boolean stopping;

    public GracefulStop(ApplicationEventPublisher events, PipelineWork pipeline, ChatConnections connections,
                        ShutdownSettings settings) {
        this.events = events;
        this.pipeline = pipeline;
        this.connections = connections;
        this.answersTimeout = settings.answersTimeout();
        this.retryAfterMs = settings.retryAfter().toMillis();
    }

    /** True from the moment a stop began: new messages are refused. Lock-free (the event loop asks). */
    public boolean isStopping() {
        return stopping;
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }

    @Override
    public void start() {
        stopping = false;
        running = true;
    }

    @Override
    public void stop() {
        try {
            drain();
        } finally {
            running = false;
        }
    }

    @Override
    public void stop(Runnable callback) {
        Thread drainer = new Thread(() -> {
            try {
                stop();
            } finally {
                callback.run();
            }
        }, "graceful-stop");
        drainer.start();
    }

    private void drain() {
        stopping = true;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        long started = System.nanoTime();
        long deadline = started + answersTimeout.toNanos();
        int unfinished = pipeline.unfinished();
        LOG.info("Graceful stop: readiness down, new messages refused; waiting up to {} for {} answers", answersTimeout,
                unfinished);
        while ((unfinished = pipeline.unfinished()) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (unfinished > 0) {
            LOG.warn("Graceful stop: {} answers still unfinished after {}; closing their connections", unfinished, answersTimeout);
        }
        int closed = connections.closeAll(SERVICE_RESTART, "service restart", Duration.ofSeconds(2));
        LOG.info("Graceful stop: answers done in {} ms; {} chat connections closed with {}",
                (System.nanoTime() - started) / 1_000_000, closed, SERVICE_RESTART);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
