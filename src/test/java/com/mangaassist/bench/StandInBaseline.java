package com.mangaassist.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * The baseline: the same sessions, questions and think time, streaming straight from the Bedrock
 * stand-in with the SDK (no pipeline), so the pipeline's cost is a ratio of two TTFTs measured
 * in the same run on the same machine.
 */
final class StandInBaseline {

    private StandInBaseline() {
    }

    static void run(URI bedrock, Scenario scenario, ScenarioResult result, ScheduledExecutorService timers) throws Exception {
        try (BedrockRuntimeAsyncClient client = client(bedrock, scenario.sessions())) {
            long end = System.nanoTime() + scenario.duration().toNanos();
            AtomicInteger active = new AtomicInteger(scenario.sessions());
            CompletableFuture<Void> finished = new CompletableFuture<>();
            for (int i = 0; i < scenario.sessions(); i++) {
                timers.schedule(() -> ask(client, scenario, result, timers, end, active, finished),
                        ThreadLocalRandom.current().nextLong(Math.max(1, scenario.think().toMillis())), TimeUnit.MILLISECONDS);
            }
            try {
                finished.get(scenario.duration().plusSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException overloaded) {
                // streams still open a minute after the end: report what was measured rather than nothing
            }
        }
    }

    /** Open loop: Poisson arrivals at {@code rate} per second, TTFT from each intended send time. */
    static void openLoop(URI bedrock, double rate, Duration duration, Histogram ttft) throws Exception {
        try (BedrockRuntimeAsyncClient client = client(bedrock, 500)) {
            List<CompletableFuture<?>> streams = new ArrayList<>();
            PoissonArrivals.run(rate, duration, intended -> streams.add(stream(client, intended, ttft)));
            CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                    .get(60, TimeUnit.SECONDS);
        }
    }

    private static BedrockRuntimeAsyncClient client(URI bedrock, int concurrency) {
        return BedrockRuntimeAsyncClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .endpointOverride(bedrock)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(Math.max(50, concurrency)))
                .build();
    }

    private static void ask(BedrockRuntimeAsyncClient client, Scenario scenario, ScenarioResult result,
                            ScheduledExecutorService timers, long end, AtomicInteger active, CompletableFuture<Void> finished) {
        if (System.nanoTime() >= end) {
            if (active.decrementAndGet() == 0) {
                finished.complete(null);
            }
            return;
        }
        stream(client, System.nanoTime(), result.baselineTtft).whenComplete((ok, failure) -> {
            double mean = scenario.think().toMillis();
            long think = Math.round(-mean * Math.log(1 - ThreadLocalRandom.current().nextDouble()));
            timers.schedule(() -> ask(client, scenario, result, timers, end, active, finished), think, TimeUnit.MILLISECONDS);
        });
    }

    /** One ConverseStream call; its first token's delay after {@code sentNanos} goes into {@code ttft}. */
    private static CompletableFuture<Void> stream(BedrockRuntimeAsyncClient client, long sentNanos, Histogram ttft) {
        long[] first = {0};
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder().onContentBlockDelta(delta -> {
                    synchronized (first) {
                        if (first[0] == 0) {
                            first[0] = System.nanoTime();
                        }
                    }
                }).build()).build();
        return client.converseStream(b -> b.modelId("mangaassist-local-stand-in").messages(Message.builder()
                        .role(ConversationRole.USER).content(ContentBlock.fromText(QuestionMix.next(0))).build()), handler)
                .whenComplete((ok, failure) -> {
                    synchronized (first) {
                        if (failure == null && first[0] != 0) {
                            ttft.recordValue((first[0] - sentNanos) / 1000);
                        }
                    }
                });
    }
}
