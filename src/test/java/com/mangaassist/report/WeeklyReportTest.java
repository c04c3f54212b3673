package com.mangaassist.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.HeadlessChromium;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.ManualClock;
import com.mangaassist.journal.DurableDynamoWriter;
import com.mangaassist.memory.DynamoDbSettings;

/**
 * A simulated week of traffic (injected clock) goes through the real rollup path: recorded into
 * hourly histograms, flushed to DynamoDB Local each hour, read back and merged by the report.
 * The report's per-day percentiles must match percentiles computed directly from the same samples
 * (within the histograms' 1% precision), and its HTML must render in headless Chromium.
 */
@LocalProfileTest
class WeeklyReportTest {

    /** Far from the real clock, so live test traffic never lands in these hours. */
    private static final String WEEK = "2025-W10";
    private static final Instant MONDAY = Instant.parse("2025-03-03T00:00:00Z");

    @Autowired
    DurableDynamoWriter writer;

    @Autowired
    DynamoDbSettings settings;

    @Autowired
    WeeklyReport report;

    @Autowired
    RollupReader reader;

    @Autowired
    TestRestTemplate http;

    @LocalServerPort
    int httpPort;

    @Autowired
    WeeklyReportWriter files;

    @Test
    void aSimulatedWeeksReportMatchesPercentilesComputedFromTheSamplesAndRenders() throws Exception {
        ManualClock clock = new ManualClock(MONDAY.minus(Duration.ofDays(7)));
        LatencyRollups rollups = new LatencyRollups(writer, settings, "sim-week", clock);
        Random random = new Random(47);
        // the week before: a little traffic, faster, for the trend
        simulate(rollups, clock, random, 7, 4, 0.8, new HashMap<>(), new int[1], new HashMap<>());

        clock.set(MONDAY);
        Map<Integer, Map<String, List<Long>>> samples = new HashMap<>();
        int[] slowOrNone = new int[1];
        Map<String, Integer> degraded = new HashMap<>();
        simulate(rollups, clock, random, 7, 30, 1.0, samples, slowOrNone, degraded);

        JsonNode body = http.getForObject("/reports/weekly.json?week=" + WEEK, JsonNode.class);
        assertThat(body.path("week").asText()).isEqualTo(WEEK);
        assertThat(body.path("days")).hasSize(7);
        for (int day = 0; day < 7; day++) {
            JsonNode stats = body.path("days").get(day).path("series");
            for (Map.Entry<String, List<Long>> series : samples.get(day).entrySet()) {
                List<Long> sorted = new ArrayList<>(series.getValue());
                sorted.sort(null);
                for (int p : new int[] {50, 95, 99}) {
                    long exact = sorted.get((int) Math.ceil(p / 100.0 * sorted.size()) - 1);
                    long reported = stats.path(series.getKey()).path("p" + p).asLong();
                    assertThat((double) reported).as("day %d %s p%d", day, series.getKey(), p)
                            .isCloseTo(exact, org.assertj.core.data.Offset.offset(exact * 0.01 + 1));
                }
            }
        }
        // SLO and degraded counts from the same samples
        JsonNode slo = body.path("slo");
        long requests = 7L * 24 * 30;
        assertThat(slo.path("requests").asLong()).isEqualTo(requests);
        assertThat((double) slo.path("slow").asLong()).isCloseTo(slowOrNone[0], org.assertj.core.data.Offset.offset(requests * 0.005));
        // the SLA beside the objective: the week's p95 first token, a request with no token beyond it
        List<Long> firstTokens = new ArrayList<>();
        samples.values().forEach(day -> firstTokens.addAll(day.getOrDefault("e2e_first_token", List.of())));
        firstTokens.sort(null);
        long slaExact = firstTokens.get((int) Math.ceil(0.95 * requests) - 1);
        assertThat(slo.path("slaPercentile").asDouble()).isEqualTo(95.0);
        assertThat((double) slo.path("slaFirstTokenMs").asLong()).isCloseTo(slaExact, org.assertj.core.data.Offset.offset(slaExact * 0.01 + 1));
        assertThat(slo.path("slaMet").asBoolean()).isEqualTo(slaExact <= 2000);
        assertThat(body.path("degraded").path("no_rag").asInt()).isEqualTo(degraded.get("no_rag"));
        assertThat(body.path("degraded").path("canned").asInt()).isEqualTo(degraded.get("canned"));
        // budget compliance and the trend against the (faster) week before
        JsonNode rag = body.path("weekStats").path("rag");
        assertThat(rag.path("budgetMs").asLong()).isEqualTo(200);
        assertThat(rag.path("withinBudgetPct").asDouble()).isBetween(1.0, 99.0);
        assertThat(rag.path("p95ChangePct").asDouble()).isGreaterThan(0);

        // a malformed week is refused, not guessed
        assertThat(http.getForEntity("/reports/weekly.json?week=2025-10", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        try (HeadlessChromium chromium = new HeadlessChromium(1200, 1600)) {
            ChromeDriver browser = chromium.driver();
            browser.get("http://localhost:" + httpPort + "/reports/weekly?week=" + WEEK);
            assertThat(browser.getTitle()).contains(WEEK);
            assertThat(browser.findElements(By.cssSelector("#trend polyline.series"))).hasSizeGreaterThan(5);
            assertThat(browser.findElements(By.cssSelector("#waterfall rect.p95"))).hasSizeGreaterThan(4);
            assertThat(browser.findElement(By.id("slo")).getText()).contains("99.9% within 2000 ms");
            assertThat(browser.findElement(By.id("sla")).getText()).contains("p95.0 within 2000 ms");
            assertThat(browser.findElements(By.cssSelector("#steps tr"))).hasSizeGreaterThan(8);
            assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                    .noneMatch(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue());
            chromium.screenshot("weekly-report.png");
        }

        // what the Monday cron route does, for this week: both files, the JSON the same report
        java.nio.file.Path html = files.write(WEEK);
        assertThat(java.nio.file.Files.readString(html)).contains("<svg id=\"trend\"").contains("<svg id=\"waterfall\"");
        JsonNode written = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                html.resolveSibling("mangaassist-weekly-" + WEEK + ".json").toFile());
        assertThat(written.path("slo").path("requests").asLong()).isEqualTo(requests);
    }

    @Test
    void aRestartedProcessAddsToAFlushedHourInsteadOfOverwritingIt() throws Exception {
        Instant hour = Instant.parse("2025-02-10T08:00:00Z");
        ManualClock clock = new ManualClock(hour.plusSeconds(60));
        LatencyRollups before = new LatencyRollups(writer, settings, "before-restart", clock);
        for (int i = 0; i < 40; i++) {
            before.record(Map.of("e2e_first_token", 500L + i), "full");
        }
        before.flush();
        before.flush(); // flushing again rewrites the same cumulative rows: nothing counted twice

        LatencyRollups after = new LatencyRollups(writer, settings, "after-restart", clock);
        for (int i = 0; i < 10; i++) {
            after.record(Map.of("e2e_first_token", 3000L), "no_rag");
        }
        after.flush();

        HourRollup merged = reader.hour("2025-02-10T08");
        assertThat(merged.histograms().get("e2e_first_token").getTotalCount()).isEqualTo(50);
        assertThat(merged.counters()).containsEntry("answers", 50L).containsEntry("degraded:no_rag", 10L);
    }

    /** {@code perHour} requests each hour for {@code days} days; flushes at each hour's end as the timer route would. */
    private static void simulate(LatencyRollups rollups, ManualClock clock, Random random, int days, int perHour,
                                 double slowdown, Map<Integer, Map<String, List<Long>>> samples, int[] slowOrNone,
                                 Map<String, Integer> degraded) throws Exception {
        for (int day = 0; day < days; day++) {
            Map<String, List<Long>> today = samples.computeIfAbsent(day, d -> new LinkedHashMap<>());
            for (int hour = 0; hour < 24; hour++) {
                for (int i = 0; i < perHour; i++) {
                    Map<String, Long> t = new LinkedHashMap<>();
                    t.put("intent", Math.round(Math.abs(10 + 4 * random.nextGaussian()) * slowdown));
                    t.put("memory", Math.round((3 + random.nextExponential() * 6) * slowdown));
                    t.put("cache", Math.round((1 + random.nextExponential() * 2) * slowdown));
                    t.put("rag", Math.round((40 + random.nextExponential() * (60 + 20 * day)) * slowdown));
                    t.put("context-assembly", Math.round(random.nextExponential() * 3));
                    long firstToken = Math.round((350 + random.nextExponential() * (250 + 60 * day)) * slowdown);
                    t.put("llm-first-token", firstToken - t.get("rag") > 0 ? firstToken - t.get("rag") : 1);
                    String level = "full";
                    boolean noToken = random.nextDouble() < 0.01;
                    if (!noToken) {
                        t.put("e2e_first_token", firstToken);
                        t.put("e2e_total", firstToken + 800 + Math.round(random.nextExponential() * 400));
                    } else {
                        level = "canned";
                    }
                    if (random.nextDouble() < 0.03) {
                        level = "no_rag";
                    }
                    if (noToken || firstToken > 2000) {
                        slowOrNone[0]++;
                    }
                    degraded.merge(level, 1, Integer::sum);
                    t.forEach((series, ms) -> today.computeIfAbsent(series, s -> new ArrayList<>()).add(ms));
                    rollups.record(t, level);
                    clock.advance(Duration.ofSeconds(3600 / perHour));
                }
                rollups.flush();
            }
        }
        rollups.flush();
    }

    @Test
    void aCompleteWeeksReportIsReadFromItsFilesNotRebuiltPerRequest() throws Exception {
        String week = "2025-W02";
        java.nio.file.Path html = files.htmlFile(week);
        assertThat(html).doesNotExist();
        String first = http.getForObject("/reports/weekly?week=" + week, String.class);
        assertThat(first).contains(week);
        assertThat(html).exists(); // written on the first GET, as the Monday route would have
        // what is served is the file: a marker put into it comes back, so no GET queried DynamoDB again
        java.nio.file.Files.writeString(html, first.replace("</body>", "<!-- from-file -->\n</body>"));
        assertThat(http.getForObject("/reports/weekly?week=" + week, String.class)).contains("<!-- from-file -->");
        assertThat(http.getForObject("/reports/weekly.json?week=" + week, JsonNode.class).path("week").asText())
                .isEqualTo(week);
        // a week that has not started, or older than mangaassist.reports.max-age, is refused, not built
        assertThat(http.getForEntity("/reports/weekly.json?week=2999-W01", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.getForEntity("/reports/weekly?week=1999-W01", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(files.htmlFile("1999-W01")).doesNotExist();
    }
}
