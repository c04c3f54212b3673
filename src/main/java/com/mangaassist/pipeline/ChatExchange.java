package com.mangaassist.pipeline;

import org.apache.camel.Exchange;

/**
 * The exchange properties one request's results live in, one per step that makes them (the routes
 * read them as {@code ${exchangeProperty.<name>}}): set once by their step, except the streaming
 * {@link Answer} and the two per-request records every step adds to ({@link StepTimings}, {@link Degradation}).
 */
public final class ChatExchange {

    public static final String REQUEST = "chatRequest";
    public static final String PHASE_ONE = "phaseOne";
    public static final String QUESTION = "question";
    public static final String RETRIEVAL = "retrieval";
    public static final String PROMPT = "prompt";
    public static final String ANSWER = "answer";
    public static final String DEGRADATION = "degradation";
    public static final String TIMINGS = "timings";
    public static final String OUTCOME = "outcome";

    private ChatExchange() {
    }

    /** Admits a request: its own answer, degradation and timings start empty, and no passages until retrieval finds some. */
    public static void start(Exchange exchange, ChatRequest request, boolean shed) {
        exchange.setProperty(REQUEST, request);
        exchange.setProperty(RETRIEVAL, Retrieval.NONE);
        exchange.setProperty(ANSWER, new Answer());
        Degradation degradation = new Degradation();
        if (shed) {
            degradation.markShed();
        }
        exchange.setProperty(DEGRADATION, degradation);
        exchange.setProperty(TIMINGS, new StepTimings());
    }

    public static ChatRequest request(Exchange exchange) {
        return exchange.getProperty(REQUEST, ChatRequest.class);
    }

    public static PhaseOne phaseOne(Exchange exchange) {
        return exchange.getProperty(PHASE_ONE, PhaseOne.class);
    }

    public static Question question(Exchange exchange) {
        return exchange.getProperty(QUESTION, Question.class);
    }

    public static Retrieval retrieval(Exchange exchange) {
        return exchange.getProperty(RETRIEVAL, Retrieval.class);
    }

    public static LlmPrompt prompt(Exchange exchange) {
        return exchange.getProperty(PROMPT, LlmPrompt.class);
    }

    public static Answer answer(Exchange exchange) {
        return exchange.getProperty(ANSWER, Answer.class);
    }

    public static Degradation degradation(Exchange exchange) {
        return exchange.getProperty(DEGRADATION, Degradation.class);
    }

    public static StepTimings timings(Exchange exchange) {
        return exchange.getProperty(TIMINGS, StepTimings.class);
    }

    public static ChatOutcome outcome(Exchange exchange) {
        return exchange.getProperty(OUTCOME, ChatOutcome.class);
    }
}
