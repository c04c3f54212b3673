package com.mangaassist.resilience;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.backends.TestBackends;
import com.mangaassist.LocalBackendPorts;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.ingress.ChatClient;
import com.mangaassist.llm.BedrockSettings;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.SavedTurns;
import com.mangaassist.local.bedrock.BedrockStandIn;
import com.mangaassist.local.bedrock.BedrockStandIn.Fault;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Real faults while 20 sessions chat: a killed and a frozen (SIGSTOP) redis-server process, a
 * stopped DynamoDB Local, OpenSearch hung and unreachable behind a TCP proxy, and the Bedrock
 * stand-in throttling, hanging before the first token and breaking streams mid-answer. Each test
 * checks what shoppers saw (first token within 3 s, the level named in the last frame), that the
 * step's breaker opened and closed again after recovery, and the metrics. The numbers printed as
 * FAULT-TABLE lines are the fault table of docs/pipeline.md.
 */
@LocalProfileTest
class FaultInjectionTest {

    private static final String QUESTION = "can you recommend a dark fantasy manga like berserk?";
    private static final int QUESTIONS_PER_SESSION = 3;
    /** At most 5 % of a drill's 60 answers may lose the history to a slow in-process DynamoDB Local read. */
    private static final int INCIDENTAL_NO_MEMORY = 3;
    private static final List<String> TRANSITIONS = new CopyOnWriteArrayList<>();
    private static boolean listening;
    private static boolean warmedUp;

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @LocalServerPort
    int httpPort;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TestBackends.Redis redis;

    @Autowired
    TestBackends.DynamoDb dynamoDb;

    @Autowired
    TestBackends.Bedrock standIn;

    @Autowired
    DynamoDbClient dynamoDbClient;

    @Autowired
    DynamoDbSettings dynamoDbSettings;

    @Autowired
    BedrockSettings bedrock;

    private Duration normalDelay;
    private double normalRate;

    @BeforeEach
    void watchBreakers() throws Exception {
        if (!listening) {
            breakers.getAllCircuitBreakers().forEach(b -> b.getEventPublisher().onStateTransition(
                    e -> TRANSITIONS.add(e.getCircuitBreakerName() + ":" + e.getStateTransition().name())));
            listening = true;
        }
        if (!warmedUp) {
            // the drills measure a warm service, as a pod is once its readiness probe passes: run
            // alone, the first drill otherwise times the JIT compiling the pipeline
            FaultDrill.chat(wsPort, 1, QUESTION);
            warmedUp = true;
        }
        TRANSITIONS.clear();
        normalDelay = standIn.firstTokenDelay();
        normalRate = standIn.tokensPerSecond();
        standIn.pace(normalDelay, 200); // shorter answers' tails keep the drills quick; first token unchanged
    }

    @AfterEach
    void heal() throws Exception {
        standIn.clearFaults();
        standIn.pace(normalDelay, normalRate);
        LocalBackendPorts.OPENSEARCH_PROXY.heal();
        LocalBackendPorts.DYNAMODB_PROXY.heal();
        redis.process().ifPresent(p -> signal(p, "CONT"));
        if (redis.process().isEmpty()) {
            redis.restart();
        }
    }

    @Test
    void redisKilled() throws Exception {
        ProcessHandle process = redis.process().orElseThrow();
        process.destroyForcibly();
        process.onExit().get();

        List<ChatClient.Answer> answers = FaultDrill.chat(wsPort, QUESTIONS_PER_SESSION, QUESTION);

        assertAnswered(answers, "full");
        assertThat(answers.stream().filter(a -> !a.last().path("unavailable").toString().contains("\"cache\"")))
                .as("answers that did not report the cache unavailable").isEmpty();
        assertOpened("cache");
        assertThat(failedCalls("cache")).isGreaterThan(0);
        FaultDrill.report("Redis process killed", "full (cache miss)", answers);

        redis.restart();
        FaultDrill.awaitClosed(breakers.circuitBreaker("cache"), wsPort, QUESTION, Duration.ofSeconds(30));
        assertClosedInPrometheus("cache");
    }

