package com.mangaassist.llm;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import com.mangaassist.ingress.ChatFrameSender;
import com.mangaassist.ingress.ChatFrames;
import com.mangaassist.llm.BedrockClientConfiguration.ModelEndpoints;
import com.mangaassist.pipeline.Answer;
import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.Degradation;
import com.mangaassist.resilience.DeadlineExceededException;
import com.mangaassist.slo.StepMetrics;
import com.mangaassist.slo.StepTimeouts;
import com.mangaassist.slo.burn.SheddingPolicy;

import io.opentelemetry.api.trace.Tracer;

/**
 * The model's first token, inside the llm route's circuit breakers: start a ConverseStream and wait
 * for its first text delta, at most min(first-token timeout, time left minus the canned answer's
 * reserve): the step's one time limit. No token in time, or a failed call, throws, so the breaker
 * counts it and its {@code onFallback} tries the fallback model, then the canned answer (WholeAnswers). The rest of
 * the answer streams on without a waiting thread ({@link LlmStreamEnd}).
 */
@Component("llmStreamer")
public class LlmStreamer {

    /** Exchange property: the {@link ModelStream} whose first token reached the shopper. */
    public static final String STREAM = "mangaassist.llmStream";

    private final ModelEndpoints models;
    private final ChatFrames frames;
    private final ChatFrameSender shopper;
    private final StepMetrics metrics;
    private final Tracer tracer;
    private final StepTimeouts timeouts;
    private final LlmSettings settings;
    private final SheddingPolicy shedding;

    public LlmStreamer(ModelEndpoints models, ChatFrames frames, ChatFrameSender shopper, StepMetrics metrics, Tracer tracer,
                       StepTimeouts timeouts, SheddingPolicy shedding, LlmSettings settings) {
        this.models = models;
        this.frames = frames;
        this.shopper = shopper;
        this.metrics = metrics;
        this.tracer = tracer;
        this.timeouts = timeouts;
        this.shedding = shedding;
        this.settings = settings;
    }

    public void primary(Exchange exchange) throws Exception {
        firstToken(exchange, models.primary(), "llm-first-token");
    }

    /** The failover: one more model, only when nothing has reached the shopper yet. */
    public void fallback(Exchange exchange) throws Exception {
        firstToken(exchange, models.fallback(), "llm-fallback-first-token");
    }

    private void firstToken(Exchange exchange, ModelEndpoint model, String timeoutStep) throws Exception {
        ChatRequest request = ChatExchange.request(exchange);
        Answer answer = ChatExchange.answer(exchange);
        Degradation degradation = ChatExchange.degradation(exchange);
        if (answer.started()) {
            throw new IllegalStateException("an answer is already streaming; no second model may start");
        }
        long remaining = request.remainingMillis();
        long left = remaining == Long.MAX_VALUE ? Long.MAX_VALUE : remaining - settings.cannedReserve().toMillis();
        long allowed = timeouts.allowedMillis(timeoutStep, left);
        boolean deadlineBound = allowed < timeouts.allowedMillis(timeoutStep, Long.MAX_VALUE);
        if (allowed <= 0) {
            degradation.markTimedOut(timeoutStep);
            throw new DeadlineExceededException("no time left for " + model.modelId());
        }
        int maxTokens = degradation.isShed() ? shedding.maxTokens(settings.maxTokens()) : settings.maxTokens();
        ModelStream stream = ModelStream.start(new ModelStream.Target(request, answer, ChatExchange.timings(exchange), frames,
                shopper, metrics), ChatExchange.prompt(exchange), model, maxTokens, tracer);
        try {
            stream.firstToken().get(allowed, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (stream.abandon("no first token within " + allowed + " ms")) {
                degradation.markTimedOut(timeoutStep);
                String message = model.modelId() + ": no first token within " + allowed + " ms";
                throw deadlineBound ? new DeadlineExceededException(message) : new NoFirstTokenException(message);
            }
            // the first token arrived as the timer fired: it is already on its way to the shopper
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        answer.answeredBy(model.modelId());
        exchange.setProperty(STREAM, stream);
    }
}
