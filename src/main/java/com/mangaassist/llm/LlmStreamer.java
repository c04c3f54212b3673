package com.mangaassist.llm;

import java.util.ArrayList;
import java.util.List;

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
    private final int maxTokens;

    public LlmStreamer(BedrockRuntimeAsyncClient bedrock, BedrockSettings settings, ChatReplies replies,
                       StepMetrics metrics, @Value("${mangaassist.llm.max-tokens:512}") int maxTokens) {
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
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta(event -> {
                            String text = event.delta().text();
                            if (text == null || text.isEmpty()) {
                                return;
                            }
                            long now = System.nanoTime();
                            if (chat.markFirstToken(now)) {
                                metrics.record(chat, "llm-first-token", now - start);
                            }
                            chat.appendAnswer(text);
                            replies.token(chat, text);
                        })
                        .build())
                .build();
        try {
            bedrock.converseStream(b -> b.modelId(settings.modelId())
                            .system(SystemContentBlock.fromText(prompt.system()))
                            .messages(messages(prompt))
                            .inferenceConfig(c -> c.maxTokens(maxTokens)),
                    handler).whenComplete((ok, failure) -> {
                        if (failure != null) {
                            exchange.setException(failure);
                        }
                        callback.done(false);
                    });
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return false;
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
