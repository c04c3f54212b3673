package com.mangaassist.ingress;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.mangaassist.intent.IntentClassifier;

/**
 * Joins phase 1 (intent, memory, cache in parallel). The branches write into the shared
 * {@link ChatContext}; this strategy only decides what a failed or late branch means: no intent
 * → keyword fallback, no memory → answer without history, no cache → a miss. A branch that
 * finishes after the timeout is ignored ({@link ChatContext#closePhaseOne()}).
 */
@Component("phaseOneAggregator")
public class PhaseOneAggregator implements AggregationStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(PhaseOneAggregator.class);

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        if (newExchange.getException() != null) {
            LOG.warn("Phase 1 branch {} failed: {}", newExchange.getProperty(Exchange.MULTICAST_INDEX),
                    newExchange.getException().toString());
            newExchange.setException(null); // a failed branch degrades the answer, it does not fail it
        }
        return oldExchange == null ? newExchange : oldExchange;
    }

    /**
     * A branch missing without its breaker's fallback having run was still working when the join
     * timed out: the done frame names it under timedOut, so a degraded answer always says why.
     */
    private static void markLateBranch(ChatContext chat, String step) {
        if (!chat.degradation().unavailable().contains(step)) {
            chat.markTimedOut(step);
        }
    }

    @Override
    public void timeout(Exchange exchange, int index, int total, long timeout) {
        LOG.warn("Phase 1 timed out after {} ms waiting for branch {} of {}", timeout, index, total);
    }

    @Override
    public void onCompletion(Exchange exchange, Exchange inputExchange) {
        ChatContext chat = inputExchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        chat.closePhaseOne();
        if (chat.getIntent() == null) {
            chat.degradation().markMissing(Degradation.Missing.INTENT);
            markLateBranch(chat, "intent");
            chat.forceIntent(IntentClassifier.keywordFallback(chat.getRequest().text()));
        }
        if (!chat.isHistoryLoaded()) {
            chat.degradation().markMissing(Degradation.Missing.MEMORY);
            markLateBranch(chat, "memory");
        }
    }
}
