package com.mangaassist.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes a week's report as HTML and JSON files (the Monday-morning cron route calls it for the week before). */
@Component("weeklyReportWriter")
public class WeeklyReportWriter {

    private static final Logger LOG = LoggerFactory.getLogger(WeeklyReportWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WeeklyReport report;
    private final WeeklyReportPage page;
    private final Path directory;

    public WeeklyReportWriter(WeeklyReport report, WeeklyReportPage page, ReportSettings settings) {
        this.report = report;
        this.page = page;
        this.directory = settings.dir();
    }

    public Path writePreviousWeek() throws IOException {
        return write(WeeklyReport.isoWeek(LocalDate.now(Clock.systemUTC()).minusWeeks(1)));
    }

    public Path write(String isoWeek) throws IOException {
        WeeklyReport.monday(isoWeek); // a well-formed week, before it becomes part of a file name
        Map<String, Object> body = report.build(isoWeek);
        Files.createDirectories(directory);
        Path html = htmlFile(isoWeek);
        writeAtomically(jsonFile(isoWeek), JSON.writeValueAsString(body));
        writeAtomically(html, page.render(body)); // last: its presence means both files are complete
        LOG.info("Weekly latency report {} written to {}", isoWeek, html.toAbsolutePath());
        return html;
    }

    public Path htmlFile(String isoWeek) {
        return directory.resolve("mangaassist-weekly-" + isoWeek + ".html");
    }

    public Path jsonFile(String isoWeek) {
        return directory.resolve("mangaassist-weekly-" + isoWeek + ".json");
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
