package com.mangaassist.report;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /reports/weekly?week=2026-W47} (HTML with SVG charts) and {@code GET /reports/weekly.json?week=...};
 * without {@code week}, the last complete ISO week. A malformed week is a 400.
 */
@RestController
public class ReportController {

    private final WeeklyReport report;
    private final WeeklyReportPage page;

    public ReportController(WeeklyReport report, WeeklyReportPage page) {
        this.report = report;
        this.page = page;
    }

    @GetMapping(value = "/reports/weekly", produces = MediaType.TEXT_HTML_VALUE)
    public String html(@RequestParam(required = false) String week) {
        return page.render(report.build(weekOrLast(week)));
    }

    @GetMapping(value = "/reports/weekly.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> json(@RequestParam(required = false) String week) {
        return report.build(weekOrLast(week));
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
