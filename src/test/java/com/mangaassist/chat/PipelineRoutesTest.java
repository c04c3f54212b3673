package com.mangaassist.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.ddb.Ddb2Constants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.apache.camel.test.spring.junit5.MockEndpointsAndSkip;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import com.mangaassist.MangaAssistApplication;
import com.mangaassist.ResetBreakers;
import com.mangaassist.analytics.ChatAudit;
import com.mangaassist.ingress.ChatFrameSender;
import com.mangaassist.intent.IntentStep;
import com.mangaassist.llm.LlmStreamer;
import com.mangaassist.memory.ConversationMemory;
import com.mangaassist.pipeline.Answer;
import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.pipeline.ChatRequest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The route tier: routes/*.yaml as the service loads them, every backend endpoint a mock (the
 * calls are skipped), the model a stand-in bean, so each fallback and degradation decision is
 * checked in milliseconds. The full-stack tier (@LocalProfileTest) proves the same against real servers.
 */
@CamelSpringBootTest
@SpringBootTest(classes = MangaAssistApplication.class, properties = {
    "mangaassist.startup.await-backends=0s", "camel.main.routes-reload-enabled=false",
    "mangaassist.ws.port=18181", "mangaassist.journal.dir=target/route-tests/journal",
    "mangaassist.rollups.flush-interval-ms=3600000",
    // a name of its own: the full-stack context in the same JVM is the MBean context=MangaAssist (Hawtio tests)
    "camel.main.name=MangaAssistRouteTest"})
// JMX stays on: camel-test's default turns it off for every Camel context the JVM starts later (a static switch)
@DisableJmx(false)
@MockEndpointsAndSkip("(aws2-ddb|spring-redis|opensearch):.*")
@ExtendWith(ResetBreakers.class)
class PipelineRoutesTest {

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate template;

    @Autowired
    MeterRegistry meters;

    @MockitoBean
    LlmStreamer models;

    @MockitoSpyBean
    IntentStep intent;

    @MockitoSpyBean
    ConversationMemory memory;

    @MockitoSpyBean
    ChatAudit audit;

    @MockitoSpyBean(name = "shopper")
    ChatFrameSender shopper;

    private final List<String> sent = new ArrayList<>();

    @BeforeEach
    void standIns() throws Exception {
        MockEndpoint.resetMocks(camel);
        doNothing().when(memory).saveTurns(any());
        doNothing().when(audit).record(any());
        doNothing().when(audit).recordDeniedSessionAccess(any(), any());
        doAnswer(call -> sent.add(call.getArgument(1))).when(shopper).send(any(), any());
        answersWith("primary-model", "primary").primary(any());
        answersWith("fallback-model", "fallback").fallback(any());
        dynamoDb().whenAnyExchangeReceived(reply -> reply.getMessage().setHeader(Ddb2Constants.ITEMS, List.of()));
        openSearch().whenAnyExchangeReceived(reply -> reply.getMessage().setBody(null)); // no hits
    }

    /** The stand-in model: its first token goes into the answer, as ModelStream's would. */
    private LlmStreamer answersWith(String model, String text) {
        return doAnswer(call -> {
            Exchange exchange = call.getArgument(0);
            Answer answer = ChatExchange.answer(exchange);
            answer.markFirstToken(System.nanoTime(), ChatExchange.request(exchange), ChatExchange.timings(exchange));
            answer.append(text);
            answer.answeredBy(model);
            return null;
        }).when(models);
    }

    @Test
    void everyStepAnsweringGivesAFullAnswerFromThePrimaryModel() throws Exception {
        double answered = requests("answered");
        ChatOutcome outcome = ask("do you have naruto volume 3").outcome;
        assertThat(requests("answered")).isEqualTo(answered + 1);
        assertThat(outcome.level()).isEqualTo("full");
        assertThat(outcome.unavailable()).isEmpty();
        assertThat(outcome.model()).isEqualTo("primary-model");
        assertThat(outcome.timings()).containsKeys("edge", "intent", "memory", "cache", "rag", "context-assembly",
                "e2e_first_token", "e2e_total");
        assertThat(openSearch().getReceivedCounter()).isEqualTo(1);
        // a wireTap: once, for this request (an earlier test's late wireTap may still land here)
        verify(memory, timeout(2000)).saveTurns(argThat(saved -> saved.request().equals(outcome.request())));
    }

    @Test
    void aFailingMemoryReadAnswersWithoutHistory() throws Exception {
        dynamoDb().whenAnyExchangeReceived(reply -> {
            throw new IllegalStateException("DynamoDB unavailable");
        });
        ChatOutcome outcome = ask("do you have naruto volume 3").outcome;
        assertThat(outcome.level()).isEqualTo("no_memory");
        assertThat(outcome.unavailable()).containsExactly("memory");
        assertThat(outcome.timedOut()).isEmpty();
    }

