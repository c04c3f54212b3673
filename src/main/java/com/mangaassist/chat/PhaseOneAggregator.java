package com.mangaassist.chat;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.mangaassist.intent.IntentClassifier;
import com.mangaassist.pipeline.CacheEntry;
import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.Degradation;
import com.mangaassist.pipeline.PhaseOne;
import com.mangaassist.pipeline.SessionHistory;
import com.mangaassist.pipeline.Understanding;

/**
 * Joins phase 1 (intent, memory, cache in parallel): each branch's result is its exchange's body
 * ({@link Understanding}, {@link SessionHistory}, {@link CacheEntry}), collected here into the
 * {@link PhaseOne} property. A branch whose breaker fell back has already said why (its fallback
 * marked the degradation); a branch still running when the join timed out is reported as timed out,
 * and what it returns later is never aggregated. No intent: the keyword fallback decides.
 */
@Component("phaseOneAggregator")
public class PhaseOneAggregator implements AggregationStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(PhaseOneAggregator.class);
    private static final String PARTS = "mangaassist.phaseOneParts";

    /** The branches' results as they arrive (aggregation runs one branch at a time). */
    private static final class Parts {
        Understanding understanding;
        SessionHistory history;
        CacheEntry cacheEntry;
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Exchange joined = oldExchange == null ? newExchange : oldExchange;
        Parts parts = joined.getProperty(PARTS, Parts.class);
        if (parts == null) {
            parts = new Parts();
            joined.setProperty(PARTS, parts);
        }
        if (newExchange.getException() != null) {
            LOG.warn("Phase 1 branch {} failed: {}", newExchange.getProperty(Exchange.MULTICAST_INDEX),
                    newExchange.getException().toString());
            newExchange.setException(null); // a failed branch degrades the answer, it does not fail it
            return joined;
        }
        Object result = newExchange.getMessage().getBody();
        if (result instanceof Understanding understanding) {
            parts.understanding = understanding;
        } else if (result instanceof SessionHistory history) {
            parts.history = history;
        } else if (result instanceof CacheEntry entry) {
            parts.cacheEntry = entry;
        }
        return joined;
    }

    @Override
    public void timeout(Exchange exchange, int index, int total, long timeout) {
        LOG.warn("Phase 1 timed out after {} ms waiting for branch {} of {}", timeout, index, total);
    }

    @Override
    public void onCompletion(Exchange joined, Exchange input) {
        Parts parts = joined == null ? null : joined.getProperty(PARTS, Parts.class);
        PhaseOne phaseOne = join(ChatExchange.request(input), ChatExchange.degradation(input), parts == null ? new Parts() : parts);
        input.setProperty(ChatExchange.PHASE_ONE, phaseOne);
        if (joined != null) {
            joined.setProperty(ChatExchange.PHASE_ONE, phaseOne);
            joined.removeProperty(PARTS);
            // the joined branch's properties are copied into the request's exchange: its multicast index
            // would mark the request itself as a branch's copy (routes/errors.yaml, on-pipeline-failure)
            joined.removeProperty(Exchange.MULTICAST_INDEX);
        }
    }

    static PhaseOne join(ChatRequest request, Degradation degradation, Parts parts) {
        Understanding understanding = parts.understanding;
        if (understanding == null) {
            late(degradation, "intent", Degradation.Missing.INTENT);
            understanding = new Understanding(IntentClassifier.keywordFallback(request.text()),
                    com.mangaassist.pipeline.QueryEntities.NONE);
        }
        SessionHistory history = parts.history;
        if (history == null) {
            late(degradation, "memory", Degradation.Missing.MEMORY);
            history = SessionHistory.EMPTY;
        }
        return new PhaseOne(understanding.intent(), understanding.entities(), history, parts.cacheEntry);
    }

    /**
     * A branch without a result: its fallback ran (and marked it unavailable), or it was still
     * working when the join timed out, which the done frame names under timedOut.
     */
    private static void late(Degradation degradation, String step, Degradation.Missing missing) {
        degradation.markMissing(missing);
        if (!degradation.unavailable().contains(step)) {
            degradation.markTimedOut(step);
        }
    }

}
