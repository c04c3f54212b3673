package com.mangaassist.resilience;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.mangaassist.ingress.ChatContext;
import com.mangaassist.ingress.Degradation;
import com.mangaassist.ingress.ChatIntake;
import com.mangaassist.intent.IntentClassifier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * The {@code onFallback} of each step's circuit breaker: what a failed, timed-out or
 * short-circuited step means for the answer (../shared/DESIGN.md, "Degradation levels").
 */
@Component("stepFallbacks")
public class StepFallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(StepFallbacks.class);

    private final CircuitBreakerRegistry breakers;

    public StepFallbacks(CircuitBreakerRegistry breakers) {
        this.breakers = breakers;
    }

    /** no_intent: the keyword rules decide, with confidence 0.5. */
    public void intent(Exchange exchange) {
        unavailable(exchange, "intent");
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        chat.setIntent(IntentClassifier.keywordFallback(chat.getRequest().text()));
        chat.degradation().markMissing(Degradation.Missing.INTENT);
    }

    /** no_memory: the answer goes on without history. */
    public void memory(Exchange exchange) {
        unavailable(exchange, "memory");
        exchange.getProperty(ChatIntake.CHAT, ChatContext.class).degradation().markMissing(Degradation.Missing.MEMORY);
    }

    /** A cache failure is a miss; nothing else changes. */
    public void cache(Exchange exchange) {
        unavailable(exchange, "cache");
    }

    /** no_rag: the model answers from history only and the prompt says knowledge is unavailable. */
    public void rag(Exchange exchange) {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        if (unavailable(exchange, "rag") == Reason.TIMED_OUT) {
            chat.markTimedOut("rag");
        } else {
            chat.markFailed("rag");
        }
    }

    private enum Reason { FAILED, TIMED_OUT, SKIPPED }

    /**
     * Records and logs why the step fell back. Camel hands the fallback the step's own exception;
     * a time limit or an open breaker leaves none, so the breaker's state tells those two apart.
     */
    private Reason unavailable(Exchange exchange, String step) {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        chat.degradation().markUnavailable(step);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause != null) {
            LOG.warn("Step {} failed for trace {}: {}", step, chat.getTraceId(), cause.toString());
            return Reason.FAILED;
        }
        CircuitBreaker.State state = breakers.circuitBreaker(step).getState();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
            LOG.debug("Step {} skipped for trace {}: its circuit breaker is open", step, chat.getTraceId());
            return Reason.SKIPPED;
        }
        LOG.warn("Step {} ran out of its time limit for trace {}", step, chat.getTraceId());
        return Reason.TIMED_OUT;
    }
}
