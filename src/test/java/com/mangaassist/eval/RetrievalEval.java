package com.mangaassist.eval;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mangaassist.LocalBackendPorts;
import com.mangaassist.backends.ServiceProcess;
import com.mangaassist.backends.TestBackends;
import com.mangaassist.ingress.ChatClient;

/**
 * {@code make eval}: how often retrieval gives the model the right thing (docs/retrieval.md). Every
 * question of src/test/resources/eval/retrieval-set.jsonl is asked of the real service (the jar, local
 * profile, against the local backends) in a fresh session, a follow-up after its previous message;
 * the {@code done} frame's {@code sources} (the passages the model was given, in rank order) are
 * scored against the labels: recall@1, recall@3 and MRR per category and split, plus the issue's
 * targets. Writes target/eval/retrieval.md and retrieval.json.
 */
public final class RetrievalEval {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path SET = Path.of("src/test/resources/eval/retrieval-set.jsonl");
    /** The recommendation questions labelled again by a second assessor who saw neither the labels nor any ranking. */
    static final Path SECOND_ASSESSOR = Path.of("src/test/resources/eval/recommendations-second-assessor.jsonl");
    static final Path OUT = Path.of("target/eval");
    static final long THINK_MS = 1500;

    /** One labelled question and what the service gave for it. */
    record Scored(JsonNode question, List<String> ids, List<String> series, double recall1, double recall3,
                  double reciprocalRank, boolean onlyExcluded, String intent, double ragMs, String degradation,
                  String timedOut) {

        Scored answered(JsonNode done) {
            return new Scored(question, ids, series, recall1, recall3, reciprocalRank, onlyExcluded,
                    done.path("intent").asText(), done.path("timings").path("rag").asDouble(-1),
                    done.path("cached").asBoolean() ? "cached" : done.path("degradation").asText(), done.path("timedOut").toString());
        }

        /** Answered with every step in time: a degraded answer's sources say more about the machine's load than about the ranking. */
        boolean full() {
            return "full".equals(degradation);
        }
    }

