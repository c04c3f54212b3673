package com.mangaassist.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mangaassist.backends.TestBackends;
import com.mangaassist.LocalProfileTest;

import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * The production SDK client (the application's own bean) streams from the Bedrock stand-in over
 * the real ConverseStream wire protocol, token by token.
 */
@LocalProfileTest
class BedrockStandInStreamingTest {

    private static final String PASSAGES = """
            <passages>
            <passage kind="product">
            title: Frieren: Beyond Journey's End, Vol. 3
            author: Kanehito Yamada
            format: paperback
            price: 11.99
            stock: 12
            releaseDate: 2021-07-15
            </passage>
            <passage kind="product">
            title: Witch Hat Atelier, Vol. 1
            author: Kamome Shirahama
            format: paperback
            price: 12.99
            stock: 0
            releaseDate: 2019-01-15
            </passage>
            </passages>
            <question>how much is the third volume of frieren?</question>
            """;

    @Autowired
    BedrockRuntimeAsyncClient bedrock;

    @Autowired
    BedrockSettings settings;

    @Autowired
    TestBackends.Bedrock standIn;

    @Test
    void deltasArriveIncrementallyAndNameAProductFromThePassages() throws Exception {
        long requestsBefore = standIn.converseStreamRequests();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        StringBuilder text = new StringBuilder();
        AtomicReference<TokenUsage> usage = new AtomicReference<>();
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta(delta -> {
                            arrivals.add(System.nanoTime());
                            threads.add(Thread.currentThread().getName());
                            synchronized (text) {
                                text.append(delta.delta().text());
                            }
                        })
                        .onMetadata(metadata -> usage.set(metadata.usage()))
                        .build())
                .build();

        long sent = System.nanoTime();
        bedrock.converseStream(b -> b.modelId(settings.modelId())
                        .system(SystemContentBlock.fromText("You are MangaAssist."))
                        .messages(Message.builder().role(ConversationRole.USER)
                                .content(ContentBlock.fromText(PASSAGES)).build()),
                handler).get(30, TimeUnit.SECONDS);

        assertThat(standIn.converseStreamRequests()).isEqualTo(requestsBefore + 1);
        assertThat(arrivals).hasSizeGreaterThanOrEqualTo(13);
        long firstToLastMs = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1_000_000;
        // at 40 tokens/s, 13+ tokens take 300+ ms after the first: they were not joined into one write
        assertThat(firstToLastMs).isGreaterThanOrEqualTo(300);
        long firstTokenMs = (arrivals.get(0) - sent) / 1_000_000;
        assertThat(firstTokenMs).isGreaterThanOrEqualTo(standIn.firstTokenDelay().toMillis() - 20);
        assertThat(text.toString()).contains("Frieren: Beyond Journey's End, Vol. 3").contains("$11.99");
        assertThat(usage.get().outputTokens()).isEqualTo(arrivals.size());
        // read on the chat server's own event loops, where a shopper's WebSocket can be written at once
        assertThat(threads).allMatch(name -> name.startsWith("vert.x-eventloop-thread-"), "a Vert.x event loop");
    }

    @Test
    void converseReturnsTheWholeAnswer() throws Exception {
        var response = bedrock.converse(b -> b.modelId(settings.modelId())
                .messages(Message.builder().role(ConversationRole.USER)
                        .content(ContentBlock.fromText(PASSAGES.replace("how much is the third volume of frieren?",
                                "is witch hat atelier in stock?"))).build()))
                .get(30, TimeUnit.SECONDS);
        String answer = response.output().message().content().get(0).text();
        assertThat(answer).contains("Witch Hat Atelier, Vol. 1").contains("out of stock");
        assertThat(response.usage().outputTokens()).isPositive();
    }
}