    @Test
    void redisFrozen() throws Exception {
        ProcessHandle process = redis.process().orElseThrow();
        signal(process, "STOP");

        List<ChatClient.Answer> answers = FaultDrill.chat(wsPort, QUESTIONS_PER_SESSION, QUESTION);

        assertAnswered(answers, "full");
        assertOpened("cache");
        FaultDrill.report("Redis hung (SIGSTOP)", "full (cache miss)", answers);

        signal(process, "CONT");
        FaultDrill.awaitClosed(breakers.circuitBreaker("cache"), wsPort, QUESTION, Duration.ofSeconds(30));
        assertClosedInPrometheus("cache");
    }

    @Test
    void dynamoDbStopped() throws Exception {
        double before = degraded("no_memory");
        dynamoDb.stop();
        List<ChatClient.Answer> answers;
        try {
            answers = FaultDrill.chat(wsPort, QUESTIONS_PER_SESSION, QUESTION);
        } finally {
            dynamoDb.start();
        }
        assertAnswered(answers, "no_memory");
        assertOpened("memory");
        assertDegradedCounted("no_memory", before, answers.size());
        FaultDrill.report("DynamoDB Local stopped", "no_memory", answers);

        FaultDrill.awaitClosed(breakers.circuitBreaker("memory"), wsPort, QUESTION, Duration.ofSeconds(30));
        assertClosedInPrometheus("memory");
    }

    /**
     * DynamoDB hung (the proxy in front of it holds every request): answers come as with DynamoDB
     * stopped (no_memory: the memory read times out), the saves wait on their own pool and then go to
     * the journal, never on a thread that streams answers; healed, every turn is in the table once.
     */
    @Test
    void dynamoDbHung() throws Exception {
        List<String> sessions = new CopyOnWriteArrayList<>();
        double inCaller = meters.get("mangaassist.saves.in_caller").counter().count();
        LocalBackendPorts.DYNAMODB_PROXY.hang(true);
        List<ChatClient.Answer> answers;
        try {
            answers = FaultDrill.chat(wsPort, QUESTIONS_PER_SESSION, QUESTION, sessions::add);
        } finally {
            LocalBackendPorts.DYNAMODB_PROXY.hang(false);
        }
        assertAnswered(answers, "no_memory");
        assertOpened("memory");
        assertThat(meters.get("mangaassist.saves.in_caller").counter().count()).as("saves run on an answer's thread")
                .isEqualTo(inCaller);
        FaultDrill.report("DynamoDB hung (proxy holds requests)", "no_memory", answers);

        SavedTurns saved = new SavedTurns(dynamoDbClient, dynamoDbSettings);
        assertThat(sessions).hasSize(FaultDrill.SESSIONS);
        for (String session : sessions) {
            saved.await(session, turns -> turns.size() >= 2 * QUESTIONS_PER_SESSION, Duration.ofSeconds(90));
        }
        for (String session : sessions) {
            assertThat(saved.of(session)).as("turns of %s, each once", session).hasSize(2 * QUESTIONS_PER_SESSION);
        }
        FaultDrill.awaitClosed(breakers.circuitBreaker("memory"), wsPort, QUESTION, Duration.ofSeconds(30));
    }

    @Test
    void openSearchHung() throws Exception {
        double before = degraded("no_rag");
        LocalBackendPorts.OPENSEARCH_PROXY.hang(true);

        List<ChatClient.Answer> answers = FaultDrill.chat(wsPort, QUESTIONS_PER_SESSION, QUESTION);

        assertAnswered(answers, "no_rag");
        assertOpened("rag");
        assertDegradedCounted("no_rag", before, answers.size());
        // Hawtio reads the same breaker through JMX (Jolokia): the rag breaker processor's state
        assertThat(jmxBreakerState("rag-breaker")).isIn("OPEN", "HALF_OPEN");
        FaultDrill.report("OpenSearch hung", "no_rag", answers);

        LocalBackendPorts.OPENSEARCH_PROXY.hang(false);
        FaultDrill.awaitClosed(breakers.circuitBreaker("rag"), wsPort, QUESTION, Duration.ofSeconds(30));
        assertThat(jmxBreakerState("rag-breaker")).isEqualTo("CLOSED");
    }

    @Test
    void openSearchUnreachable() throws Exception {
        LocalBackendPorts.OPENSEARCH_PROXY.refuse(true);

        List<ChatClient.Answer> answers = FaultDrill.chat(wsPort, QUESTIONS_PER_SESSION, QUESTION);

        assertAnswered(answers, "no_rag");
        assertOpened("rag");
        FaultDrill.report("OpenSearch unreachable", "no_rag", answers);

        LocalBackendPorts.OPENSEARCH_PROXY.refuse(false);
        FaultDrill.awaitClosed(breakers.circuitBreaker("rag"), wsPort, QUESTION, Duration.ofSeconds(30));
        assertClosedInPrometheus("rag");
    }