    public static void main(String[] args) throws Exception {
        List<JsonNode> questions = new ArrayList<>();
        for (String line : Files.readAllLines(SET, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                questions.add(JSON.readTree(line));
            }
        }
        Map<String, String> seriesOfSku = new HashMap<>();
        for (JsonNode product : JSON.readTree(Path.of("src/main/resources/catalog/products.json").toFile())) {
            seriesOfSku.put(product.path("sku").asText(), product.path("series").asText());
        }
        TestBackends backends = TestBackends.get();
        Duration delay = backends.bedrock().firstTokenDelay();
        double rate = backends.bedrock().tokensPerSecond();
        backends.bedrock().pace(Duration.ofMillis(5), 2000); // only the sources matter here: answers in milliseconds
        Files.createDirectories(OUT);
        List<Scored> scored;
        try (ServiceProcess service = ServiceProcess.start(OUT.resolve("service.log"), LocalBackendPorts.freePort(),
                LocalBackendPorts.freePort(), serviceArguments(backends, args))) {
            scored = ask(service.wsPort, questions, seriesOfSku);
        } finally {
            backends.bedrock().pace(delay, rate);
        }
        Map<String, Set<String>> second = new HashMap<>();
        for (String line : Files.readAllLines(SECOND_ASSESSOR, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode row = JSON.readTree(line);
                second.put(row.path("id").asText(), strings(row.path("good_series")));
            }
        }
        String report = report(scored, String.join(" ", args), second);
        Files.writeString(OUT.resolve("retrieval.md"), report, StandardCharsets.UTF_8);
        Files.writeString(OUT.resolve("retrieval.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(scored)),
                StandardCharsets.UTF_8);
        System.out.println(report);
        System.exit(0);
    }

    /** The local backends' ports, then the eval's own arguments (make eval ARGS="--mangaassist.rag.fusion=rrf"). */
    private static List<String> serviceArguments(TestBackends backends, String[] args) {
        List<String> arguments = new ArrayList<>(List.of(LocalBackendPorts.asArguments(backends.ports())));
        arguments.addAll(List.of(args));
        return arguments;
    }

    private static List<Scored> ask(int wsPort, List<JsonNode> questions, Map<String, String> seriesOfSku) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Scored>> pending = new ArrayList<>();
            for (JsonNode question : questions) {
                pending.add(pool.submit(() -> {
                    try (ChatClient client = new ChatClient(wsPort)) {
                        String session = "eval-" + UUID.randomUUID();
                        if (question.hasNonNull("previous")) {
                            done(client, session, question.path("previous").asText());
                            // a shopper reads the answer and types: the turn is saved off the answer's path,
                            // so a follow-up sent the instant done arrives can beat its history into DynamoDB
                            TimeUnit.MILLISECONDS.sleep(THINK_MS);
                        }
                        JsonNode done = done(client, session, question.path("question").asText());
                        return score(question, done.path("sources"), seriesOfSku).answered(done);
                    }
                }));
            }
            List<Scored> scored = new ArrayList<>();
            for (Future<Scored> f : pending) {
                scored.add(f.get(5, TimeUnit.MINUTES));
            }
            return scored;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The done frame of one question, asked again after a refusal's retryAfterMs (the eval is one user's burst). */
    private static JsonNode done(ChatClient client, String session, String text) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            String request = "r-" + UUID.randomUUID();
            JsonNode last = client.collect(request, client.send(session, request, text), Duration.ofSeconds(30)).last();
            if ("done".equals(last.path("type").asText())) {
                return last;
            }
            TimeUnit.MILLISECONDS.sleep(Math.max(1, last.path("retryAfterMs").asLong(200)));
        }
        throw new IllegalStateException("no answer for: " + text);
    }

    /**
     * recall@k = relevant items in the top k / min(k, relevant items), so one right answer at rank 1
     * scores 1 at any k; for series labels an item is relevant when its series is one of them (and not
     * the series a "like X" question excludes), and the relevant items are as many as those series. MRR: 1 / the rank of the first relevant item, 0 if none.
     */
    static Scored score(JsonNode question, JsonNode sources, Map<String, String> seriesOfSku) {
        List<String> ids = new ArrayList<>();
        List<String> series = new ArrayList<>();
        for (JsonNode source : sources) {
            String id = source.path("id").asText();
            ids.add(id);
            series.add(seriesOfSku.getOrDefault(id, ""));
        }
        Set<String> relevantIds = strings(question.path("relevant"));
        Set<String> relevantSeries = strings(question.path("relevant_series"));
        Set<String> excluded = strings(question.path("exclude_series"));
        boolean bySeries = relevantIds.isEmpty();
        List<Boolean> relevant = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            relevant.add(bySeries ? relevantSeries(series.get(i), relevantSeries, excluded) : relevantIds.contains(ids.get(i)));
        }
        // series labels: as many relevant passages as labelled series (one passage per series can fill k)
        int total = bySeries ? seriesRelevantCount(relevantSeries, excluded) : relevantIds.size();
        double rr = 0;
        for (int i = 0; i < relevant.size(); i++) {
            if (relevant.get(i)) {
                rr = 1.0 / (i + 1);
                break;
            }
        }
        boolean onlyExcluded = !excluded.isEmpty() && !series.isEmpty() && series.stream().allMatch(excluded::contains);
        return new Scored(question, ids, series, recall(relevant, 1, total), recall(relevant, 3, total), rr, onlyExcluded, null, -1, null, null);
    }

    private static double recall(List<Boolean> relevant, int k, int total) {
        long found = relevant.stream().limit(k).filter(Boolean::booleanValue).count();
        return total == 0 ? 0 : (double) found / Math.min(k, total);
    }

    /**
     * recall@3 of the same passages against another assessor's series: whether a low recall@3 is the
     * ranking's or the first labels' (a good series they did not list).
     */
    static double recall3Against(Scored scored, Set<String> goodSeries) {
        Set<String> excluded = strings(scored.question().path("exclude_series"));
        List<Boolean> relevant = scored.series().stream().map(x -> relevantSeries(x, goodSeries, excluded)).toList();
        return recall(relevant, 3, seriesRelevantCount(goodSeries, excluded));
    }

    // a passage of one of the good series, never of the series the shopper said they have
    private static boolean relevantSeries(String series, Set<String> good, Set<String> excluded) {
        return good.contains(series) && !excluded.contains(series);
    }

    private static int seriesRelevantCount(Set<String> good, Set<String> excluded) {
        return (int) good.stream().filter(x -> !excluded.contains(x)).count();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new java.util.LinkedHashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static String report(List<Scored> scored, String serviceArguments, Map<String, Set<String>> secondAssessor) {
        StringBuilder out = new StringBuilder("# Retrieval eval (" + Instant.now() + ", " + scored.size() + " questions"
                + (serviceArguments.isBlank() ? "" : ", service run with " + serviceArguments) + ")\n\n");
        out.append("| category | split | n | recall@1 | recall@3 | MRR |\n|---|---|---|---|---|---|\n");
        Map<String, List<Scored>> groups = new TreeMap<>();
        for (Scored s : scored) {
            groups.computeIfAbsent(s.question().path("category").asText() + "|" + s.question().path("split").asText(),
                    k -> new ArrayList<>()).add(s);
            groups.computeIfAbsent("all|" + s.question().path("split").asText(), k -> new ArrayList<>()).add(s);
        }
        groups.forEach((key, group) -> {
            String[] parts = key.split("\\|");
            out.append(String.format("| %s | %s | %d | %.1f%% | %.1f%% | %.3f |%n", parts[0], parts[1], group.size(),
                    100 * mean(group, Scored::recall1), 100 * mean(group, Scored::recall3), mean(group, Scored::reciprocalRank)));
        });
        out.append("\n## Targets (held-out split)\n\n");
        List<Scored> heldOut = scored.stream().filter(s -> "held-out".equals(s.question().path("split").asText())).toList();
        List<Scored> policy = of(heldOut, "policy");
        List<Scored> lookup = of(heldOut, "lookup");
        List<Scored> recommendations = of(heldOut, "recommendation");
        long onlyX = scored.stream().filter(Scored::onlyExcluded).count();
        out.append(String.format("- policy recall@1: %.1f%% (target >= 95%%)%n", 100 * mean(policy, Scored::recall1)));
        out.append(String.format("- lookups, the named item at rank 1: %.1f%% (target >= 95%%)%n",
                100 * lookup.stream().filter(s -> s.reciprocalRank() == 1.0).count() / (double) Math.max(1, lookup.size())));
        out.append(String.format("- recommendations recall@3: %.1f%% (target >= 90%%)%n", 100 * mean(recommendations, Scored::recall3)));
        List<Scored> reassessed = recommendations.stream().filter(s -> secondAssessor.containsKey(s.question().path("id").asText())).toList();
        out.append(String.format("  - against a second, blind assessor's series (%d questions): %.1f%%%n", reassessed.size(),
                100 * reassessed.stream().mapToDouble(s -> recall3Against(s, secondAssessor.get(s.question().path("id").asText())))
                        .average().orElse(0)));
        out.append("- \"like X\" answers offering only X (both splits): " + onlyX + " (target 0)\n");
        List<Double> rag = scored.stream().map(Scored::ragMs).filter(ms -> ms >= 0).sorted().toList();
        if (!rag.isEmpty()) {
            out.append(String.format("- the rag step (done.timings.rag, %d searches, 8 shoppers at once on this machine): p50 %.1f ms,"
                    + " p95 %.1f ms, max %.1f ms (budget 200 ms)%n", rag.size(), rag.get(rag.size() / 2),
                    rag.get((int) Math.ceil(0.95 * rag.size()) - 1), rag.get(rag.size() - 1)));
        }
        List<Scored> degraded = scored.stream().filter(x -> x.degradation() != null && !x.full()).toList();
        out.append("- answers not at full degradation (their sources are scored as they came): " + degraded.size()
                + degraded.stream().limit(20).map(x -> " " + x.question().path("id").asText() + " " + x.degradation()
                        + " timedOut " + x.timedOut()).collect(java.util.stream.Collectors.joining(";", degraded.isEmpty() ? "" : ":", ""))
                + "\n");
        // the tuning split's misses only: the held-out questions are for the numbers, never to tune on
        out.append("\n## Misses (tune split, rank 1 wrong)\n\n");
        for (Scored s : scored.stream().filter(s -> "tune".equals(s.question().path("split").asText())).toList()) {
            if (s.reciprocalRank() < 1.0) {
                out.append("- ").append(s.question().path("id").asText()).append(" ").append(s.question().path("category").asText())
                        .append(" (intent ").append(s.intent()).append(s.full() ? "" : ", " + s.degradation()).append("): \"").append(s.question().path("question").asText()).append("\" -> ")
                        .append(s.ids().stream().limit(3).toList()).append(s.series().stream().limit(3).anyMatch(x -> !x.isEmpty())
                                ? " " + s.series().stream().limit(3).toList() : "").append('\n');
            }
        }
        return out.toString();
    }

    private static List<Scored> of(List<Scored> scored, String category) {
        return scored.stream().filter(s -> category.equals(s.question().path("category").asText())).toList();
    }

    private static double mean(List<Scored> group, java.util.function.ToDoubleFunction<Scored> metric) {
        return group.stream().mapToDouble(metric).average().orElse(0);
    }

    private static List<ObjectNode> json(List<Scored> scored) {
        List<ObjectNode> rows = new ArrayList<>();
        for (Scored s : scored) {
            ObjectNode row = JSON.createObjectNode();
            row.put("id", s.question().path("id").asText());
            row.put("category", s.question().path("category").asText());
            row.put("split", s.question().path("split").asText());
            row.put("intent", s.intent());
            row.put("ragMs", s.ragMs());
            row.put("degradation", s.degradation());
            row.put("timedOut", s.timedOut());
            row.putPOJO("sources", s.ids());
            row.put("recall1", s.recall1());
            row.put("recall3", s.recall3());
            row.put("reciprocalRank", s.reciprocalRank());
            row.put("onlyExcluded", s.onlyExcluded());
            rows.add(row);
        }
        return rows;
    }
}
