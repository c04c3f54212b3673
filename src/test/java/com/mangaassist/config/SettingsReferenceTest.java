package com.mangaassist.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every setting as the settings records and application.properties have it. */
class SettingsReferenceTest {

    @Test
    void theSettingsTableIsCurrent() throws Exception {
        String doc = Files.readString(SettingsReference.DOC);
        assertThat(doc).as("docs/configuration.md is stale: run make docs").isEqualTo(SettingsReference.withTable(doc));
    }

    @Test
    void everySettingOfTheRecordsHasADefaultAndADescription() {
        String table = SettingsReference.table();
        assertThat(table).contains("| `mangaassist.ws.port` | `8181` |", "| `mangaassist.timeouts.rag` | `800` |",
                "| `mangaassist.breakers.rag.slow-call` | `600ms` |");
        for (String row : table.split("\n")) {
            if (row.startsWith("| `mangaassist.")) {
                String[] cells = row.split(" \\| ");
                assertThat(cells[cells.length - 1].replace("|", "").trim()).as("the meaning of " + cells[0]).isNotEmpty();
            }
        }
    }
}
