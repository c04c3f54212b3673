package com.mangaassist.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import com.mangaassist.ingress.ChatClient;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Drives concurrent chat sessions during a fault and measures what shoppers saw: time to the
 * first token (or to the only frame, for an answer without tokens) of every request.
 */
final class FaultDrill {

    static final int SESSIONS = 20;
    /** Sessions join one after another, as shoppers do, not in one synchronized burst. */
    static final long STAGGER_MS = 50;
    /**
     * Shoppers read an answer before asking again. Without a pause, a fault that holds every
     * session for the same time (a hung model) releases them together, and the drill measures
     * the in-process DynamoDB Local under a lockstep burst instead of the fault.
     */
    static final int MAX_THINK_MS = 400;

    private FaultDrill() {
    }

    /** {@code SESSIONS} concurrent sessions, each asking {@code questions} one after another. */
    static List<ChatClient.Answer> chat(int wsPort, int questions, String question) throws Exception {
        return chat(wsPort, questions, question, sessionId -> { });
    }

    /** As {@link #chat(int, int, String)}, telling each session id it uses. */
    static List<ChatClient.Answer> chat(int wsPort, int questions, String question,
                                        java.util.function.Consumer<String> sessionIds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        try {
            List<Future<List<ChatClient.Answer>>> sessions = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                long startAfterMs = s * STAGGER_MS;
                sessions.add(pool.submit(() -> {
                    Thread.sleep(startAfterMs);
                    List<ChatClient.Answer> answers = new ArrayList<>();
                    try (ChatClient client = new ChatClient(wsPort)) {
                        String sessionId = "drill-" + UUID.randomUUID();
                        sessionIds.accept(sessionId);
                        for (int q = 0; q < questions; q++) {
                            if (q > 0) {
                                Thread.sleep(ThreadLocalRandom.current().nextInt(MAX_THINK_MS));
                            }
                            answers.add(client.ask(sessionId, question));
                        }
                    }
                    return answers;
                }));
            }
            List<ChatClient.Answer> all = new ArrayList<>();
            for (Future<List<ChatClient.Answer>> session : sessions) {
                all.addAll(session.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Milliseconds from sending to the first token, or to the closing frame when no token came. */
    static long firstVisibleMs(ChatClient.Answer answer) {
        List<ChatClient.Frame> tokens = answer.tokens();
        long at = tokens.isEmpty() ? answer.frames().get(0).arrivedNanos() : tokens.get(0).arrivedNanos();
        return (at - answer.sentNanos()) / 1_000_000;
    }

    static long p95(List<ChatClient.Answer> answers) {
        List<Long> times = new ArrayList<>(answers.stream().map(FaultDrill::firstVisibleMs).toList());
        Collections.sort(times);
        return times.get((int) Math.ceil(times.size() * 0.95) - 1);
    }

    /** Asks single questions until the breaker is closed again (it needs its wait, then trial calls). */
    static void awaitClosed(CircuitBreaker breaker, int wsPort, String question, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ChatClient client = new ChatClient(wsPort)) {
            while (breaker.getState() != CircuitBreaker.State.CLOSED) {
                assertThat(System.nanoTime()).as("breaker %s closes after recovery", breaker.getName()).isLessThan(deadline);
                client.ask("recover-" + UUID.randomUUID(), question);
                Thread.sleep(200);
            }
        }
    }

    /** One line of the fault table (docs/pipeline.md, "Circuit breakers"), printed so the numbers can be copied from the test log. */
    static void report(String fault, String level, List<ChatClient.Answer> answers) {
        System.out.printf("FAULT-TABLE | %s | %s | %d requests | p95 first visible %d ms | max %d ms%n", fault, level,
                answers.size(), p95(answers), answers.stream().mapToLong(FaultDrill::firstVisibleMs).max().orElse(-1));
    }
}