    @Test
    void aFailingCacheIsAMissAndTheAnswerStaysFull() throws Exception {
        redis().whenAnyExchangeReceived(reply -> {
            throw new IllegalStateException("Redis unavailable");
        });
        ChatOutcome outcome = ask("what is your return policy").outcome;
        assertThat(outcome.level()).isEqualTo("full");
        assertThat(outcome.unavailable()).contains("cache");
    }

    @Test
    void aFailingSearchAnswersWithoutKnowledgeAndSaysSo() throws Exception {
        openSearch().whenAnyExchangeReceived(reply -> {
            throw new IllegalStateException("OpenSearch unavailable");
        });
        Asked asked = ask("do you have naruto volume 3");
        assertThat(asked.outcome.level()).isEqualTo("no_rag");
        assertThat(asked.outcome.unavailable()).containsExactly("rag");
        assertThat(asked.exchange.getProperty(ChatExchange.PROMPT, com.mangaassist.pipeline.LlmPrompt.class).system())
                .contains("Store knowledge is unavailable right now");
    }

    @Test
    void aFailingClassifierFallsBackToTheKeywordRules() throws Exception {
        doThrow(new IllegalStateException("classifier broke")).when(intent).classify(any());
        ChatOutcome outcome = ask("where is my order 1234").outcome;
        assertThat(outcome.level()).isEqualTo("no_intent");
        assertThat(outcome.unavailable()).containsExactly("intent");
        assertThat(outcome.intent().source()).isEqualTo("keyword-fallback");
    }

    @Test
    void aClassifierStillRunningAtTheJoinIsReportedTimedOut() throws Exception {
        doAnswer(call -> {
            Thread.sleep(400); // longer than the phase-1 join (250 ms): the stand-in for a stuck classifier
            return call.callRealMethod();
        }).when(intent).classify(any());
        ChatOutcome outcome = ask("do you have naruto volume 3").outcome;
        assertThat(outcome.timedOut()).containsExactly("intent");
        assertThat(outcome.level()).isEqualTo("no_intent");
    }

    @Test
    void aFailingPrimaryModelIsReplacedByTheFallbackModel() throws Exception {
        doThrow(new IllegalStateException("throttled")).when(models).primary(any());
        ChatOutcome outcome = ask("do you have naruto volume 3").outcome;
        assertThat(outcome.model()).isEqualTo("fallback-model");
        assertThat(outcome.level()).isEqualTo("full");
    }

    @Test
    void bothModelsFailingGiveTheCannedAnswerAtOnce() throws Exception {
        doThrow(new IllegalStateException("throttled")).when(models).primary(any());
        doThrow(new IllegalStateException("throttled")).when(models).fallback(any());
        ChatOutcome outcome = ask("do you have naruto volume 3").outcome;
        assertThat(outcome.level()).isEqualTo("canned");
        assertThat(outcome.unavailable()).containsExactly("llm");
        assertThat(outcome.answer()).isNotBlank();
        assertThat(sent).first().asString().contains("\"type\":\"token\"");
        assertThat(sent).last().asString().contains("\"degradation\":\"canned\"");
    }

    @Test
    void anotherUsersSessionIsRefusedAndNothingIsSaved() throws Exception {
        dynamoDb().whenAnyExchangeReceived(reply -> reply.getMessage().setHeader(Ddb2Constants.ITEMS, List.of(
                Map.of("sessionId", AttributeValue.fromS("s"), "turnTs", AttributeValue.fromN("0"),
                        "userId", AttributeValue.fromS("mallory")))));
        Asked asked = ask("what did i ask before");
        assertThat(asked.outcome).isNull();
        assertThat(sent).singleElement().asString().contains("\"code\":\"session_forbidden\"");
        verify(audit).recordDeniedSessionAccess(any(), any());
        String session = ChatExchange.request(asked.exchange).sessionId();
        verify(memory, after(300).never()).saveTurns(argThat(saved -> saved.request().sessionId().equals(session))); // nor later, from a wireTap
        verify(models, never()).primary(any());
    }

    @Test
    void aCachedAnswerForTheSameIntentIsServedWithoutSearchOrModel() throws Exception {
        redis().whenAnyExchangeReceived(reply -> reply.getMessage()
                .setBody("{\"intent\":\"return_policy\",\"answer\":\"Returns within 30 days.\"}"));
        ChatOutcome outcome = ask("what is your return policy").outcome;
        assertThat(outcome.cached()).isTrue();
        assertThat(outcome.answer()).isEqualTo("Returns within 30 days.");
        assertThat(openSearch().getReceivedCounter()).isZero();
        verify(models, never()).primary(any());
    }

