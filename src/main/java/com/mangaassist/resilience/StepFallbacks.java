package com.mangaassist.resilience;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.mangaassist.intent.IntentClassifier;
import com.mangaassist.pipeline.CacheEntry;
import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.Degradation;
import com.mangaassist.pipeline.QueryEntities;
import com.mangaassist.pipeline.Retrieval;
import com.mangaassist.pipeline.SessionHistory;
import com.mangaassist.pipeline.Understanding;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * The {@code onFallback} of each step's circuit breaker: what a failed, timed-out or
 * short-circuited step means for the answer (docs/design.md, "Degradation levels"), marked where it
 * happens, and the step's stand-in result (its exchange's body, as the step's own result would be).
 */
@Component("stepFallbacks")
public class StepFallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(StepFallbacks.class);

    private final CircuitBreakerRegistry breakers;

    public StepFallbacks(CircuitBreakerRegistry breakers) {
        this.breakers = breakers;
    }

    /** no_intent: the keyword rules decide, with confidence 0.5. */
    public Understanding intent(Exchange exchange) {
        unavailable(exchange, "intent");
        ChatExchange.degradation(exchange).markMissing(Degradation.Missing.INTENT);
        return new Understanding(IntentClassifier.keywordFallback(ChatExchange.request(exchange).text()), QueryEntities.NONE);
    }

    /** no_memory: the answer goes on without history. */
    public SessionHistory memory(Exchange exchange) {
        unavailable(exchange, "memory");
        ChatExchange.degradation(exchange).markMissing(Degradation.Missing.MEMORY);
        return null;
    }

    /** A cache failure is a miss; nothing else changes. */
    public CacheEntry cache(Exchange exchange) {
        unavailable(exchange, "cache");
        return null;
    }

    /** no_rag: the model answers from history only and the prompt says knowledge is unavailable. */
    public Retrieval rag(Exchange exchange) {
        if (unavailable(exchange, "rag") == Reason.TIMED_OUT) {
            ChatExchange.degradation(exchange).markTimedOut("rag");
        }
        ChatExchange.degradation(exchange).markMissing(Degradation.Missing.RAG);
        return Retrieval.NONE;
    }

    /** no_rag without trying: the request's time left no longer holds the step's time limit. */
    public Retrieval ragOutOfTime(Exchange exchange) {
        ChatExchange.degradation(exchange).markTimedOut("rag");
        ChatExchange.degradation(exchange).markMissing(Degradation.Missing.RAG);
        return Retrieval.NONE;
    }

    private enum Reason { FAILED, TIMED_OUT, SKIPPED }

    /**
     * Records and logs why the step fell back. Camel hands the fallback the step's own exception;
     * a time limit or an open breaker leaves none, so the breaker's state tells those two apart.
     */
    private Reason unavailable(Exchange exchange, String step) {
        String traceId = ChatExchange.request(exchange).traceId();
        ChatExchange.degradation(exchange).markUnavailable(step);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause != null) {
            LOG.warn("Step {} failed for trace {}: {}", step, traceId, cause.toString());
            return Reason.FAILED;
        }
        CircuitBreaker.State state = breakers.circuitBreaker(step).getState();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
            LOG.debug("Step {} skipped for trace {}: its circuit breaker is open", step, traceId);
            return Reason.SKIPPED;
        }
        LOG.warn("Step {} ran out of its time limit for trace {}", step, traceId);
        return Reason.TIMED_OUT;
    }
}
