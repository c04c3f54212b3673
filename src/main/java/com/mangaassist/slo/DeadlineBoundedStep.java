package com.mangaassist.slo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.mangaassist.ingress.ChatContext;
import com.mangaassist.ingress.ChatIntake;

/**
 * Runs a step route with a deadline: min(the step's timeout, time left for the request). A step
 * that runs out of time is abandoned (marked timed out, its late result ignored) and the pipeline
 * goes on with the step's fallback; a step that fails is marked missing the same way.
 */
@Component("deadlineBoundedStep")
public class DeadlineBoundedStep {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineBoundedStep.class);

    private final ProducerTemplate producer;
    private final StepTimeouts timeouts;

    public DeadlineBoundedStep(ProducerTemplate producer, StepTimeouts timeouts) {
        this.producer = producer;
        this.timeouts = timeouts;
    }

    public void run(Exchange exchange, String step, String endpointUri) throws InterruptedException {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        long allowed = timeouts.allowedMillis(step, chat.remainingMillis());
        if (allowed == 0) {
            chat.markTimedOut(step);
            return;
        }
        // the copy shares the ChatContext, so the step writes its result where the pipeline reads it
        CompletableFuture<Exchange> running = producer.asyncSend(endpointUri, exchange.copy());
        try {
            Exchange done = running.get(allowed, TimeUnit.MILLISECONDS);
            if (done.getException() != null) {
                LOG.warn("Step {} failed for trace {}: {}", step, chat.getTraceId(), done.getException().toString());
                chat.markFailed(step);
            }
        } catch (TimeoutException e) {
            LOG.warn("Step {} timed out after {} ms for trace {}", step, allowed, chat.getTraceId());
            chat.markTimedOut(step);
        } catch (ExecutionException e) {
            LOG.warn("Step {} failed for trace {}: {}", step, chat.getTraceId(), e.getCause().toString());
            chat.markFailed(step);
        }
    }
}
