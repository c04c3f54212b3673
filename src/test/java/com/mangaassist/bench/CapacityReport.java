package com.mangaassist.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The open-loop capacity search as a Markdown section, JSON and an SVG chart of TTFT and `full` share against offered load. */
final class CapacityReport {

    private CapacityReport() {
    }

    static Map<String, Object> json(CapacitySearch.Result result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("capacityAtSloPerSecond", round(result.capacity()));
        body.put("slo", "p95 TTFT <= 2000 ms and >= 99% of answers full");
        body.put("connections", result.settings().connections());
        body.put("cacheHitShare", result.settings().cacheHitShare());
        body.put("stepS", result.settings().step().toSeconds());
        body.put("baselineTtftMsAtCapacity", BenchReport.percentiles(result.baselineTtft()));
        body.put("baselinePerSecond", round(result.baselineRate())); // the capacity unless bench.capacity.baseline-rate set it
        List<Map<String, Object>> steps = new ArrayList<>();
        for (RateResult r : result.steps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("offeredPerSecond", round(r.rate));
            s.put("achievedPerSecond", round(r.achievedRate()));
            s.put("sent", r.sent.get());
            s.put("answered", r.answered.get());
            s.put("errors", r.errors());
            s.put("errorKinds", r.counts(r.errorKinds));
            s.put("levels", r.counts(r.levels));
            s.put("fullShare", round(r.fullShare()));
            s.put("ttftMs", BenchReport.percentiles(r.ttft));
            s.put("totalMs", BenchReport.percentiles(r.total));
            s.put("serviceCpuMsPerRequest", r.usage.cpuMsPerRequest(r.answered.get() + r.errors()));
            s.put("embeddingCpuMsPerRequest", r.usage.embeddingMsPerRequest(r.answered.get() + r.errors()));
            s.put("jitMsPerRequest", r.usage.jitMsPerRequest(r.answered.get() + r.errors()));
            s.put("meetsSlo", r.meetsSlo());
            s.put("firstFrameWithin3sShare", round(r.withinPromiseShare()));
            s.put("refused", r.refusals.getTotalCount());
            s.put("refusedMs", BenchReport.percentiles(r.refusals));
            s.put("fullPerSecond", round(r.fullPerSecond()));
            if (r.after != null) {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("offeredPerSecond", round(r.after.rate));
                after.put("sent", r.after.sent.get());
                after.put("fullShare", round(r.after.fullShare()));
                after.put("lastNotFullS", round(r.after.lastNotFullSeconds()));
                s.put("afterLoadDrops", after);
            }
            steps.add(s);
        }
        body.put("steps", steps);
        return body;
    }

    static String markdown(CapacitySearch.Result result) {
        StringBuilder md = new StringBuilder("\n## Capacity at SLO (open loop)\n\n")
                .append(String.format(Locale.ROOT, "**Capacity at SLO: %.1f questions/s** (p95 TTFT <= 2 s and >= 99%% of answers "
                        + "`full`; %.0f%% cache-hit mix; Poisson arrivals over %d open connections, %d s a step; TTFT from each "
                        + "question's intended send time). Stand-in baseline at %.1f questions/s: TTFT p50 / p95 %s ms.%n%n",
                        result.capacity(), result.settings().cacheHitShare() * 100, result.settings().connections(),
                        result.settings().step().toSeconds(), result.baselineRate(), BenchReport.two(result.baselineTtft())))
                .append("| offered / s | achieved / s | answered | errors | TTFT p50 / p95 / p99 | full | ")
                .append(ServiceUsage.HEADERS).append(" | SLO |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (RateResult r : sorted(result)) {
            md.append(String.format(Locale.ROOT, "| %.1f | %.1f | %d | %d | %s | %.1f%% | %s | %s |%n", r.rate, r.achievedRate(),
                    r.answered.get(), r.errors(), BenchReport.three(r.ttft), r.fullShare() * 100,
                    r.usage.cells(r.answered.get() + r.errors()),
                    r.meetsSlo() ? "holds" : "breaks" + (r.errors() > 0 ? " " + r.counts(r.errorKinds) : "")));
        }
        md.append("\nThe promises under load: the first frame of any kind (a token, a degraded answer or an `overloaded` "
                + "refusal) within 3 s of the intended send time, refusals fast, full answers per second; with an after-rate, "
                + "how soon after the load dropped the answers were all full again.\n\n"
                + "| offered / s | first frame within 3 s | refused | refusal p99 (ms) | full / s | after: offered / s, full, last not full (s) |\n"
                + "|---|---|---|---|---|---|\n");
        for (RateResult r : sorted(result)) {
            md.append(String.format(Locale.ROOT, "| %.1f | %.2f%% | %d | %s | %.1f | %s |%n", r.rate, r.withinPromiseShare() * 100,
                    r.refusals.getTotalCount(), r.refusals.getTotalCount() == 0 ? "-"
                            : String.format(Locale.ROOT, "%.1f", r.refusals.getValueAtPercentile(99) / 1000.0),
                    r.fullPerSecond(), r.after == null ? "-" : String.format(Locale.ROOT, "%.1f, %.1f%%, %.1f",
                            r.after.rate, r.after.fullShare() * 100, r.after.lastNotFullSeconds())));
        }
        md.append("\n![TTFT and full share against offered load](capacity.svg)\n");
        return md.toString();
    }

