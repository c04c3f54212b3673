package com.mangaassist.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.mangaassist.LocalBackendPorts;
import com.mangaassist.MangaAssistApplication;
import com.mangaassist.aws.AwsSettings;
import com.mangaassist.backends.TestBackends;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.TableProvisioner;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The service stops (its context closes, as on SIGTERM) while 20 answers stream: readiness goes
 * down, a message sent meanwhile gets a shutting_down frame and is not saved, all 20 answers end
 * with done, every connection is closed with 1012, and every answered turn is in DynamoDB once
 * (read afterwards with a client of the test's own, the service's being closed). The service is a
 * context of this test's own (the full-stack tier's shared one must stay up), on the same backends.
 */
@Tag("full-stack")
class GracefulStopTest {

    private static final int ANSWERS = 20;

    ConfigurableApplicationContext context;
    int wsPort;
    int httpPort;
    DynamoDbSettings settings;
    // DynamoDB Local keeps a database per access key and region: the service's, read before it closes
    AwsCredentials credentials;
    Region region;
    final TestBackends.Bedrock standIn = TestBackends.get().bedrock();

    @BeforeEach
    void startService() {
        context = new SpringApplicationBuilder(MangaAssistApplication.class).initializers(new LocalBackendPorts())
                .properties("server.port=0").run();
        wsPort = context.getEnvironment().getRequiredProperty("mangaassist.ws.port", Integer.class);
        httpPort = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        settings = context.getBean(DynamoDbSettings.class);
        credentials = context.getBean(AwsCredentialsProvider.class).resolveCredentials();
        region = Region.of(context.getBean(AwsSettings.class).region());
    }

    @AfterEach
    void stopService() {
        context.close(); // closed already by the test, unless it failed first
    }

    @Test
    void answersInFlightFinishNewMessagesAreRefusedAndClientsSee1012() throws Exception {
        Duration delay = standIn.firstTokenDelay();
        double rate = standIn.tokensPerSecond();
        standIn.pace(Duration.ofMillis(100), 25); // answers of a few seconds: the stop begins while all stream
        List<ChatClient> clients = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        List<Long> sent = new ArrayList<>();
        ChatClient late = new ChatClient(wsPort);
        try {
            for (int i = 0; i < ANSWERS; i++) {
                ChatClient client = new ChatClient(wsPort);
                clients.add(client);
                String session = "stop-" + UUID.randomUUID();
                String request = "r-" + UUID.randomUUID();
                sessions.add(session);
                requests.add(request);
                sent.add(client.send(session, request, "can you recommend a dark fantasy manga like berserk? " + ChatClient.uniqueWords()));
            }
            // every answer has its first token: all 20 are streaming
            for (int i = 0; i < ANSWERS; i++) {
                clients.get(i).awaitFrame(requests.get(i), "token", Duration.ofSeconds(20));
            }
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(context::close);
            awaitReadiness(503);

            String lateSession = "stop-late-" + UUID.randomUUID();
            String lateRequest = "r-" + UUID.randomUUID();
            long lateSent = late.send(lateSession, lateRequest, "is one piece volume 1 in stock?");
            ChatClient.Answer refused = late.collect(lateRequest, lateSent, Duration.ofSeconds(10));
            assertThat(refused.last().path("type").asText()).isEqualTo("error");
            assertThat(refused.last().path("code").asText()).isEqualTo("shutting_down");
            assertThat(refused.last().path("retryAfterMs").asLong()).isPositive();
            assertThat(refused.tokens()).isEmpty();

            for (int i = 0; i < ANSWERS; i++) {
                ChatClient.Answer answer = clients.get(i).collect(requests.get(i), sent.get(i), Duration.ofSeconds(40));
                assertThat(answer.last().path("type").asText()).as("answer %d", i).isEqualTo("done");
                assertThat(answer.text()).isNotBlank();
            }
            for (ChatClient client : clients) {
                assertThat(client.closed().get(30, TimeUnit.SECONDS)).isEqualTo(1012);
            }
            assertThat(late.closed().get(30, TimeUnit.SECONDS)).isEqualTo(1012);
            stopping.get(60, TimeUnit.SECONDS);

            try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:" + TestBackends.get().port("dynamodb.port")))
                    .region(region)
                    .credentialsProvider(StaticCredentialsProvider.create(credentials))
                    .build()) {
                for (String session : sessions) {
                    assertThat(turns(dynamoDb, session)).as("turns of %s", session).hasSize(2);
                }
                assertThat(turns(dynamoDb, lateSession)).as("the refused message").isEmpty();
            }
        } finally {
            standIn.pace(delay, rate);
            clients.forEach(ChatClient::close);
            late.close();
        }
    }

    private List<Map<String, AttributeValue>> turns(DynamoDbClient dynamoDb, String session) {
        return dynamoDb.query(b -> b.tableName(settings.conversationTable())
                        .keyConditionExpression(TableProvisioner.SESSION_ID + " = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(session))))
                .items().stream().filter(item -> item.containsKey("role")).toList();
    }

    private void awaitReadiness(int status) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == status);
    }
}
