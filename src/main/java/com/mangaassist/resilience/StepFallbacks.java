package com.mangaassist.resilience;

import java.util.concurrent.TimeoutException;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.mangaassist.ingress.ChatContext;
import com.mangaassist.ingress.ChatIntake;
import com.mangaassist.intent.IntentClassifier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

/**
 * The {@code onFallback} of each step's circuit breaker: what a failed, timed-out or
 * short-circuited step means for the answer (../shared/DESIGN.md, "Degradation levels").
 */
@Component("stepFallbacks")
public class StepFallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(StepFallbacks.class);

    /** no_intent: the keyword rules decide, with confidence 0.5. */
    public void intent(Exchange exchange) {
        ChatContext chat = unavailable(exchange, "intent");
        chat.setIntent(IntentClassifier.keywordFallback(chat.getRequest().text()));
        chat.markMissing(ChatContext.Missing.INTENT);
    }

    /** no_memory: the answer goes on without history. */
    public void memory(Exchange exchange) {
        unavailable(exchange, "memory").markMissing(ChatContext.Missing.MEMORY);
    }

    /** A cache failure is a miss; nothing else changes. */
    public void cache(Exchange exchange) {
        unavailable(exchange, "cache");
    }

    /** no_rag: the model answers from history only and the prompt says knowledge is unavailable. */
    public void rag(Exchange exchange) {
        ChatContext chat = unavailable(exchange, "rag");
        if (exchange.getProperty(Exchange.EXCEPTION_CAUGHT) instanceof TimeoutException) {
            chat.markTimedOut("rag");
        } else {
            chat.markFailed("rag");
        }
    }

    private static ChatContext unavailable(Exchange exchange, String step) {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause instanceof CallNotPermittedException) {
            LOG.debug("Step {} skipped for trace {}: its circuit breaker is open", step, chat.getTraceId());
        } else {
            LOG.warn("Step {} fell back for trace {}: {}", step, chat.getTraceId(),
                    cause == null ? "no cause" : cause.toString());
        }
        chat.markUnavailable(step);
        return chat;
    }
}
