package com.mangaassist.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/** The bench's results as Markdown and JSON (target/bench/report.md, report.json), with the targets checked. */
final class BenchReport {

    private final List<ScenarioResult> results = new ArrayList<>();
    private final String startedAt = Instant.now().toString();
    private Integer idleConnections;
    private long[] idleHeap;
    private CapacitySearch.Result capacity;
    private String placement = "not stated";
    private String warmup = "not stated";

    void add(ScenarioResult result) {
        results.add(result);
    }

    /** Heap after GC with none, half and all of {@code connections} idle connections open. */
    void idleHeap(int connections, long none, long half, long all) {
        this.idleConnections = connections;
        this.idleHeap = new long[] {none, half, all};
    }

    void capacity(CapacitySearch.Result result) {
        this.capacity = result;
    }

    void placement(String placement) {
        this.placement = placement;
    }

    void warmup(String warmup) {
        this.warmup = warmup;
    }

    /** KB per connection over the second half of the idle connections (null: not measured). */
    private Double idleKbPerConnection() {
        return idleConnections == null ? null
                : (idleHeap[2] - idleHeap[1]) / 1024.0 / (idleConnections - idleConnections / 2);
    }

    private Double idleKbFirstHalf() {
        return idleConnections == null ? null : (idleHeap[1] - idleHeap[0]) / 1024.0 / (idleConnections / 2);
    }

