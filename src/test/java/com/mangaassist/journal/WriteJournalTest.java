package com.mangaassist.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The journal file itself: survives a restart in order, truncates a torn last line at start, sets an
 * unreadable line aside, is bounded in bytes without losing what was accepted, compacts as it empties,
 * and tells which sessions have writes waiting.
 */
class WriteJournalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private static PendingWrite write(int n) {
        return write("s", n);
    }

    private static PendingWrite write(String session, int n) {
        return new PendingWrite("turns", List.of(Map.of(
                "sessionId", AttributeValue.fromS(session),
                "turnTs", AttributeValue.fromN(Integer.toString(n)),
                "interrupted", AttributeValue.fromBool(n % 2 == 0),
                "passages", AttributeValue.fromL(List.of(AttributeValue.fromS("p" + n))))));
    }

    private Path file() {
        return directory.resolve("dynamodb-writes.journal");
    }

    @Test
    void entriesSurviveARestartInOrderAndATornLastLineIsTruncatedAtStart() throws IOException {
        try (WriteJournal journal = new WriteJournal(directory, 1 << 20)) {
            for (int n = 1; n <= 5; n++) {
                journal.append(write(n));
            }
        }
        long whole = Files.size(file());
        // a crash in the middle of the sixth append leaves half a line
        Files.writeString(file(), "{\"table\":\"turns\",\"ite", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (WriteJournal reopened = new WriteJournal(directory, 1 << 20)) {
            assertThat(Files.size(file())).as("the torn tail is cut off before anything is appended").isEqualTo(whole);
            assertThat(reopened.size()).isEqualTo(5);
            reopened.append(write(6)); // a whole line of its own, not merged into the torn one
        }
        try (WriteJournal again = new WriteJournal(directory, 1 << 20)) {
            assertThat(again.size()).isEqualTo(6);
            for (int n = 1; n <= 6; n++) {
                assertThat(again.peekFirst()).isEqualTo(write(n));
                again.removeFirst();
            }
            assertThat(again.isEmpty()).isTrue();
            assertThat(Files.size(again.file())).isZero();
        }
    }

    @Test
    void anUnreadableLineInTheMiddleGoesToTheDeadLetterFileAndTheRestStays() throws IOException {
        try (WriteJournal journal = new WriteJournal(directory, 1 << 20)) {
            journal.append(write(1));
        }
        Files.writeString(file(), "{\"table\":\"turns\",\"items\":[{\"turnTs\":{\"X\":\"1\"}}]}\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (WriteJournal journal = new WriteJournal(directory, 1 << 20)) {
            journal.append(write(2));
        }
        try (WriteJournal journal = new WriteJournal(directory, 1 << 20)) {
            assertThat(journal.deadLetteredAtStart()).isZero(); // set aside by the previous start, not again
            assertThat(journal.size()).isEqualTo(2);
            assertThat(journal.peekFirst()).isEqualTo(write(1));
            journal.removeFirst();
            assertThat(journal.peekFirst()).isEqualTo(write(2));
        }
        List<String> dead = Files.readAllLines(directory.resolve("dynamodb-writes.deadletter"));
        assertThat(dead).singleElement().satisfies(line -> {
            JsonNode record = JSON.readTree(line);
            assertThat(record.path("reason").asText()).contains("unreadable");
            assertThat(record.path("entry").path("items").get(0).path("turnTs").path("X").asText()).isEqualTo("1");
        });
    }

    @Test
    void theBoundIsInBytesAndAFullJournalStillKeepsWhatWasAccepted() throws IOException {
        int line = (write(1).toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8).length;
        try (WriteJournal journal = new WriteJournal(directory, 2L * line)) {
            journal.append(write(1));
            assertThat(journal.isFull()).isFalse();
            journal.append(write(3));
            assertThat(journal.bytes()).isEqualTo(2L * line);
            assertThat(journal.isFull()).as("new messages are refused from here").isTrue();
            journal.append(write(5)); // the turn of a message accepted before: kept, never dropped
            assertThat(journal.size()).isEqualTo(3);
            journal.removeFirst();
            journal.removeFirst();
            assertThat(journal.isFull()).isFalse();
        }
    }

    @Test
    void replayedEntriesAreCompactedAwayAndTheRestIsReadFromDisk() throws IOException {
        int total = 6000;
        int replayed = 4000;
        String text = "x".repeat(300);
        java.util.function.IntFunction<PendingWrite> big = n -> new PendingWrite("turns", List.of(Map.of(
                "sessionId", AttributeValue.fromS("s"), "turnTs", AttributeValue.fromN(Integer.toString(n)),
                "text", AttributeValue.fromS(text))));
        long rest = 0;
        for (int n = replayed + 1; n <= total; n++) {
            rest += (big.apply(n).toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8).length;
        }
        try (WriteJournal journal = new WriteJournal(directory, 64L << 20)) {
            for (int n = 1; n <= total; n++) {
                journal.append(big.apply(n));
            }
            long full = Files.size(file());
            assertThat(full).isGreaterThan(2L << 20);
            for (int n = 1; n <= replayed; n++) {
                assertThat(journal.peekFirst()).isEqualTo(big.apply(n));
                journal.removeFirst();
            }
            assertThat(journal.bytes()).isEqualTo(rest);
            assertThat(Files.size(file())).as("compacted as it empties").isLessThan(full * 3 / 4);
        }
        try (WriteJournal reopened = new WriteJournal(directory, 64L << 20)) {
            long left = reopened.size();
            assertThat(left).isLessThan(total - replayed / 2).isGreaterThanOrEqualTo(total - replayed);
            // what was not compacted away replays again (idempotent puts); the order holds
            PendingWrite first = reopened.peekFirst();
            assertThat(Integer.parseInt(first.items().get(0).get("turnTs").n())).isEqualTo(total - (int) left + 1);
        }
    }

    @Test
    void itTellsWhichSessionsHaveWritesWaiting() throws IOException {
        try (WriteJournal journal = new WriteJournal(directory, 1 << 20)) {
            journal.append(write("a", 1));
            journal.append(write("a", 2));
            journal.append(write("b", 3));
            assertThat(journal.hasPending(write("a", 9).orderKey())).isTrue();
            assertThat(journal.hasPending(write("c", 9).orderKey())).isFalse();
            journal.removeFirst();
            assertThat(journal.hasPending(write("a", 9).orderKey())).isTrue();
            journal.removeFirst();
            assertThat(journal.hasPending(write("a", 9).orderKey())).isFalse();
            assertThat(journal.hasPending(write("b", 9).orderKey())).isTrue();
        }
        try (WriteJournal reopened = new WriteJournal(directory, 1 << 20)) {
            // counted again from the file at start (nothing was compacted: the removals replay again, idempotent)
            assertThat(reopened.hasPending(write("b", 9).orderKey())).isTrue();
        }
    }
}
