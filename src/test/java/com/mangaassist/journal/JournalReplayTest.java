package com.mangaassist.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.SavedTurns;
import com.mangaassist.memory.TableProvisioner;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The journal against DynamoDB Local: entries DynamoDB rejects as they are (a missing key, a plain
 * put and an owned transaction) and an unreadable line go to the dead-letter file, counted, and the
 * writes behind them go in; a session with writes journaled queues new ones behind them while
 * another session's go straight to the table.
 */
@LocalProfileTest
class JournalReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    DynamoDbClient dynamoDb;

    @Autowired
    DynamoDbSettings settings;

    private static Map<String, AttributeValue> turn(String session, long ts, String user) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(TableProvisioner.SESSION_ID, AttributeValue.fromS(session));
        if (ts >= 0) {
            item.put(TableProvisioner.TURN_TS, AttributeValue.fromN(Long.toString(ts)));
        }
        item.put("userId", AttributeValue.fromS(user));
        item.put("role", AttributeValue.fromS("user"));
        item.put("text", AttributeValue.fromS("turn " + ts + " of " + user));
        return item;
    }

    private static Map<String, AttributeValue> owner(String session, String user) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(TableProvisioner.SESSION_ID, AttributeValue.fromS(session));
        item.put(TableProvisioner.TURN_TS, AttributeValue.fromN("0"));
        item.put("userId", AttributeValue.fromS(user));
        return item;
    }

    private DurableDynamoWriter writer(Path directory, SimpleMeterRegistry meters) throws Exception {
        return new DurableDynamoWriter(dynamoDb, meters, event -> { },
                new JournalSettings(directory, DataSize.ofMegabytes(1), 1, Duration.ofMillis(1), Duration.ofHours(1),
                        Duration.ofSeconds(1)));
    }

    @Test
    void rejectedEntriesAreDeadLetteredAndReplayGoesOn() throws Exception {
        String table = settings.conversationTable();
        String carol = "s-carol-" + UUID.randomUUID();
        String dave = "s-dave-" + UUID.randomUUID();
        String erin = "s-erin-" + UUID.randomUUID();
        Path directory = Files.createTempDirectory(Path.of("target"), "journal-replay-");
        try (WriteJournal journal = new WriteJournal(directory, 1 << 20)) {
            journal.append(new PendingWrite(table, List.of(turn(carol, 10, "carol"))));
            journal.append(new PendingWrite(table, List.of(turn(carol, -1, "carol")))); // no sort key: never valid
            journal.append(new PendingWrite(table, List.of(turn(dave, -1, "dave")), owner(dave, "dave"), "userId"));
            journal.append(new PendingWrite(table, List.of(turn(erin, 10, "erin")), owner(erin, "erin"), "userId"));
        }
        Files.writeString(directory.resolve("dynamodb-writes.journal"), "not json\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Path later = Files.createTempDirectory(Path.of("target"), "journal-replay-later-");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DurableDynamoWriter writer = writer(directory, meters);
        try {
            assertThat(writer.pending()).isEqualTo(4);
            assertThat(meters.get("mangaassist.journal.dead_lettered").counter().count()).isEqualTo(1.0);
            writer.replay();
            assertThat(writer.pending()).as("nothing stuck at the head").isZero();
        } finally {
            writer.stop();
        }
        assertThat(meters.get("mangaassist.journal.dead_lettered").counter().count()).isEqualTo(3.0);
        assertThat(meters.get("mangaassist.journal.replayed").counter().count()).isEqualTo(2.0);
        SavedTurns saved = new SavedTurns(dynamoDb, settings);
        assertThat(saved.of(carol)).singleElement().satisfies(t -> assertThat(t.get("turnTs").n()).isEqualTo("10"));
        assertThat(saved.of(erin)).hasSize(1);
        assertThat(saved.of(dave)).isEmpty();
        List<String> dead = Files.readAllLines(directory.resolve("dynamodb-writes.deadletter"));
        assertThat(dead).hasSize(3);
        assertThat(dead).anySatisfy(line -> assertThat(JSON.readTree(line).path("raw").asText()).isEqualTo("not json"));
        assertThat(dead.stream().filter(line -> line.contains("ValidationE"))).hasSize(2);

        // a rejected write never journaled: straight to the dead letters, the journal untouched
        SimpleMeterRegistry fresh = new SimpleMeterRegistry();
        DurableDynamoWriter direct = writer(later, fresh);
        try {
            direct.put(table, List.of(turn(carol, -1, "carol")));
            assertThat(direct.pending()).isZero();
            assertThat(fresh.get("mangaassist.journal.dead_lettered").counter().count()).isEqualTo(1.0);
            assertThat(fresh.get("mangaassist.journal.appended").counter().count()).isZero();
        } finally {
            direct.stop();
        }
        assertThat(Files.readAllLines(later.resolve("dynamodb-writes.deadletter"))).hasSize(1);
    }

    @Test
    void aSessionWithJournaledWritesQueuesBehindThemAndOthersGoStraightIn() throws Exception {
        String table = settings.conversationTable();
        String waiting = "s-waiting-" + UUID.randomUUID();
        String other = "s-other-" + UUID.randomUUID();
        Path directory = Files.createTempDirectory(Path.of("target"), "journal-order-");
        try (WriteJournal journal = new WriteJournal(directory, 1 << 20)) {
            journal.append(new PendingWrite(table, List.of(turn(waiting, 10, "fay")), owner(waiting, "fay"), "userId"));
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DurableDynamoWriter writer = writer(directory, meters);
        SavedTurns saved = new SavedTurns(dynamoDb, settings);
        try {
            writer.putOwned(table, owner(other, "gus"), "userId", List.of(turn(other, 20, "gus")));
            assertThat(saved.of(other)).as("another session's write goes straight in").hasSize(1);
            writer.putOwned(table, owner(waiting, "fay"), "userId", List.of(turn(waiting, 20, "fay")));
            assertThat(saved.of(waiting)).as("queued behind the journaled one, not ahead of it").isEmpty();
            assertThat(writer.pending()).isEqualTo(2);
            assertThat(meters.get("mangaassist.journal.appended").counter().count()).isEqualTo(1.0);
            writer.replay();
            assertThat(writer.pending()).isZero();
        } finally {
            writer.stop();
        }
        assertThat(saved.of(waiting)).extracting(t -> t.get("turnTs").n()).containsExactly("10", "20");
        assertThat(saved.owner(waiting)).isEqualTo("fay");
    }
}
