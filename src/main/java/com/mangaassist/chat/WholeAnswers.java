package com.mangaassist.chat;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import com.mangaassist.ingress.ChatFrames;
import com.mangaassist.intent.IntentClassifier;
import com.mangaassist.llm.CannedAnswers;
import com.mangaassist.pipeline.Answer;
import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.Degradation;
import com.mangaassist.pipeline.StepTimings;

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
        long now = System.nanoTime();
        ChatExchange.answer(exchange).servedFromCache(text, now);
        return firstFrame(exchange, text, now);
    }

    /** canned: both models failed or are cut off; a fixed answer chosen by the keyword intent. */
    public String canned(Exchange exchange) {
        ChatRequest request = ChatExchange.request(exchange);
        Degradation degradation = ChatExchange.degradation(exchange);
        degradation.markMissing(Degradation.Missing.LLM);
        degradation.markUnavailable("llm");
        String text = canned.forIntent(IntentClassifier.keywordFallback(request.text()).intent());
        long now = System.nanoTime();
        Answer answer = ChatExchange.answer(exchange);
        answer.markFirstToken(now);
        answer.append(text);
        return firstFrame(exchange, text, now);
    }

    private String firstFrame(Exchange exchange, String text, long now) {
        ChatRequest request = ChatExchange.request(exchange);
        ChatExchange.timings(exchange).sinceArrival(StepTimings.FIRST_TOKEN, request, now);
        return frames.token(request.requestId(), text);
    }
}
