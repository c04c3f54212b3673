package com.mangaassist.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.mangaassist.ingress.ChatContext;
import com.mangaassist.ingress.ChatIntake;
import com.mangaassist.ingress.ChatReplies;
import com.mangaassist.memory.ConversationTurn;
import com.mangaassist.slo.StepMetrics;
import com.mangaassist.slo.StepTimeouts;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * Streams the answer with Bedrock ConverseStream and pushes every text delta to the shopper's
 * connection the moment it arrives. Asynchronous: no thread waits while the model generates;
 * the route continues when the stream ends (camel-aws-bedrock's producer would join the whole
 * stream first, so it cannot do this).
 */
@Component("llmStreamer")
public class LlmStreamer extends AsyncProcessorSupport implements AsyncProcessor {

    private final BedrockRuntimeAsyncClient bedrock;
    private final BedrockSettings settings;
    private final ChatReplies replies;
    private final StepMetrics metrics;
    private final Tracer tracer;
    private final StepTimeouts timeouts;
    private final CannedAnswers canned;
    private final int maxTokens;
    /** Fires first-token deadlines; one thread is plenty, its tasks only flip flags and send frames. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "llm-first-token-deadline");
        thread.setDaemon(true);
        return thread;
    });

    public LlmStreamer(BedrockRuntimeAsyncClient bedrock, BedrockSettings settings, ChatReplies replies,
                       StepMetrics metrics, Tracer tracer, StepTimeouts timeouts, CannedAnswers canned,
                       @Value("${mangaassist.llm.max-tokens:512}") int maxTokens) {
        this.tracer = tracer;
        this.timeouts = timeouts;
        this.canned = canned;
        this.bedrock = bedrock;
        this.settings = settings;
        this.replies = replies;
        this.metrics = metrics;
        this.maxTokens = maxTokens;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        LlmPrompt prompt = chat.getPrompt();
        long start = System.nanoTime();
        // GenAI semantic conventions: the model call as one client span of the request's trace
        Span span = tracer.spanBuilder("chat " + settings.modelId())
                .setParent(Context.current())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.provider.name", "aws.bedrock")
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.request.model", settings.modelId())
                .setAttribute("gen_ai.request.max_tokens", (long) maxTokens)
                .startSpan();
        // exactly one of: the model's stream, or the first-token deadline, finishes this step
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean abandoned = new AtomicBoolean();
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta(event -> {
                            String text = event.delta().text();
                            if (text == null || text.isEmpty() || abandoned.get()) {
                                return;
                            }
                            long now = System.nanoTime();
                            if (chat.markFirstToken(now)) {
                                metrics.record(chat, "llm-first-token", now - start);
                                span.setAttribute("gen_ai.response.time_to_first_chunk", (now - start) / 1e9);
                            }
                            chat.appendAnswer(text);
                            replies.token(chat, text);
                        })
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
        long allowed = timeouts.allowedMillis("llm-first-token", chat.remainingMillis());
        try {
            CompletableFuture<Void> call = bedrock.converseStream(b -> b.modelId(settings.modelId())
                            .system(SystemContentBlock.fromText(prompt.system()))
                            .messages(messages(prompt))
                            .inferenceConfig(c -> c.maxTokens(maxTokens)),
                    handler);
            deadlines.schedule(() -> {
                // no token yet when the deadline came: abandon the model, answer with the fallback
                if (chat.getFirstTokenNanos() == 0 && abandoned.compareAndSet(false, true)
                        && finished.compareAndSet(false, true)) {
                    chat.markTimedOut("llm-first-token");
                    chat.markMissing(ChatContext.Missing.LLM);
                    span.setStatus(StatusCode.ERROR, "no first token within " + allowed + " ms");
                    span.end();
                    call.cancel(true);
                    replies.streamCanned(chat, canned.forIntent(chat.getIntent().intent()));
                    callback.done(false);
                }
            }, allowed, TimeUnit.MILLISECONDS);
            call.whenComplete((ok, failure) -> {
                if (!finished.compareAndSet(false, true)) {
                    return; // the deadline already answered
                }
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, failure.toString());
                    exchange.setException(failure);
                }
                span.end();
                callback.done(false);
            });
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.toString());
            span.end();
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return false;
    }

    @jakarta.annotation.PreDestroy
    void stopDeadlines() {
        deadlines.shutdownNow();
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
