package com.mangaassist.report;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.springframework.stereotype.Component;

import com.mangaassist.slo.SloSettings;
import com.mangaassist.slo.StepBudgets;

/**
 * The weekly latency report for an ISO week, from the hourly rollups of every process: per day
 * p50/p95/p99 per step and end to end, the trend against the previous week, per-step budget
 * compliance, SLO compliance and error budget consumed, degraded answers by level.
 */
@Component
public class WeeklyReport {

    private static final Pattern WEEK = Pattern.compile("\\d{4}-W\\d{2}");
    /** Series in pipeline order; others (if any) follow alphabetically. */
    static final List<String> ORDER = List.of("e2e_first_token", "e2e_total", "edge", "intent", "memory", "cache",
            "rag", "context-assembly", "llm-first-token", "llm", "orchestrator");

    private final RollupReader reader;
    private final StepBudgets budgets;
    private final SloSettings slo;

    public WeeklyReport(RollupReader reader, StepBudgets budgets, SloSettings slo) {
        this.reader = reader;
        this.budgets = budgets;
        this.slo = slo;
    }

    /** The Monday of an ISO week like {@code 2026-W47}; IllegalArgumentException for anything else. */
    public static LocalDate monday(String isoWeek) {
        if (isoWeek == null || !WEEK.matcher(isoWeek).matches()) {
            throw new IllegalArgumentException("week must look like 2026-W47, was: " + isoWeek);
        }
        try {
            return LocalDate.parse(isoWeek + "-1", DateTimeFormatter.ISO_WEEK_DATE);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("no such ISO week: " + isoWeek, e);
        }
    }

    public static String isoWeek(LocalDate date) {
        return String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public Map<String, Object> build(String isoWeek) {
        LocalDate monday = monday(isoWeek);
        List<HourRollup> days = new ArrayList<>();
        HourRollup week = new HourRollup();
        for (int d = 0; d < 7; d++) {
            HourRollup day = day(monday.plusDays(d));
            days.add(day);
            week.merge(day);
        }
        HourRollup previous = new HourRollup();
        for (int d = 0; d < 7; d++) {
            previous.merge(day(monday.minusDays(7 - d)));
        }

        Map<String, Histogram> weekHistograms = week.histograms();
        List<String> series = ordered(weekHistograms.keySet());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("week", isoWeek);
        report.put("from", monday.toString());
        report.put("to", monday.plusDays(6).toString());
        report.put("series", series);

        List<Map<String, Object>> perDay = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", monday.plusDays(d).toString());
            day.put("answers", days.get(d).counters().getOrDefault("answers", 0L));
            Map<String, Histogram> histograms = days.get(d).histograms();
            Map<String, Object> stats = new LinkedHashMap<>();
            for (String name : series) {
                stats.put(name, percentiles(histograms.get(name)));
            }
            day.put("series", stats);
            perDay.add(day);
        }
        report.put("days", perDay);

        Map<String, Histogram> previousHistograms = previous.histograms();
        Map<String, Object> weekStats = new LinkedHashMap<>();
        for (String name : series) {
            Histogram h = weekHistograms.get(name);
            Map<String, Object> stats = percentiles(h);
            Duration budget = budgets.of(name);
            stats.put("budgetMs", budget == null ? null : budget.toMillis());
            stats.put("withinBudgetPct", budget == null ? null : pct(h.getCountBetweenValues(0, budget.toMillis()), h.getTotalCount()));
            Histogram before = previousHistograms.get(name);
            stats.put("previousWeek", percentiles(before));
            stats.put("p95ChangePct", before == null || before.getTotalCount() == 0 || before.getValueAtPercentile(95) == 0 ? null
                    : round(100.0 * (h.getValueAtPercentile(95) - before.getValueAtPercentile(95)) / before.getValueAtPercentile(95)));
            weekStats.put(name, stats);
        }
        report.put("weekStats", weekStats);
        report.put("slo", slo(week));
        Map<String, Long> degraded = new LinkedHashMap<>();
        week.counters().forEach((name, value) -> {
            if (name.startsWith("degraded:")) {
                degraded.put(name.substring("degraded:".length()), value);
            }
        });
        report.put("answers", week.counters().getOrDefault("answers", 0L));
        report.put("degraded", degraded);
        return report;
    }

    /**
     * The first token at the SLA's percentile over all requests; a request with no token is beyond
     * any percentile, so null when the percentile's rank falls among those (or there were none).
     */
    private Long slaFirstTokenMs(Histogram first, long withToken, long requests) {
        if (requests == 0 || withToken < Math.ceil(slo.slaPercentile() * requests)) {
            return null;
        }
        return first.getValueAtPercentile(100.0 * slo.slaPercentile() * requests / withToken);
    }

    private Map<String, Object> slo(HourRollup week) {
        Histogram first = week.histograms().get("e2e_first_token");
        long withToken = first == null ? 0 : first.getTotalCount();
        long noToken = week.counters().getOrDefault("no_first_token", 0L);
        long requests = withToken + noToken;
        long fast = first == null ? 0 : first.getCountBetweenValues(0, slo.firstToken().toMillis());
        long slow = requests - fast;
        double slowShare = requests == 0 ? 0 : (double) slow / requests;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("objectivePct", round(slo.objective() * 100));
        body.put("firstTokenMs", slo.firstToken().toMillis());
        body.put("requests", requests);
        body.put("slow", slow);
        body.put("compliancePct", requests == 0 ? null : pct(fast, requests));
        body.put("met", requests == 0 || 1 - slowShare >= slo.objective());
        // the SLA (p95 within firstToken) beside the objective
        Long slaMs = slaFirstTokenMs(first, withToken, requests);
        body.put("slaPercentile", round(slo.slaPercentile() * 100));
        body.put("slaFirstTokenMs", slaMs);
        body.put("slaMet", requests == 0 || slaMs != null && slaMs <= slo.firstToken().toMillis());
        // 100% = the week used its whole share of budget; of the period: the share of the whole period's budget
        body.put("errorBudgetConsumedPct", round(100 * slowShare / slo.errorBudget()));
        body.put("errorBudgetConsumedOfPeriodPct",
                round(100 * slowShare / slo.errorBudget() * 7.0 / Math.max(1, slo.budgetPeriod().toDays())));
        return body;
    }

    private HourRollup day(LocalDate date) {
        HourRollup day = new HourRollup();
        for (int h = 0; h < 24; h++) {
            day.merge(reader.hour(date + String.format("T%02d", h)));
        }
        return day;
    }

    private static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> stats = new LinkedHashMap<>();
        boolean empty = h == null || h.getTotalCount() == 0;
        stats.put("count", empty ? 0 : h.getTotalCount());
        stats.put("p50", empty ? null : h.getValueAtPercentile(50));
        stats.put("p95", empty ? null : h.getValueAtPercentile(95));
        stats.put("p99", empty ? null : h.getValueAtPercentile(99));
        return stats;
    }

    static List<String> ordered(java.util.Collection<String> names) {
        List<String> result = new ArrayList<>();
        ORDER.stream().filter(names::contains).forEach(result::add);
        names.stream().filter(n -> !ORDER.contains(n)).sorted().forEach(result::add);
        return result;
    }

    private static Double pct(long part, long whole) {
        return whole == 0 ? null : round(100.0 * part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