    @Test
    void bedrockThrottling() throws Exception {
        double before = degraded("canned");
        standIn.inject(Fault.THROTTLE, BedrockStandIn.ANY_MODEL);

        List<ChatClient.Answer> answers = FaultDrill.chat(wsPort, QUESTIONS_PER_SESSION, QUESTION);

        assertAnswered(answers, "canned");
        assertOpened("llm");
        assertOpened("llm-fallback");
        assertDegradedCounted("canned", before, answers.size());
        FaultDrill.report("Bedrock throttling (every model)", "canned", answers);

        // the fallback model recovers first (the primary still throttled sends every call its way) ...
        standIn.clearFaults();
        standIn.inject(Fault.THROTTLE, bedrock.modelId());
        FaultDrill.awaitClosed(breakers.circuitBreaker("llm-fallback"), wsPort, QUESTION, Duration.ofSeconds(30));
        // ... then the primary
        standIn.clearFaults();
        FaultDrill.awaitClosed(breakers.circuitBreaker("llm"), wsPort, QUESTION, Duration.ofSeconds(30));
        assertClosedInPrometheus("llm");
    }

    @Test
    void bedrockHangsBeforeTheFirstToken() throws Exception {
        standIn.inject(Fault.HANG_BEFORE_FIRST_TOKEN, bedrock.modelId());

        List<ChatClient.Answer> answers = FaultDrill.chat(wsPort, QUESTIONS_PER_SESSION, QUESTION);

        // nothing had reached the shopper, so the fallback model answered, in full
        assertAnswered(answers, "full");
        assertThat(answers.stream().map(a -> a.last().path("model").asText()).distinct())
                .containsExactly(bedrock.fallbackModelId());
        assertOpened("llm");
        FaultDrill.report("Bedrock hangs before the first token (primary model)", "full (fallback model)", answers);

        standIn.clearFaults();
        FaultDrill.awaitClosed(breakers.circuitBreaker("llm"), wsPort, QUESTION, Duration.ofSeconds(30));
        assertClosedInPrometheus("llm");
    }

    @Test
    void bedrockStreamBreaksMidAnswer() throws Exception {
        standIn.inject(Fault.CUT_MID_STREAM, bedrock.modelId());

        List<ChatClient.Answer> answers = FaultDrill.chat(wsPort, QUESTIONS_PER_SESSION, QUESTION);

        assertThat(answers).allSatisfy(a -> assertThat(FaultDrill.firstVisibleMs(a)).isLessThan(3000));
        List<ChatClient.Answer> cut = answers.stream().filter(a -> "error".equals(a.last().path("type").asText())).toList();
        assertThat(cut).as("streams cut before the breaker opened").isNotEmpty();
        for (ChatClient.Answer answer : cut) {
            // an error frame that says the answer is incomplete, never a silent done
            assertThat(answer.last().path("code").asText()).isEqualTo("answer_interrupted");
            assertThat(answer.last().path("degradation").asText()).isEqualTo("full");
            assertThat(answer.last().path("model").asText()).isEqualTo(bedrock.modelId());
            assertThat(answer.tokens()).hasSize(BedrockStandIn.TOKENS_BEFORE_CUT);
        }
        // once the breaker opened, the fallback model answered whole
        List<ChatClient.Answer> whole = answers.stream().filter(a -> "done".equals(a.last().path("type").asText())).toList();
        assertThat(whole).isNotEmpty().allSatisfy(a ->
                assertThat(a.last().path("model").asText()).isEqualTo(bedrock.fallbackModelId()));
        assertOpened("llm");
        FaultDrill.report("Bedrock stream cut mid-answer (primary model)",
                "full: error frame answer_interrupted, then fallback model", answers);

        standIn.clearFaults();
        FaultDrill.awaitClosed(breakers.circuitBreaker("llm"), wsPort, QUESTION, Duration.ofSeconds(30));
        assertClosedInPrometheus("llm");
    }