    Map<String, Object> json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("startedAt", startedAt);
        body.put("machine", Runtime.getRuntime().availableProcessors() + " cores seen by the generator");
        body.put("placement", placement);
        body.put("warmup", warmup);
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (ScenarioResult r : results) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("scenario", r.scenario.name());
            s.put("sessions", r.scenario.sessions());
            s.put("cacheHitShare", r.scenario.cacheHitShare());
            s.put("thinkMs", r.scenario.think().toMillis());
            s.put("durationS", r.scenario.duration().toSeconds());
            s.put("sent", r.sent.get());
            s.put("answered", r.answered.get());
            s.put("errors", r.errors.get());
            s.put("errorKinds", r.errorKinds());
            s.put("levels", r.levels());
            s.put("ttftMs", percentiles(r.ttft));
            s.put("totalMs", percentiles(r.total));
            s.put("overheadMs", percentiles(r.overhead));
            s.put("ragMs", percentiles(r.rag));
            s.put("cacheHitTotalMs", percentiles(r.cacheHitTotal));
            s.put("baselineTtftMs", percentiles(r.baselineTtft));
            s.put("ttftOverBaselineP50", ratio(r.ttft, r.baselineTtft, 50));
            s.put("ttftOverBaselineP95", ratio(r.ttft, r.baselineTtft, 95));
            s.put("cpuMsPerRequest", r.usage.cpuMsPerRequest(r.answered.get() + r.errors.get()));
            s.put("embeddingCpuMsPerRequest", r.usage.embeddingMsPerRequest(r.answered.get() + r.errors.get()));
            s.put("jitMsPerRequest", r.usage.jitMsPerRequest(r.answered.get() + r.errors.get()));
            scenarios.add(s);
        }
        body.put("scenarios", scenarios);
        body.put("idleConnections", idleConnections);
        body.put("idleHeapBytes", idleHeap);
        body.put("heapPerIdleConnectionKb", idleConnections == null ? null : round(idleKbPerConnection()));
        body.put("heapPerIdleConnectionFirstHalfKb", idleConnections == null ? null : round(idleKbFirstHalf()));
        if (capacity != null) {
            body.put("capacity", CapacityReport.json(capacity));
        }
        body.put("targets", targets());
        return body;
    }

    /** The targets, each met or missed by how much. */
    private List<String> targets() {
        List<String> lines = new ArrayList<>();
        for (ScenarioResult r : results) {
            if (r.overhead.getTotalCount() > 0 && (r.scenario.sessions() == 1000 || r.scenario.sessions() == 10000)) {
                double limit = r.scenario.sessions() == 1000 ? 5 : 50;
                double p99 = r.overhead.getValueAtPercentile(99) / 1000.0;
                lines.add(verdict("overhead p99 at " + r.scenario.name(), p99, limit, "ms"));
            }
            if (r.cacheHitTotal.getTotalCount() > 0) {
                lines.add(verdict("cache-hit answer complete p95 at " + r.scenario.name(),
                        r.cacheHitTotal.getValueAtPercentile(95) / 1000.0, 10, "ms"));
            }
            if (r.scenario.sessions() >= 10000) {
                lines.add(verdict("errors at " + r.scenario.name(), r.errors.get(), 0, ""));
            }
        }
        if (idleConnections != null) {
            double kb = idleKbPerConnection();
            lines.add(kb > 0 ? verdict("heap per idle connection", kb, 20, "KB")
                    : String.format(Locale.ROOT, "heap per idle connection: %.1f KB, not positive: not measured (GC noise above "
                    + "the connections' heap; raise bench.idle-connections)", kb));
        }
        return lines;
    }

    private static String verdict(String what, double value, double limit, String unit) {
        return String.format(Locale.ROOT, "%s: %.1f %s (target <= %.0f %s) %s", what, value, unit, limit, unit,
                value <= limit ? "MET" : String.format(Locale.ROOT, "MISSED by %.1f %s", value - limit, unit));
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# MangaAssist bench ").append(startedAt).append("\n\n")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores seen by the generator. Placement: ").append(placement).append(". Warm-up: ").append(warmup).append(".\n")
                .append("Times in ms, measured at the client. Overhead = TTFT - the critical path of the request's own ")
                .append("step timings (slowest phase-1 step + RAG + context assembly + LLM first token). rag = the done frame's ")
                .append("timings.rag (the retrieval step, budget 200 ms) of the answers that searched. Baseline = the ")
                .append("same sessions streaming straight from the Bedrock stand-in.\n\n")
                .append("| scenario | think | answered | errors | TTFT p50 / p95 / p99 | total p95 | overhead p50 / p95 / p99 | rag p50 / p95 | ")
                .append("baseline TTFT p50 / p95 | TTFT / baseline p50, p95 | cache-hit complete p95 | ")
                .append(ServiceUsage.HEADERS).append(" | levels |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %d s | %d | %d | %s | %s | %s | %s | %s | %s, %s | %s | %s | %s |%n",
                    r.scenario.name(), r.scenario.think().toSeconds(), r.answered.get(), r.errors.get(),
                    three(r.ttft), one(r.total, 95), three(r.overhead), two(r.rag), two(r.baselineTtft),
                    ratio(r.ttft, r.baselineTtft, 50), ratio(r.ttft, r.baselineTtft, 95), one(r.cacheHitTotal, 95),
                    r.usage.cells(r.answered.get() + r.errors.get()),
                    r.levels() + (r.errors.get() > 0 ? " errors " + r.errorKinds() : "")));
        }
        if (capacity != null) {
            md.append(CapacityReport.markdown(capacity));
        }
        if (idleConnections != null) {
            md.append(String.format(Locale.ROOT, "%nService heap per idle connection: %.1f KB (heap after full GC %d / %d / %d bytes "
                    + "with 0 / %d / %d idle connections; the second half's slope; the first half's: %.1f KB).%n",
                    idleKbPerConnection(), idleHeap[0], idleHeap[1], idleHeap[2], idleConnections / 2, idleConnections,
                    idleKbFirstHalf()));
        }
        md.append("\n## Targets\n\n");
        targets().forEach(line -> md.append("- ").append(line).append('\n'));
        return md.toString();
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("report.md"), markdown());
        Files.writeString(directory.resolve("report.json"),
                LoadGenerator.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json()));
        if (capacity != null) {
            Files.writeString(directory.resolve("capacity.svg"), CapacityReport.svg(capacity));
        }
    }

    static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", h.getTotalCount());
        for (int percentile : new int[] {50, 95, 99}) {
            p.put("p" + percentile, h.getTotalCount() == 0 ? null : round(h.getValueAtPercentile(percentile) / 1000.0));
        }
        p.put("max", h.getTotalCount() == 0 ? null : round(h.getMaxValue() / 1000.0));
        return p;
    }

    static String three(Histogram h) {
        return h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f / %.1f / %.1f", h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(95) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
    }

    static String two(Histogram h) {
        return h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f / %.1f", h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(95) / 1000.0);
    }

    private static String one(Histogram h, int percentile) {
        return h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(percentile) / 1000.0);
    }

    private static String ratio(Histogram a, Histogram b, int percentile) {
        if (a.getTotalCount() == 0 || b.getTotalCount() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", (double) a.getValueAtPercentile(percentile) / b.getValueAtPercentile(percentile));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
