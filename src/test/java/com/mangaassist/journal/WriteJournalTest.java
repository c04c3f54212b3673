package com.mangaassist.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The journal file itself: survives a restart in order, drops a torn last line, is bounded, empties when drained. */
class WriteJournalTest {

    @TempDir
    Path directory;

    private static PendingWrite write(int n) {
        return new PendingWrite("turns", List.of(Map.of(
                "sessionId", AttributeValue.fromS("s"),
                "turnTs", AttributeValue.fromN(Integer.toString(n)),
                "interrupted", AttributeValue.fromBool(n % 2 == 0),
                "passages", AttributeValue.fromL(List.of(AttributeValue.fromS("p" + n))))));
    }

    @Test
    void entriesSurviveARestartInOrderAndATornLastLineIsDropped() throws IOException {
        try (WriteJournal journal = new WriteJournal(directory, 100)) {
            for (int n = 1; n <= 5; n++) {
                journal.append(write(n));
            }
        }
        // a crash in the middle of the sixth append leaves half a line
        Files.writeString(directory.resolve("dynamodb-writes.journal"), "{\"table\":\"turns\",\"ite",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (WriteJournal reopened = new WriteJournal(directory, 100)) {
            assertThat(reopened.size()).isEqualTo(5);
            for (int n = 1; n <= 5; n++) {
                assertThat(reopened.peekFirst()).isEqualTo(write(n));
                reopened.removeFirst();
            }
            assertThat(reopened.isEmpty()).isTrue();
            assertThat(Files.size(reopened.file())).isZero();
            // appends after the recovery are whole lines again
            reopened.append(write(7));
        }
        try (WriteJournal again = new WriteJournal(directory, 100)) {
            assertThat(again.peekFirst()).isEqualTo(write(7));
        }
    }

    @Test
    void aFullJournalRefusesMore() throws IOException {
        try (WriteJournal journal = new WriteJournal(directory, 2)) {
            journal.append(write(1));
            journal.append(write(2));
            assertThat(journal.isFull()).isTrue();
            assertThatThrownBy(() -> journal.append(write(3))).isInstanceOf(IOException.class).hasMessageContaining("full");
            assertThat(journal.size()).isEqualTo(2);
        }
    }
}
