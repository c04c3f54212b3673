package com.mangaassist.chat;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import com.mangaassist.ingress.ChatFrames;
import com.mangaassist.intent.IntentClassifier;
import com.mangaassist.llm.CannedAnswers;
import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.Degradation;

/**
 * Answers that exist before they are sent, a cached one or the canned one, become the answer and
 * its one token frame (the route's next step sends it): nothing is generated, so replaying one word
 * by word would only delay its end and cost a socket write per word.
 */
@Component("wholeAnswers")
public class WholeAnswers {

    private final ChatFrames frames;
    private final CannedAnswers canned;

    public WholeAnswers(ChatFrames frames, CannedAnswers canned) {
        this.frames = frames;
        this.canned = canned;
    }

    /** A cache hit: the stored answer goes out at once, no retrieval, no model. */
    public String cached(Exchange exchange, String text) {
        return whole(exchange, text, true);
    }

    /** canned: both models failed or are cut off; a fixed answer chosen by the keyword intent. */
    public String canned(Exchange exchange) {
        Degradation degradation = ChatExchange.degradation(exchange);
        degradation.markMissing(Degradation.Missing.LLM);
        degradation.markUnavailable("llm");
        return whole(exchange, canned.forIntent(IntentClassifier.keywordFallback(ChatExchange.request(exchange).text()).intent()),
                false);
    }

    private String whole(Exchange exchange, String text, boolean fromCache) {
        ChatRequest request = ChatExchange.request(exchange);
        ChatExchange.answer(exchange).whole(text, fromCache, System.nanoTime(), request, ChatExchange.timings(exchange));
        return frames.token(request.requestId(), text);
    }
}
