package com.mangaassist.llm;

import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.Answer;
import com.mangaassist.pipeline.ChatExchange;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * Waits, without holding a thread, for the streaming answer to end. A stream that breaks after
 * its first token marks the answer interrupted (the shopper gets an error frame saying so, never a
 * silent truncated {@code done}) and counts as a failure of that model's circuit breaker.
 */
@Component("llmStreamEnd")
public class LlmStreamEnd extends AsyncProcessorSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LlmStreamEnd.class);

    private final CircuitBreakerRegistry breakers;

    public LlmStreamEnd(CircuitBreakerRegistry breakers) {
        this.breakers = breakers;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        ModelStream stream = exchange.getProperty(LlmStreamer.STREAM, ModelStream.class);
        if (stream == null) {
            callback.done(true); // the canned answer: nothing is streaming
            return true;
        }
        Answer answer = ChatExchange.answer(exchange);
        String traceId = ChatExchange.request(exchange).traceId();
        stream.completion().whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("Answer stream of {} broke mid-answer for trace {}: {}", stream.model().modelId(),
                        traceId, failure.toString());
                answer.markInterrupted();
                CircuitBreaker breaker = breakers.circuitBreaker(stream.model().step());
                breaker.onError(stream.elapsedNanos(), TimeUnit.NANOSECONDS, failure);
                if (breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
                    // the trial call's first token counted as a success, but the trial failed
                    breaker.transitionToOpenState();
                }
            }
            callback.done(false);
        });
        return false;
    }
}