    /** Offered load on x; TTFT p50 / p95 / p99 (ms, left axis, 2 s SLO line) and the `full` share (right axis, 0-100%). */
    static String svg(CapacitySearch.Result result) {
        List<RateResult> steps = sorted(result);
        int width = 720;
        int height = 420;
        int left = 70;
        int right = 70;
        int top = 40;
        int bottom = 60;
        double maxRate = steps.stream().mapToDouble(r -> r.rate).max().orElse(1) * 1.05;
        double maxMs = Math.max(2500, steps.stream().filter(r -> r.ttft.getTotalCount() > 0)
                .mapToDouble(r -> r.ttft.getValueAtPercentile(99) / 1000.0).max().orElse(0) * 1.1);
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"%d\" y=\"22\" font-size=\"14\">TTFT and full share against offered load (capacity at SLO %.1f/s)</text>%n",
                width, height, left, result.capacity()));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#999\"/>%n",
                left, top, plotW, plotH));
        double sloY = top + plotH - 2000 / maxMs * plotH;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c00\" stroke-dasharray=\"4 4\"/>"
                + "<text x=\"%d\" y=\"%.1f\" fill=\"#c00\">2 s SLO</text>%n", left, left + plotW, sloY, sloY, left + 4, sloY - 4));
        for (int i = 0; i <= 4; i++) {
            double y = top + plotH - i * plotH / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f ms</text>"
                    + "<text x=\"%.0f\" y=\"%.1f\">%d%%</text>%n", left - 6, y + 4, maxMs * i / 4, left + plotW + 6, y + 4, 25 * i));
            double x = left + i * plotW / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%s/s</text>%n",
                    x, top + plotH + 18, String.format(Locale.ROOT, maxRate < 20 ? "%.1f" : "%.0f", maxRate * i / 4)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\" text-anchor=\"middle\">offered load (questions/s)</text>%n",
                left + plotW / 2, height - 18));
        String[][] series = {{"50", "#1f77b4"}, {"95", "#ff7f0e"}, {"99", "#d62728"}};
        int legend = 0;
        for (String[] s : series) {
            double percentile = Double.parseDouble(s[0]);
            svg.append(polyline(steps, r -> r.ttft.getTotalCount() == 0 ? maxMs : Math.min(maxMs, r.ttft.getValueAtPercentile(percentile) / 1000.0),
                    maxMs, maxRate, left, top, plotW, plotH, s[1], ""));
            svg.append(legend(left + 10 + 110 * legend++, height - 4, s[1], "TTFT p" + s[0]));
        }
        svg.append(polyline(steps, r -> r.fullShare() * 100, 100, maxRate, left, top, plotW, plotH, "#2ca02c", "6 3"));
        svg.append(legend(left + 10 + 110 * legend, height - 4, "#2ca02c", "full share"));
        return svg.append("</svg>\n").toString();
    }

    private static String polyline(List<RateResult> steps, java.util.function.ToDoubleFunction<RateResult> value, double max,
                                   double maxRate, int left, int top, double plotW, double plotH, String color, String dash) {
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (RateResult r : steps) {
            double x = left + r.rate / maxRate * plotW;
            double y = top + plotH - value.applyAsDouble(r) / max * plotH;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y, color));
        }
        return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"%s\" points=\"%s\"/>%s%n",
                color, dash, points.toString().trim(), dots);
    }

    private static String legend(int x, int y, String color, String label) {
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                x, y - 6, color, x + 18, y, label);
    }

    private static List<RateResult> sorted(CapacitySearch.Result result) {
        return result.steps().stream().sorted(Comparator.comparingDouble(r -> r.rate)).toList();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
