package com.mangaassist.report;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code GET /reports/weekly?week=2026-W47} (HTML with SVG charts) and {@code GET /reports/weekly.json?week=...};
 * without {@code week}, the last complete ISO week. A malformed week is a 400.
 *
 * <p>A report is read from the files the Monday route writes, never built per request (a build is one
 * DynamoDB query per hour and series of the week: 1.6 s on a nearly empty table). A complete week
 * without its files gets them written on its first GET; the week still running is built at most once
 * per {@code mangaassist.reports.current-week-ttl} and kept in memory.
 */
@RestController
public class ReportController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WeeklyReport report;
    private final WeeklyReportPage page;
    private final WeeklyReportWriter files;
    private final Duration currentWeekTtl;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Built> running = new ConcurrentHashMap<>();

    private record Built(Instant at, String html, String json) {
    }

    public ReportController(WeeklyReport report, WeeklyReportPage page, WeeklyReportWriter files,
                            ReportSettings settings) {
        this.maxAge = settings.maxAge();
        this.report = report;
        this.page = page;
        this.files = files;
        this.currentWeekTtl = settings.currentWeekTtl();
        this.clock = Clock.systemUTC();
    }

    @GetMapping(value = "/reports/weekly", produces = MediaType.TEXT_HTML_VALUE)
    public String html(@RequestParam(required = false) String week) throws IOException {
        return read(weekOrLast(week), true);
    }

    @GetMapping(value = "/reports/weekly.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public String json(@RequestParam(required = false) String week) throws IOException {
        return read(weekOrLast(week), false);
    }

    private String read(String week, boolean html) throws IOException {
        LocalDate monday = WeeklyReport.monday(week);
        LocalDate today = LocalDate.now(clock);
        if (monday.isAfter(today)) {
            throw new IllegalArgumentException("week " + week + " has not started");
        }
        if (monday.plusWeeks(1).isBefore(today.minusDays(maxAge.toDays()))) {
            // every such GET would build and write a report of a week no rollup is kept for
            throw new IllegalArgumentException("week " + week + " is older than mangaassist.reports.max-age");
        }
        if (!monday.plusWeeks(1).isAfter(today)) {
            return fromFiles(week, html);
        }
        Built built = running.compute(week, (w, cached) -> cached != null
                && cached.at().plus(currentWeekTtl).isAfter(clock.instant()) ? cached : build(w));
        return html ? built.html() : built.json();
    }

    /** A complete week: its files, written now if the Monday route has not (one build per week, not per GET). */
    private synchronized String fromFiles(String week, boolean html) throws IOException {
        if (!Files.exists(files.htmlFile(week))) {
            files.write(week);
        }
        return Files.readString(html ? files.htmlFile(week) : files.jsonFile(week));
    }

    private Built build(String week) {
        Map<String, Object> body = report.build(week);
        try {
            return new Built(clock.instant(), page.render(body), JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String weekOrLast(String week) {
        return week == null || week.isBlank() ? WeeklyReport.isoWeek(LocalDate.now(Clock.systemUTC()).minusWeeks(1)) : week;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public Map<String, String> badWeek(IllegalArgumentException e) {
        return Map.of("error", e.getMessage());
    }
}