    @Test
    void aCachedAnswerStoredForAnotherIntentIsNotServed() throws Exception {
        redis().whenAnyExchangeReceived(reply -> reply.getMessage()
                .setBody("{\"intent\":\"shipping\",\"answer\":\"Ships in 2 days.\"}"));
        ChatOutcome outcome = ask("what is your return policy").outcome;
        assertThat(outcome.cached()).isFalse();
        assertThat(outcome.model()).isEqualTo("primary-model");
    }

    @Test
    void aRequestWhoseTimeLeftNoLongerHoldsRetrievalGoesOnWithoutIt() throws Exception {
        Asked asked = ask("do you have naruto volume 3", 300); // rag's limit is 800 ms
        assertThat(asked.outcome.level()).isEqualTo("no_rag");
        assertThat(asked.outcome.timedOut()).containsExactly("rag");
        assertThat(openSearch().getReceivedCounter()).isZero();
    }

    @Test
    void aFailureAfterTheJoinIsToldToTheShopperAsAnInterruptedAnswer() throws Exception {
        doThrow(new IllegalStateException("socket gone")).when(shopper).send(any(), argThat(frame -> frame.contains("\"type\":\"done\"")));
        double answered = requests("answered");
        double failed = requests("failed");
        Exchange exchange = ask("do you have naruto volume 3").exchange;
        // counted once, as failed: the SLI's denominator sees it, its good-event bucket does not
        assertThat(requests("failed")).isEqualTo(failed + 1);
        assertThat(requests("answered")).isEqualTo(answered);
        // the request's own exchange after the multicast: not mistaken for a branch's copy
        assertThat(exchange.getProperty(Exchange.MULTICAST_INDEX)).isNull();
        assertThat(sent).last().asString().contains("\"type\":\"error\"").contains("\"code\":\"answer_interrupted\"");
    }

    @Test
    void aFailingExchangeThatIsAPhaseOneBranchsCopySendsNoErrorFrame() throws Exception {
        // what a breaker's late call can do: fail a branch's copy (Camel marks it with its multicast index)
        // after the join went on without it; the request itself is answered by its own exchange
        doThrow(new IllegalStateException("late failure")).when(shopper).send(any(), argThat(frame -> frame.contains("\"type\":\"done\"")));
        long now = System.nanoTime();
        Exchange branch = new DefaultExchange(camel);
        ChatExchange.start(branch, new ChatRequest("s-" + UUID.randomUUID(), "r-1", "do you have naruto volume 3", "no-connection",
                now, System.currentTimeMillis(), "alice").admitted("trace-1", now + 3_000_000_000L), false);
        branch.setProperty(Exchange.MULTICAST_INDEX, 1);

        Exchange done = template.send("direct:chat-pipeline", branch);

        assertThat(done.getException()).hasMessage("late failure"); // left to Camel's default handler: logged
        assertThat(sent).noneMatch(frame -> frame.contains("\"type\":\"error\""));
    }

    /** mangaassist.chat.requests for one outcome. */
    private double requests(String outcome) {
        return meters.get("mangaassist.chat.requests").tag("outcome", outcome).counter().count();
    }

    private record Asked(Exchange exchange, ChatOutcome outcome) {
    }

    private Asked ask(String text) {
        return ask(text, 3000);
    }

    private Asked ask(String text, long deadlineMillis) {
        long now = System.nanoTime();
        ChatRequest request = new ChatRequest("s-" + UUID.randomUUID(), "r-1", text, "no-connection", now,
                System.currentTimeMillis(), "alice").admitted("trace-1", now + deadlineMillis * 1_000_000);
        Exchange exchange = new DefaultExchange(camel);
        ChatExchange.start(exchange, request, false);
        Exchange done = template.send("direct:chat-pipeline", exchange);
        assertThat(done.getException()).isNull();
        return new Asked(done, ChatExchange.outcome(done));
    }

    private MockEndpoint dynamoDb() {
        return mock("mock://aws2-ddb:");
    }

    /** The lookup's GET and the store's SETEX (a wireTap), which share one mock. */
    private MockEndpoint redis() {
        return mock("mock://spring-redis:");
    }

    private MockEndpoint openSearch() {
        return mock("mock://opensearch:");
    }

    private MockEndpoint mock(String prefix) {
        return camel.getEndpoints().stream().filter(e -> e.getEndpointUri().startsWith(prefix))
                .map(MockEndpoint.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no mock endpoint " + prefix + " in " + camel.getEndpoints()));
    }
}
