package com.mangaassist.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.mangaassist.ingress.ChatFrameSender;
import com.mangaassist.ingress.ChatFrames;
import com.mangaassist.pipeline.Answer;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.ConversationTurn;
import com.mangaassist.pipeline.LlmPrompt;
import com.mangaassist.pipeline.StepTimings;
import com.mangaassist.slo.StepMetrics;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * One ConverseStream call to one model. Every text delta goes to the shopper the moment it
 * arrives; {@link #firstToken()} completes with the first one, {@link #completion()} when the
 * stream ends. A stream abandoned before its first token (deadline, failover) forwards nothing
 * more, so the shopper never sees two answers interleaved.
 */
public final class ModelStream {

    /** Where the deltas go: the request's shopper, its answer, its timings. */
    record Target(ChatRequest request, Answer answer, StepTimings timings, ChatFrames frames, ChatFrameSender shopper,
                  StepMetrics metrics) {
    }

    private final Target target;
    private final ModelEndpoint model;
    private final Span span;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Void> firstToken = new CompletableFuture<>();
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private CompletableFuture<Void> call;
    private boolean abandoned;
    private boolean tokenSeen;

    private ModelStream(Target target, ModelEndpoint model, Span span) {
        this.target = target;
        this.model = model;
        this.span = span;
    }

    /** Starts the call; the returned stream is already receiving. */
    static ModelStream start(Target target, LlmPrompt prompt, ModelEndpoint model, int maxTokens, Tracer tracer) {
        // GenAI semantic conventions: the model call as one client span of the request's trace
        Span span = tracer.spanBuilder("chat " + model.modelId())
                .setParent(Context.current())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.provider.name", "aws.bedrock")
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.request.model", model.modelId())
                .setAttribute("gen_ai.request.max_tokens", (long) maxTokens)
                .setAttribute("mangaassist.llm.role", model.step())
                .startSpan();
        ModelStream stream = new ModelStream(target, model, span);
        try {
            CompletableFuture<Void> call = model.client().converseStream(b -> b.modelId(model.modelId())
                            .system(SystemContentBlock.fromText(prompt.system()))
                            .messages(messages(prompt))
                            .inferenceConfig(c -> c.maxTokens(maxTokens)),
                    stream.handler());
            synchronized (stream) {
                stream.call = call;
            }
            call.whenComplete((ok, failure) -> stream.ended(failure));
        } catch (RuntimeException e) {
            stream.ended(e);
        }
        return stream;
    }

    public ModelEndpoint model() {
        return model;
    }

    public CompletableFuture<Void> firstToken() {
        return firstToken;
    }

    public CompletableFuture<Void> completion() {
        return completion;
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /**
     * Gives up on a stream that has shown nothing yet. Returns false when a token already went
     * out (then the stream is the answer and must be kept).
     */
    public boolean abandon(String why) {
        CompletableFuture<Void> running;
        synchronized (this) {
            if (tokenSeen) {
                return false;
            }
            abandoned = true;
            running = call;
        }
        span.setStatus(StatusCode.ERROR, why);
        span.end();
        if (running != null) {
            running.cancel(true);
        }
        return true;
    }

    private ConverseStreamResponseHandler handler() {
        return ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta(event -> delta(event.delta().text()))
                        .onMetadata(metadata -> {
                            if (metadata.usage() != null) {
                                span.setAttribute("gen_ai.usage.input_tokens", (long) metadata.usage().inputTokens());
                                span.setAttribute("gen_ai.usage.output_tokens", (long) metadata.usage().outputTokens());
                            }
                        })
                        .onMessageStop(stop -> span.setAttribute("gen_ai.response.finish_reasons",
                                String.valueOf(stop.stopReasonAsString())))
                        .build())
                .build();
    }

    private void delta(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        boolean first;
        synchronized (this) {
            if (abandoned) {
                return;
            }
            first = !tokenSeen;
            tokenSeen = true;
            // sent under the lock: abandon() cannot slip between "first token seen" and its frame
            long now = System.nanoTime();
            if (first && target.answer().markFirstToken(now, target.request(), target.timings())) {
                target.metrics().record(target.request(), target.timings(), "llm-first-token", now - startNanos);
                span.setAttribute("gen_ai.response.time_to_first_chunk", (now - startNanos) / 1e9);
            }
            target.answer().append(text);
            target.shopper().send(target.request(), target.frames().token(target.request().requestId(), text));
        }
        if (first) {
            firstToken.complete(null);
        }
    }

    private void ended(Throwable failure) {
        boolean wasAbandoned;
        synchronized (this) {
            wasAbandoned = abandoned;
        }
        if (!wasAbandoned) {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, failure.toString());
            }
            span.end();
        }
        if (failure != null) {
            firstToken.completeExceptionally(failure); // no-op when the first token already came
            completion.completeExceptionally(failure);
        } else {
            // a stream that ended without any text is as useless as a failed one before its first token
            firstToken.completeExceptionally(new IllegalStateException("model stream ended without text"));
            completion.complete(null);
        }
    }

    private static List<Message> messages(LlmPrompt prompt) {
        List<Message> messages = new ArrayList<>();
        for (ConversationTurn turn : prompt.history()) {
            messages.add(Message.builder()
                    .role("user".equals(turn.role()) ? ConversationRole.USER : ConversationRole.ASSISTANT)
                    .content(ContentBlock.fromText(turn.text())).build());
        }
        messages.add(Message.builder().role(ConversationRole.USER)
                .content(ContentBlock.fromText(prompt.userMessage())).build());
        return messages;
    }
}
