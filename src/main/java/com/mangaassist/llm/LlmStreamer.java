package com.mangaassist.llm;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.mangaassist.ingress.ChatContext;
import com.mangaassist.ingress.Degradation;
import com.mangaassist.ingress.ChatIntake;
import com.mangaassist.ingress.ChatReplies;
import com.mangaassist.intent.IntentClassifier;
import com.mangaassist.llm.BedrockClientConfiguration.ModelEndpoints;
import com.mangaassist.resilience.DeadlineExceededException;
import com.mangaassist.slo.StepMetrics;
import com.mangaassist.slo.StepTimeouts;
import com.mangaassist.slo.burn.SheddingPolicy;

import io.opentelemetry.api.trace.Tracer;

/**
 * The model's first token, inside the llm route's circuit breakers: start a ConverseStream and wait
 * for its first text delta, at most min(first-token timeout, time left minus the canned answer's
 * reserve). No token in time, or a failed call, throws, so the breaker counts it and its
 * {@code onFallback} tries the fallback model, then the canned answer. The rest of the answer
 * streams on without a waiting thread ({@link LlmStreamEnd}).
 */
@Component("llmStreamer")
public class LlmStreamer {

    /** Exchange property: the {@link ModelStream} whose first token reached the shopper. */
    public static final String STREAM = "mangaassist.llmStream";

    private final ModelEndpoints models;
    private final ChatReplies replies;
    private final StepMetrics metrics;
    private final Tracer tracer;
    private final StepTimeouts timeouts;
    private final CannedAnswers canned;
    private final int maxTokens;
    private final long cannedReserveMillis;
    private final SheddingPolicy shedding;

    public LlmStreamer(ModelEndpoints models, ChatReplies replies, StepMetrics metrics, Tracer tracer,
                       StepTimeouts timeouts, CannedAnswers canned, SheddingPolicy shedding,
                       @Value("${mangaassist.llm.max-tokens:512}") int maxTokens,
                       @Value("${mangaassist.llm.canned-reserve:300ms}") java.time.Duration cannedReserve) {
        this.models = models;
        this.shedding = shedding;
        this.replies = replies;
        this.metrics = metrics;
        this.tracer = tracer;
        this.timeouts = timeouts;
        this.canned = canned;
        this.maxTokens = maxTokens;
        this.cannedReserveMillis = cannedReserve.toMillis();
    }

    public void primary(Exchange exchange) throws Exception {
        firstToken(exchange, models.primary(), "llm-first-token");
    }

    /** The failover: one more model, only when nothing has reached the shopper yet. */
    public void fallback(Exchange exchange) throws Exception {
        firstToken(exchange, models.fallback(), "llm-fallback-first-token");
    }

    /** canned: both models failed or are cut off; a fixed answer chosen by the keyword intent. */
    public void canned(Exchange exchange) {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        chat.degradation().markMissing(Degradation.Missing.LLM);
        chat.degradation().markUnavailable("llm");
        replies.streamCanned(chat, canned.forIntent(IntentClassifier.keywordFallback(chat.getRequest().text()).intent()));
    }

    private void firstToken(Exchange exchange, ModelEndpoint model, String timeoutStep) throws Exception {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        if (chat.getFirstTokenNanos() != 0) {
            throw new IllegalStateException("an answer is already streaming; no second model may start");
        }
        long left = chat.remainingMillis() == Long.MAX_VALUE ? Long.MAX_VALUE : chat.remainingMillis() - cannedReserveMillis;
        long allowed = timeouts.allowedMillis(timeoutStep, left);
        boolean deadlineBound = allowed < timeouts.allowedMillis(timeoutStep, Long.MAX_VALUE);
        if (allowed <= 0) {
            chat.markTimedOut(timeoutStep);
            throw new DeadlineExceededException("no time left for " + model.modelId());
        }
        ModelStream stream = ModelStream.start(chat, model, chat.degradation().isShed() ? shedding.maxTokens(maxTokens) : maxTokens,
                replies, metrics, tracer);
        try {
            stream.firstToken().get(allowed, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (stream.abandon("no first token within " + allowed + " ms")) {
                chat.markTimedOut(timeoutStep);
                String message = model.modelId() + ": no first token within " + allowed + " ms";
                throw deadlineBound ? new DeadlineExceededException(message) : new NoFirstTokenException(message);
            }
            // the first token arrived as the timer fired: it is already on its way to the shopper
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        chat.setAnsweredBy(model.modelId());
        exchange.setProperty(STREAM, stream);
    }
}
