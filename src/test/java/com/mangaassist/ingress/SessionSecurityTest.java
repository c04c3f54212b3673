package com.mangaassist.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.TableProvisioner;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The chat WebSocket against the running service: who may connect (token, origin), whose
 * conversation a user may read, and how floods are answered.
 */
@LocalProfileTest
class SessionSecurityTest {

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Autowired
    DynamoDbClient dynamoDb;

    @Autowired
    DynamoDbSettings tables;

    private int handshakeStatus(String token, String origin) throws Exception {
        return handshakeStatus("", origin, token == null ? new String[0] : TestTokens.protocolsFor(token));
    }

    private int handshakeStatus(String query, String origin, String... protocols) throws Exception {
        var builder = TestTokens.offer(HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)),
                protocols);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            WebSocket socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + wsPort + "/chat" + query),
                    new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
            socket.abort();
            return 101;
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    @Test
    void forgedExpiredOrMissingTokensAreRefusedAtTheHandshake() throws Exception {
        String forged = new SessionTokens("some-other-key-that-is-at-least-32-bytes").issue("mallory", Duration.ofHours(1));
        Clock lastWeek = Clock.fixed(Instant.now().minus(Duration.ofDays(7)), ZoneOffset.UTC);
        String expired = TestTokens.signerAt(lastWeek).issue("alice", Duration.ofHours(1));
        String valid = TestTokens.forUser("alice");
        String tampered = valid.substring(0, valid.lastIndexOf('.') - 2) + "xx" + valid.substring(valid.lastIndexOf('.'));

        assertThat(handshakeStatus(forged, null)).isEqualTo(401);
        assertThat(handshakeStatus(expired, null)).isEqualTo(401);
        assertThat(handshakeStatus(tampered, null)).isEqualTo(401);
        assertThat(handshakeStatus(null, null)).isEqualTo(401);
        assertThat(handshakeStatus("", null, HandshakeGuard.APP_PROTOCOL)).isEqualTo(401); // the protocol, no token
        assertThat(handshakeStatus(valid, null)).isEqualTo(101);
    }

    @Test
    void theSessionTokenIsNeverTakenFromTheUrl() throws Exception {
        String valid = TestTokens.forUser("alice");
        String inUrl = "?access_token=" + URLEncoder.encode(valid, StandardCharsets.UTF_8);
        // as the URL used to carry it: refused, even with the token also offered the right way
        assertThat(handshakeStatus(inUrl, null, new String[0])).isEqualTo(401);
        assertThat(handshakeStatus(inUrl, null, TestTokens.protocolsFor(valid))).isEqualTo(401);
        // the token without the chat protocol: refused (the server could select no protocol of the client's)
        assertThat(handshakeStatus("", null, HandshakeGuard.TOKEN_PROTOCOL_PREFIX + valid)).isEqualTo(401);
        try (ChatClient client = new ChatClient(wsPort, "", TestTokens.protocolsFor(valid))) {
            assertThat(client.subprotocol()).isEqualTo(HandshakeGuard.APP_PROTOCOL); // never echoes the token back
            assertThat(client.ask("s-" + UUID.randomUUID(), "what is your shipping policy?").last().path("type").asText())
                    .isEqualTo("done");
        }
    }

    @Test
    void browsersFromOriginsNotOnTheAllowListAreRefused() throws Exception {
        String valid = TestTokens.forUser("alice");
        assertThat(handshakeStatus(valid, "https://evil.example")).isEqualTo(403);
        assertThat(handshakeStatus(valid, "http://localhost:8080")).isEqualTo(101);
    }

    @Test
    void aUserCannotReadOrWriteAnotherUsersSessionAndTheAttemptIsAudited() throws Exception {
        String session = "s-owned-" + UUID.randomUUID();
        try (ChatClient bob = ChatClient.asUser(wsPort, "bob-" + session);
             ChatClient alice = ChatClient.asUser(wsPort, "alice-" + session)) {
            assertThat(bob.ask(session, "do you have one piece volume 1?").last().path("type").asText()).isEqualTo("done");
            await().atMost(Duration.ofSeconds(10)).until(() -> turns(session).size() == 2); // saved off the critical path

            ChatClient.Answer probe = alice.ask(session, "what did I ask before?");
            JsonNode refused = probe.last();
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("session_forbidden");
            assertThat(probe.tokens()).isEmpty(); // nothing of bob's conversation, nor an answer, reached alice

            await().atMost(Duration.ofSeconds(10)).until(() -> deniedAudits(session).size() == 1);
            Map<String, AttributeValue> audit = deniedAudits(session).get(0);
            assertThat(audit.get("userId").s()).isEqualTo("alice-" + session);
            assertThat(audit.get("sessionOwner").s()).isEqualTo("bob-" + session);

            // bob's conversation is untouched and still his
            // and stays so once the refused request's wireTaps had their chance
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(turns(session))
                    .hasSize(2).allSatisfy(t -> assertThat(t.get("userId").s()).isEqualTo("bob-" + session)));
            assertThat(bob.ask(session, "and volume 2?").last().path("type").asText()).isEqualTo("done");
        }
    }

    @Test
    void aSessionSavedBeforeTurnsHadUsersIsReadByNoOneAndClaimedByNoOne() throws Exception {
        String legacy = "s-legacy-" + UUID.randomUUID();
        dynamoDb.putItem(b -> b.tableName(tables.conversationTable()).item(Map.of(
                TableProvisioner.SESSION_ID, AttributeValue.fromS(legacy),
                TableProvisioner.TURN_TS, AttributeValue.fromN("1700000000000000"),
                "role", AttributeValue.fromS("user"),
                "text", AttributeValue.fromS("my address is 1 secret lane"))));
        try (ChatClient alice = ChatClient.asUser(wsPort, "alice-" + legacy)) {
            ChatClient.Answer answer = alice.ask(legacy, "repeat our conversation");
            assertThat(answer.last().path("code").asText()).isEqualTo("session_forbidden");
            assertThat(answer.tokens()).isEmpty();
        }
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)) // not claimed, not even later
                .until(() -> new com.mangaassist.memory.SavedTurns(dynamoDb, tables).owner(legacy) == null);
    }

    @Test
    void aFloodOnOneConnectionIsRateLimitedWithRetryAfterAndRecovers() throws Exception {
        try (ChatClient client = new ChatClient(wsPort)) {
            for (int i = 0; i < 30; i++) {
                client.sendRaw("not json " + i);
            }
            List<JsonNode> replies = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                replies.add(client.next(Duration.ofSeconds(5)).json());
            }
            List<JsonNode> limited = replies.stream().filter(r -> "rate_limited".equals(r.path("code").asText())).toList();
            assertThat(limited).isNotEmpty();
            assertThat(replies.stream().filter(r -> "invalid_json".equals(r.path("code").asText())).count())
                    .isBetween(10L, 20L); // the burst, plus what refilled while the flood was read
            long retryAfter = limited.get(limited.size() - 1).path("retryAfterMs").asLong();
            assertThat(retryAfter).isPositive();

            Thread.sleep(retryAfter + 50);
            assertThat(client.ask("s-" + UUID.randomUUID(), "do you have naruto volume 1?").last().path("type").asText())
                    .isEqualTo("done");
        }
    }

    /**
     * Messages sent faster than the connection's frame rate: every one gets a reply naming its
     * requestId, its answer or a rate_limited refusal, so a client waiting for that id is never left
     * waiting (TurnJournalTest hung on an anonymous refusal).
     */
    @Test
    void everyMessageOfAFloodedConnectionIsAnsweredOrRefusedByItsRequestId() throws Exception {
        try (ChatClient client = new ChatClient(wsPort)) {
            String session = "s-" + UUID.randomUUID();
            List<String> requestIds = new ArrayList<>();
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < 16; i++) { // the connection's burst is 10
                String requestId = "r-flood-" + i + "-" + UUID.randomUUID();
                requestIds.add(requestId);
                sent.add(client.send(session, requestId, "what is your return policy? (" + i + ")"));
            }
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < requestIds.size(); i++) {
                JsonNode last = client.collect(requestIds.get(i), sent.get(i), Duration.ofSeconds(20)).last();
                assertThat(last.path("requestId").asText()).isEqualTo(requestIds.get(i));
                outcomes.add("done".equals(last.path("type").asText()) ? "done" : last.path("code").asText());
            }
            assertThat(outcomes).contains("done", "rate_limited").containsOnly("done", "rate_limited");
        }
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void aConnectionThatKeepsSendingRefusedFramesIsClosed() throws Exception {
        double before = meters.get("mangaassist.ws.closed").tag("reason", "refused_frames").counter().count();
        try (ChatClient client = new ChatClient(wsPort)) {
            for (int i = 0; i < 60 && !client.closed().isDone(); i++) {
                client.sendRaw("\u0000" + i);
            }
            assertThat(client.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        }
        assertThat(meters.get("mangaassist.ws.closed").tag("reason", "refused_frames").counter().count())
                .isEqualTo(before + 1);
    }

    @Test
    void aMessageOverTheSizeLimitIsDroppedUnread() throws Exception {
        try (ChatClient client = new ChatClient(wsPort)) {
            // 20 KB (over mangaassist.ws.max-frame-bytes): were it read, it would be refused as missing_field
            client.sendRaw("{\"type\":\"message\",\"text\":\"" + "x".repeat(20_000) + "\"}");
            client.sendRaw("not json");
            JsonNode first = client.next(Duration.ofSeconds(5)).json();
            assertThat(first.path("code").asText()).isEqualTo("invalid_json");
            assertThat(client.next(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void aTokenThatExpiresWhileConnectedStopsBeingHonoured() throws Exception {
        String shortLived = TestTokens.signer().issue("carol", Duration.ofSeconds(2));
        try (ChatClient client = new ChatClient(wsPort, "", TestTokens.protocolsFor(shortLived))) {
            Thread.sleep(2500);
            client.send("s-" + UUID.randomUUID(), "r-expired", "hello?");
            JsonNode reply = client.next(Duration.ofSeconds(5)).json();
            assertThat(reply.path("code").asText()).isEqualTo("unauthorized");
        }
        assertThatThrownBy(() -> TestTokens.signer().verify(shortLived)).hasMessage("expired");
    }

    private List<Map<String, AttributeValue>> turns(String session) {
        return new com.mangaassist.memory.SavedTurns(dynamoDb, tables).of(session);
    }

    private List<Map<String, AttributeValue>> deniedAudits(String session) {
        return new com.mangaassist.analytics.AuditRecords(dynamoDb, tables).of("session_access_denied", session);
    }
}
