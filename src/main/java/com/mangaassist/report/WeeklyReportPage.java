package com.mangaassist.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Renders a {@link WeeklyReport} as one self-contained HTML page (no scripts, no external files):
 * SLO summary, an SVG line chart of daily p95 per series, an SVG budget waterfall of the critical
 * path (each step's weekly p95 against its budget), and the tables behind them.
 */
@Component
public class WeeklyReportPage {

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79"};
    /** The steps a first token waits for, in order (phase 1 runs in parallel: its slowest branch). */
    private static final List<String> CRITICAL_PATH = List.of("edge", "intent", "memory", "cache", "rag",
            "context-assembly", "llm-first-token");

    @SuppressWarnings("unchecked")
    public String render(Map<String, Object> report) {
        List<String> series = (List<String>) report.get("series");
        List<Map<String, Object>> days = (List<Map<String, Object>>) report.get("days");
        Map<String, Map<String, Object>> week = (Map<String, Map<String, Object>>) report.get("weekStats");
        Map<String, Object> slo = (Map<String, Object>) report.get("slo");
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>MangaAssist latency, ")
                .append(esc(report.get("week"))).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
                .append("td:first-child,th:first-child{text-align:left}.bad{color:#b00}.good{color:#070}")
                .append("</style></head><body>");
        html.append("<h1>MangaAssist weekly latency report ").append(esc(report.get("week"))).append("</h1>");
        html.append("<p>").append(esc(report.get("from"))).append(" to ").append(esc(report.get("to")))
                .append(" (UTC), ").append(esc(report.get("answers"))).append(" answers.</p>");

        boolean met = Boolean.TRUE.equals(slo.get("met"));
        html.append("<h2>SLO</h2><table id=\"slo\"><tr><th>objective</th><th>requests</th><th>slow (first token &gt; ")
                .append(esc(slo.get("firstTokenMs"))).append(" ms or none)</th><th>compliance</th><th>error budget consumed (week)</th>")
                .append("<th>of the period's budget</th></tr><tr><td>").append(esc(slo.get("objectivePct"))).append("% within ")
                .append(esc(slo.get("firstTokenMs"))).append(" ms</td><td>").append(esc(slo.get("requests"))).append("</td><td>")
                .append(esc(slo.get("slow"))).append("</td><td class=\"").append(met ? "good" : "bad").append("\">")
                .append(esc(slo.get("compliancePct"))).append("% ").append(met ? "(met)" : "(missed)").append("</td><td>")
                .append(esc(slo.get("errorBudgetConsumedPct"))).append("%</td><td>")
                .append(esc(slo.get("errorBudgetConsumedOfPeriodPct"))).append("%</td></tr></table>");
        boolean slaMet = Boolean.TRUE.equals(slo.get("slaMet"));
        Object slaMs = slo.get("slaFirstTokenMs");
        html.append("<table id=\"sla\"><tr><th>SLA</th><th>first token at p").append(esc(slo.get("slaPercentile")))
                .append("</th></tr><tr><td>p").append(esc(slo.get("slaPercentile"))).append(" within ").append(esc(slo.get("firstTokenMs")))
                .append(" ms</td><td class=\"").append(slaMet ? "good" : "bad").append("\">")
                .append(slaMs == null ? "no token" : esc(slaMs) + " ms").append(slaMet ? " (met)" : " (missed)").append("</td></tr></table>");

        html.append("<h2>Daily p95 (ms)</h2>").append(trendChart(series, days));
        html.append("<h2>Budget waterfall: weekly p95 along the path to the first token</h2>").append(waterfall(week));

        html.append("<h2>Steps this week</h2><table id=\"steps\"><tr><th>series</th><th>count</th><th>p50</th><th>p95</th>")
                .append("<th>p99</th><th>p95 last week</th><th>p95 change</th><th>budget</th><th>within budget</th></tr>");
        for (String name : series) {
            Map<String, Object> s = week.get(name);
            Map<String, Object> before = (Map<String, Object>) s.get("previousWeek");
            html.append("<tr><td>").append(esc(name)).append("</td><td>").append(esc(s.get("count"))).append("</td><td>")
                    .append(esc(s.get("p50"))).append("</td><td>").append(esc(s.get("p95"))).append("</td><td>")
                    .append(esc(s.get("p99"))).append("</td><td>").append(esc(before.get("p95"))).append("</td><td>")
                    .append(s.get("p95ChangePct") == null ? "" : esc(s.get("p95ChangePct")) + "%").append("</td><td>")
                    .append(s.get("budgetMs") == null ? "" : esc(s.get("budgetMs")) + " ms").append("</td><td>")
                    .append(s.get("withinBudgetPct") == null ? "" : esc(s.get("withinBudgetPct")) + "%").append("</td></tr>");
        }
        html.append("</table>");

        html.append("<h2>Per day (p50 / p95 / p99, ms)</h2><table id=\"days\"><tr><th>series</th>");
        for (Map<String, Object> day : days) {
            html.append("<th>").append(esc(day.get("date"))).append("</th>");
        }
        html.append("</tr>");
        for (String name : series) {
            html.append("<tr><td>").append(esc(name)).append("</td>");
            for (Map<String, Object> day : days) {
                Map<String, Object> s = ((Map<String, Map<String, Object>>) day.get("series")).get(name);
                html.append("<td>").append(s.get("p50") == null ? "" : esc(s.get("p50")) + " / " + esc(s.get("p95")) + " / " + esc(s.get("p99")))
                        .append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");

        html.append("<h2>Degraded answers</h2><table id=\"degraded\"><tr><th>level</th><th>answers</th></tr>");
        ((Map<String, Object>) report.get("degraded")).forEach((level, count) ->
                html.append("<tr><td>").append(esc(level)).append("</td><td>").append(esc(count)).append("</td></tr>"));
        html.append("</table></body></html>");
        return html.toString();
    }

    @SuppressWarnings("unchecked")
    private static String trendChart(List<String> series, List<Map<String, Object>> days) {
        int width = 760;
        int height = 300;
        int left = 60;
        int bottom = 40;
        double max = 1;
        for (Map<String, Object> day : days) {
            for (String name : series) {
                Object p95 = ((Map<String, Map<String, Object>>) day.get("series")).get(name).get("p95");
                if (p95 != null) {
                    max = Math.max(max, ((Number) p95).doubleValue());
                }
            }
        }
        double plotWidth = width - left - 160;
        double plotHeight = height - bottom - 20;
        StringBuilder svg = new StringBuilder("<svg id=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"daily p95 per series\">");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"20\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\"/>", left, left, 20 + plotHeight));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>",
                left, 20 + plotHeight, left + plotWidth, 20 + plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"24\" font-size=\"11\">%.0f ms</text>", max));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%.1f\" font-size=\"11\">0</text>", 20 + plotHeight));
        for (int d = 0; d < days.size(); d++) {
            double x = left + plotWidth * d / Math.max(1, days.size() - 1);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                    x, height - 20, esc(String.valueOf(days.get(d).get("date")).substring(5))));
        }
        for (int i = 0; i < series.size(); i++) {
            String name = series.get(i);
            String color = COLORS[i % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (int d = 0; d < days.size(); d++) {
                Object p95 = ((Map<String, Map<String, Object>>) days.get(d).get("series")).get(name).get("p95");
                if (p95 != null) {
                    double x = left + plotWidth * d / Math.max(1, days.size() - 1);
                    double y = 20 + plotHeight - plotHeight * ((Number) p95).doubleValue() / max;
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                }
            }
            svg.append("<polyline class=\"series\" data-series=\"").append(esc(name)).append("\" fill=\"none\" stroke=\"")
                    .append(color).append("\" stroke-width=\"2\" points=\"").append(points.toString().trim()).append("\"/>");
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
                    left + plotWidth + 10, 30 + i * 16, color, esc(name)));
        }
        return svg.append("</svg>").toString();
    }

    private static String waterfall(Map<String, Map<String, Object>> week) {
        int width = 760;
        int rowHeight = 26;
        List<String> steps = CRITICAL_PATH.stream().filter(week::containsKey).toList();
        double total = 0;
        for (String step : steps) {
            total += Math.max(number(week.get(step).get("p95")), number(week.get(step).get("budgetMs")));
        }
        total = Math.max(total, 1);
        double scale = (width - 130 - 120) / total; // name column on the left, labels on the right
        StringBuilder svg = new StringBuilder("<svg id=\"waterfall\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width).append("\" height=\"").append(rowHeight * steps.size() + 30)
                .append("\" role=\"img\" aria-label=\"budget waterfall\">");
        double offset = 0;
        for (int i = 0; i < steps.size(); i++) {
            Map<String, Object> s = week.get(steps.get(i));
            double p95 = number(s.get("p95"));
            double budget = number(s.get("budgetMs"));
            double y = 10 + i * rowHeight;
            boolean over = budget > 0 && p95 > budget;
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%.1f\" font-size=\"12\">%s</text>", y + 15, esc(steps.get(i))));
            if (budget > 0) {
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"budget\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"none\" stroke=\"#999\" stroke-dasharray=\"3,2\"/>",
                        130 + offset * scale, y, Math.max(1, budget * scale)));
            }
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"p95\" data-step=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"%s\" opacity=\"0.8\"/>",
                    esc(steps.get(i)), 130 + offset * scale, y + 3, Math.max(1, p95 * scale), over ? "#d62728" : "#2ca02c"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%.0f / %s ms</text>",
                    130 + (offset + Math.max(p95, budget)) * scale + 4, y + 15, p95, budget > 0 ? String.format(Locale.ROOT, "%.0f", budget) : "-"));
            offset += Math.max(p95, budget);
        }
        return svg.append("</svg>").toString();
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static String esc(Object value) {
        if (value == null) {
            return "";
        }
        return String.valueOf(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