    /**
     * Every request got its first token within 3 s and a done frame naming the level (mismatches
     * listed compactly). One exception, bounded: DynamoDB Local runs in this JVM and shares two
     * cores with every other backend and the 20 drill sessions, so a read can miss the memory
     * step's 200 ms limit (or the phase-1 join) whatever the fault. Such an answer says so (level
     * no_memory, memory unavailable or timed out) and is still correct; up to {@link #INCIDENTAL_NO_MEMORY} of them are tolerated
     * when the fault under test is elsewhere and the level expected is full.
     */
    private static void assertAnswered(List<ChatClient.Answer> answers, String level) {
        assertThat(answers).hasSize(FaultDrill.SESSIONS * QUESTIONS_PER_SESSION);
        List<ChatClient.Answer> late = answers.stream()
                .filter(a -> !"done".equals(a.last().path("type").asText())
                        || a.tokens().isEmpty()
                        || FaultDrill.firstVisibleMs(a) >= 3000)
                .toList();
        List<ChatClient.Answer> otherLevel = answers.stream()
                .filter(a -> !level.equals(a.last().path("degradation").asText())).toList();
        List<ChatClient.Answer> incidental = otherLevel.stream()
                .filter(a -> "full".equals(level) && "no_memory".equals(a.last().path("degradation").asText())
                        && (a.last().path("unavailable").toString().contains("\"memory\"")
                                || a.last().path("timedOut").toString().contains("\"memory\"")))
                .toList();
        List<String> wrong = java.util.stream.Stream.concat(late.stream(),
                        otherLevel.stream().filter(a -> !incidental.contains(a)))
                .distinct().map(FaultInjectionTest::describe).toList();
        assertThat(wrong).as("answers not '%s' with a first token within 3 s", level).isEmpty();
        assertThat(incidental.stream().map(FaultInjectionTest::describe).toList())
                .as("answers that lost the history to a slow DynamoDB Local read").hasSizeLessThanOrEqualTo(INCIDENTAL_NO_MEMORY);
    }

    private static String describe(ChatClient.Answer answer) {
        return FaultDrill.firstVisibleMs(answer) + " ms " + answer.last();
    }

    /** The breaker opened during the fault, and Prometheus shows it short-circuiting calls. */
    private void assertOpened(String breaker) {
        assertThat(TRANSITIONS).contains(breaker + ":CLOSED_TO_OPEN");
        assertThat(prometheus("resilience4j_circuitbreaker_not_permitted_calls_total", breaker)).isGreaterThan(0);
    }

    private void assertClosedInPrometheus(String breaker) {
        String scrape = scrape();
        assertThat(scrape.lines().filter(l -> l.startsWith("resilience4j_circuitbreaker_state{")
                && l.contains("name=\"" + breaker + "\"") && l.contains("state=\"closed\"")))
                .singleElement().satisfies(l -> assertThat(l).endsWith(" 1.0"));
    }

    private double failedCalls(String breaker) {
        return scrape().lines().filter(l -> l.startsWith("resilience4j_circuitbreaker_calls_seconds_count{")
                        && l.contains("name=\"" + breaker + "\"") && l.contains("kind=\"failed\""))
                .mapToDouble(FaultInjectionTest::value).sum();
    }

    private double prometheus(String metric, String breaker) {
        return scrape().lines().filter(l -> l.startsWith(metric + "{") && l.contains("name=\"" + breaker + "\""))
                .mapToDouble(FaultInjectionTest::value).sum();
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private String scrape() {
        return RestClient.create().get().uri("http://127.0.0.1:" + httpPort + "/actuator/prometheus")
                .retrieve().body(String.class);
    }

    private double degraded(String level) {
        Counter counter = meters.find("mangaassist.degraded").tag("level", level).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The counter is updated right after the done frame: give the last few requests a moment. */
    private void assertDegradedCounted(String level, double before, int answers) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(degraded(level) - before).isGreaterThanOrEqualTo(answers));
    }

    private String jmxBreakerState(String processorId) {
        JsonNode read = RestClient.create().get()
                .uri("http://127.0.0.1:" + httpPort + "/actuator/jolokia/read/org.apache.camel:context=MangaAssist,type=processors,name=\""
                        + processorId + "\"/CircuitBreakerState")
                .retrieve().body(JsonNode.class);
        return read.path("value").asText();
    }

    private static void signal(ProcessHandle process, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
