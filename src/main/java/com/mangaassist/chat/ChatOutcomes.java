package com.mangaassist.chat;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.Answer;
import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.Degradation;
import com.mangaassist.pipeline.LlmPrompt;
import com.mangaassist.pipeline.PhaseOne;
import com.mangaassist.pipeline.Question;
import com.mangaassist.pipeline.StepTimings;

/**
 * The pipeline's summary step: once the answer is complete, the request's step results become one
 * {@link ChatOutcome} (property {@code outcome}), timed to this moment ({@code e2e_total}), that the
 * done frame, the metrics and the wireTaps read.
 */
@Component("chatOutcomes")
public class ChatOutcomes {

    public ChatOutcome summarize(Exchange exchange) {
        ChatRequest request = ChatExchange.request(exchange);
        StepTimings timings = ChatExchange.timings(exchange);
        timings.sinceArrival(StepTimings.TOTAL, request, System.nanoTime());
        PhaseOne phaseOne = ChatExchange.phaseOne(exchange);
        Question question = ChatExchange.question(exchange);
        LlmPrompt prompt = ChatExchange.prompt(exchange);
        Answer answer = ChatExchange.answer(exchange);
        Degradation degradation = ChatExchange.degradation(exchange);
        return new ChatOutcome(request, phaseOne.intent(), phaseOne.entities(), question != null && question.followUp(),
                ChatExchange.retrieval(exchange).passages(), prompt != null && !prompt.history().isEmpty(), answer.text(),
                answer.cached(), answer.interrupted(), answer.model(), degradation.level(), degradation.unavailable(),
                degradation.timedOut(), timings.toMillis());
    }
}
