package com.mangaassist.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

import com.mangaassist.LocalProfileTest;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.SavedTurns;
import com.mangaassist.memory.TableProvisioner;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A journalled write into another owner's session, replayed against DynamoDB Local: refused by the
 * condition, dropped (never retried), reported once; and when reporting it fails (its audit record
 * finds the journal full) the replay still goes on to the writes behind it.
 */
@LocalProfileTest
class RefusedReplayTest {

    @Autowired
    DynamoDbClient dynamoDb;

    @Autowired
    DynamoDbSettings settings;

    private Map<String, AttributeValue> item(String session, long ts, String user, String role) {
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>();
        item.put(TableProvisioner.SESSION_ID, AttributeValue.fromS(session));
        item.put(TableProvisioner.TURN_TS, AttributeValue.fromN(Long.toString(ts)));
        item.put("userId", AttributeValue.fromS(user));
        if (role != null) {
            item.put("role", AttributeValue.fromS(role));
            item.put("text", AttributeValue.fromS(role + " of " + user));
        }
        return item;
    }

    @Test
    void aRefusedWriteLeavesTheJournalAndTheWritesBehindItGoIn() throws Exception {
        String table = settings.conversationTable();
        String bobs = "s-refused-" + UUID.randomUUID();
        String carols = "s-after-" + UUID.randomUUID();
        dynamoDb.putItem(b -> b.tableName(table).item(item(bobs, 0, "bob", null))); // bob owns it

        Path directory = Files.createTempDirectory(Path.of("target"), "refused-replay-");
        try (WriteJournal journal = new WriteJournal(directory, 1 << 20)) {
            journal.append(new PendingWrite(table, List.of(item(bobs, 10, "mallory", "user")), item(bobs, 0, "mallory", null), "userId"));
            journal.append(new PendingWrite(table, List.of(item(carols, 10, "carol", "user")), item(carols, 0, "carol", null), "userId"));
        }
        List<SessionWriteRefused> published = new ArrayList<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DurableDynamoWriter writer = new DurableDynamoWriter(dynamoDb, meters, event -> {
            published.add((SessionWriteRefused) event);
            throw new IllegalStateException("audit journal full"); // the report itself fails
        }, new JournalSettings(directory, DataSize.ofMegabytes(1), 1, Duration.ofMillis(1), Duration.ofHours(1), Duration.ofSeconds(1)));
        try {
            assertThat(writer.pending()).isEqualTo(2);
            writer.replay();
            assertThat(writer.pending()).isZero(); // nothing stuck at the head
            writer.replay();
        } finally {
            writer.stop();
        }
        assertThat(published).singleElement().satisfies(r -> assertThat(r.write().owner()).isEqualTo("mallory"));
        assertThat(meters.get("mangaassist.journal.refused").counter().count()).isEqualTo(1.0);
        SavedTurns saved = new SavedTurns(dynamoDb, settings);
        assertThat(saved.of(bobs)).isEmpty();
        assertThat(saved.owner(bobs)).isEqualTo("bob");
        assertThat(saved.of(carols)).singleElement().satisfies(t -> assertThat(t.get("userId").s()).isEqualTo("carol"));
        assertThat(saved.owner(carols)).isEqualTo("carol");
    }
}
