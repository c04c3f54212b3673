package com.mangaassist.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.ingress.ChatClient;
import com.mangaassist.slo.SlowTraceMarks;

/**
 * Renders k8s/ (the base) and k8s/overlays/aws with kubectl kustomize and checks what a cluster would
 * get: the kinds, the probes on the actuator health groups, a graceful stop longer than its parts, the
 * routes ConfigMap (the repository's routes, byte for byte) mounted where the service reloads routes,
 * the burn-rate rule groups, and a Grafana dashboard whose every query names a metric this service
 * exports (scraped from the running local-profile service) or a rule records.
 */
@LocalProfileTest
@SuppressWarnings("unchecked")
class K8sManifestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<Map<String, Object>> base;
    private static List<Map<String, Object>> aws;

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Autowired
    TestRestTemplate http;

    @BeforeAll
    static void render() throws Exception {
        base = kustomize("k8s");
        aws = kustomize("k8s/overlays/aws");
    }

    @Test
    void theBaseHasEveryObjectAndTheOverlayAddsAws() {
        assertThat(kinds(base)).contains("StatefulSet", "Service", "Ingress", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "ConfigMap", "PrometheusRule", "ServiceMonitor");
        assertThat(kinds(aws)).containsAll(kinds(base)).contains("ServiceAccount");
        Map<String, Object> awsPod = podSpec(one(aws, "StatefulSet"));
        assertThat(awsPod.get("serviceAccountName")).isEqualTo("mangaassist");
        assertThat((String) container(awsPod).get("image")).contains(".dkr.ecr.");
        assertThat(map(one(aws, "Ingress"), "spec").get("ingressClassName")).isEqualTo("alb");
    }

    /**
     * The HPA scales on requests in flight per pod, a gauge the running service exports, which the
     * prometheus-adapter rules serve under the same name (CPU only as a backstop).
     */
    @Test
    void theAutoscalerScalesOnInFlightRequestsTheServiceExports() throws Exception {
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) map(one(base, "HorizontalPodAutoscaler"), "spec").get("metrics");
        Map<String, Object> pods = metrics.stream().filter(m -> "Pods".equals(m.get("type"))).findFirst().orElseThrow();
        String name = (String) map(pods, "pods", "metric").get("name");
        assertThat(name).isEqualTo("mangaassist_pipeline_in_flight");
        assertThat(map(pods, "pods", "target").get("type")).isEqualTo("AverageValue");
        assertThat(Integer.parseInt(String.valueOf(map(pods, "pods", "target").get("averageValue")))).isPositive();

        String scrape = http.getForObject("/actuator/prometheus", String.class);
        assertThat(scrape.lines().filter(l -> !l.startsWith("#")).map(l -> l.split("[{ ]")[0])).contains(name);

        Map<String, Object> adapter = new Yaml().load(Files.readString(Path.of("k8s/prometheus/prometheus-adapter-rules.yaml")));
        List<Map<String, Object>> rules = (List<Map<String, Object>>) map(adapter, "rules").get("custom");
        assertThat(rules).anySatisfy(rule -> {
            assertThat((String) rule.get("seriesQuery")).startsWith(name + "{");
            assertThat(map(rule, "name").get("as")).isEqualTo(name);
            assertThat(map(rule, "resources", "overrides")).containsKeys("namespace", "pod");
        });
    }

    @Test
    void probesUseTheHealthGroupsAndShutdownLetsStreamsFinish() {
        Map<String, Object> pod = podSpec(one(base, "StatefulSet"));
        Map<String, Object> container = container(pod);
        assertThat(map(map(container, "readinessProbe"), "httpGet").get("path")).isEqualTo("/actuator/health/readiness");
        assertThat(map(map(container, "livenessProbe"), "httpGet").get("path")).isEqualTo("/actuator/health/liveness");
        List<?> preStop = (List<?>) map(map(map(container, "lifecycle"), "preStop"), "exec").get("command");
        int preStopSeconds = Integer.parseInt(String.valueOf(preStop.get(preStop.size() - 1)).replaceAll("\\D", ""));
        int shutdownSeconds = Integer.parseInt(env(container, "CAMEL_MAIN_SHUTDOWNTIMEOUT"));
        int answersSeconds = seconds(env(container, "MANGAASSIST_SHUTDOWN_ANSWERSTIMEOUT"));
        int drainSeconds = seconds(env(container, "MANGAASSIST_JOURNAL_DRAINTIMEOUT"));
        assertThat(answersSeconds).as("answers finish inside the lifecycle phase's timeout")
                .isLessThan(seconds(env(container, "SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE")));
        // the stop's steps in order: preStop, answers, Camel, the save pool's drain, the journal's drain
        assertThat((Integer) pod.get("terminationGracePeriodSeconds"))
                .isGreaterThan(preStopSeconds + answersSeconds + shutdownSeconds + 2 * drainSeconds);
        assertThat(map(map(container, "resources"), "requests")).containsKeys("cpu", "memory");
        Map<String, Object> ingress = one(base, "Ingress");
        assertThat(Integer.parseInt((String) map(ingress, "metadata", "annotations")
                .get("nginx.ingress.kubernetes.io/proxy-read-timeout"))).isGreaterThanOrEqualTo(3600);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theIngressServesOnlyTheChatOverTlsAndTheManagementPortStaysInside() {
        for (List<Map<String, Object>> objects : List.of(base, aws)) {
            Map<String, Object> ingress = one(objects, "Ingress");
            Set<Object> routedPorts = new TreeSet<>();
            for (Map<String, Object> rule : (List<Map<String, Object>>) map(ingress, "spec").get("rules")) {
                for (Map<String, Object> path : (List<Map<String, Object>>) map(rule, "http").get("paths")) {
                    routedPorts.add(map(path, "backend", "service", "port").get("name"));
                }
            }
            assertThat(routedPorts).containsExactly("http", "ws");
            Map<String, Object> container = container(podSpec(one(objects, "StatefulSet")));
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                assertThat(map(map(container, probe), "httpGet").get("port")).as(probe).isEqualTo("management");
            }
            assertThat(((List<Map<String, Object>>) map(one(objects, "ServiceMonitor"), "spec").get("endpoints")).get(0)
                    .get("port")).isEqualTo("management");
            int managementPort = ((List<Map<String, Object>>) container.get("ports")).stream()
                    .filter(p -> "management".equals(p.get("name"))).map(p -> (Integer) p.get("containerPort")).findFirst().orElseThrow();
            assertThat(env(container, "MANAGEMENT_SERVER_PORT")).isEqualTo(String.valueOf(managementPort));
        }
        List<Map<String, Object>> tls = (List<Map<String, Object>>) map(one(base, "Ingress"), "spec").get("tls");
        assertThat(tls).singleElement().satisfies(t -> assertThat(t.get("secretName")).isEqualTo("mangaassist-tls"));
        Map<String, Object> alb = map(one(aws, "Ingress"), "metadata", "annotations");
        assertThat((String) alb.get("alb.ingress.kubernetes.io/certificate-arn")).startsWith("arn:aws:acm:");
        assertThat(alb.get("alb.ingress.kubernetes.io/ssl-redirect")).isEqualTo("443");
    }

    /**
     * The write journal lives on a claim per replica that outlives the pod (a rollout, a drain, a scale
     * down), not on an emptyDir; the HPA scales the StatefulSet; the headless service is not scraped twice.
     */
    @Test
    void eachReplicasJournalIsOnItsOwnPersistentVolume() {
        for (List<Map<String, Object>> objects : List.of(base, aws)) {
            Map<String, Object> set = one(objects, "StatefulSet");
            Map<String, Object> pod = podSpec(set);
            assertThat((List<Map<String, Object>>) pod.get("volumes")).noneMatch(v -> v.containsKey("emptyDir"));
            List<Map<String, Object>> claims = (List<Map<String, Object>>) map(set, "spec").get("volumeClaimTemplates");
            Map<String, Object> journal = claims.stream().filter(c -> "journal".equals(map(c, "metadata").get("name")))
                    .findFirst().orElseThrow();
            assertThat((List<String>) map(journal, "spec").get("accessModes")).containsExactly("ReadWriteOnce");
            assertThat(map(journal, "spec", "resources", "requests")).containsKey("storage");
            Map<String, Object> container = container(pod);
            String mountPath = ((List<Map<String, Object>>) container.get("volumeMounts")).stream()
                    .filter(m -> "journal".equals(m.get("name"))).map(m -> (String) m.get("mountPath")).findFirst().orElseThrow();
            assertThat(env(container, "MANGAASSIST_JOURNAL_DIR")).startsWith(mountPath + "/");
            assertThat(map(set, "spec", "persistentVolumeClaimRetentionPolicy")).containsEntry("whenScaled", "Retain");
            String governing = (String) map(set, "spec").get("serviceName");
            assertThat(objects).anySatisfy(o -> {
                assertThat(o.get("kind")).isEqualTo("Service");
                assertThat(map(o, "metadata").get("name")).isEqualTo(governing);
                assertThat(map(o, "spec").get("clusterIP")).isEqualTo("None");
            });
            Map<String, Object> target = map(one(objects, "HorizontalPodAutoscaler"), "spec", "scaleTargetRef");
            assertThat(target).containsEntry("kind", "StatefulSet").containsEntry("name", map(set, "metadata").get("name"));
            Map<String, Object> scraped = map(one(objects, "ServiceMonitor"), "spec", "selector", "matchLabels");
            assertThat(objects.stream().filter(o -> "Service".equals(o.get("kind")))
                    .filter(o -> map(o, "metadata", "labels").entrySet().containsAll(scraped.entrySet())))
                    .as("services the ServiceMonitor scrapes").hasSize(1);
        }
    }

    @Test
    void theRoutesConfigMapIsTheRepositorysRoutesMountedWhereTheServiceReloadsThem() throws IOException {
        Map<String, Object> routes = base.stream().filter(o -> "ConfigMap".equals(o.get("kind")))
                .filter(o -> map(o, "metadata").get("name").equals("mangaassist-routes")).findFirst().orElseThrow();
        try (var files = Files.list(Path.of("routes"))) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertThat(map(routes, "data")).hasSize(yaml.size());
            for (Path file : yaml) {
                assertThat(map(routes, "data").get(file.getFileName().toString()))
                        .as("%s differs from its copy in k8s/base/routes: run make k8s-routes", file)
                        .isEqualTo(Files.readString(file));
            }
        }
        Map<String, Object> pod = podSpec(one(base, "StatefulSet"));
        Map<String, Object> container = container(pod);
        String volume = ((List<Map<String, Object>>) pod.get("volumes")).stream()
                .filter(v -> v.containsKey("configMap") && map(v, "configMap").get("name").equals("mangaassist-routes"))
                .map(v -> (String) v.get("name")).findFirst().orElseThrow();
        String mountPath = ((List<Map<String, Object>>) container.get("volumeMounts")).stream()
                .filter(m -> volume.equals(m.get("name"))).map(m -> (String) m.get("mountPath")).findFirst().orElseThrow();
        assertThat(env(container, "CAMEL_MAIN_ROUTESRELOADDIRECTORY")).isEqualTo(mountPath);
        assertThat(env(container, "CAMEL_MAIN_ROUTESINCLUDEPATTERN")).isEqualTo("file:" + mountPath + "/*.yaml");
    }

    @Test
    void thePrometheusRuleHasTheFourBurnRateTiers() {
        List<Map<String, Object>> groups = (List<Map<String, Object>>) map(one(base, "PrometheusRule"), "spec").get("groups");
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> group : groups) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                if (rule.containsKey("alert") && "mangaassist-slo-burn-rate-alerts".equals(group.get("name"))) {
                    alerts.add(rule.get("alert") + "/" + map(rule, "labels").get("severity"));
                }
            }
        }
        assertThat(alerts.stream().filter(a -> a.endsWith("/page")).count()).isEqualTo(2);
        assertThat(alerts.stream().filter(a -> a.endsWith("/ticket")).count()).isEqualTo(2);
    }

    @Test
    void theDashboardHasFourRowsAndQueriesOnlyMetricsThatExist() throws Exception {
        Map<String, Object> configMap = base.stream().filter(o -> "ConfigMap".equals(o.get("kind")))
                .filter(o -> "1".equals(map(o, "metadata", "labels").get("grafana_dashboard"))).findFirst().orElseThrow();
        JsonNode dashboard = JSON.readTree((String) map(configMap, "data").get("mangaassist-dashboard.json"));
        List<String> rows = new ArrayList<>();
        List<String> exprs = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            if ("row".equals(panel.path("type").asText())) {
                rows.add(panel.path("title").asText());
            }
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
        });
        assertThat(rows).hasSize(4);
        assertThat(String.join("|", rows)).contains("SLO").contains("latency").contains("waterfall").contains("breaker");

        try (ChatClient client = new ChatClient(wsPort)) {
            client.ask("s-k8s-dashboard", "do you have naruto volume 1?"); // step timers exist from here on
        }
        String scrape = http.getForObject("/actuator/prometheus", String.class);
        Set<String> exported = scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]")[0]).collect(Collectors.toSet());
        Set<String> recorded = new TreeSet<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) map(one(base, "PrometheusRule"), "spec").get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                if (rule.containsKey("record")) {
                    recorded.add((String) rule.get("record"));
                }
            }
        }
        Pattern metric = Pattern.compile("\\b(mangaassist[_:][a-z0-9_:]+|resilience4j_[a-z0-9_]+)");
        Set<String> referenced = new TreeSet<>();
        for (String expr : exprs) {
            Matcher m = metric.matcher(expr);
            while (m.find()) {
                referenced.add(m.group(1));
            }
        }
        assertThat(referenced).hasSizeGreaterThanOrEqualTo(8);
        assertThat(referenced).allSatisfy(name -> assertThat(exported.contains(name) || recorded.contains(name))
                .as("%s is neither exported at /actuator/prometheus nor recorded by the PrometheusRule", name).isTrue());
    }

    @Test
    void theCollectorKeepsEveryTraceTheServiceMarksLateAndTheServiceSendsItEverySpan() {
        for (List<Map<String, Object>> objects : List.of(base, aws)) {
            Map<String, Object> configMap = objects.stream().filter(o -> "ConfigMap".equals(o.get("kind")))
                    .filter(o -> ((String) map(o, "metadata").get("name")).startsWith("mangaassist-otel-collector"))
                    .findFirst().orElseThrow();
            Map<String, Object> config = new Yaml().load((String) map(configMap, "data").get("config.yaml"));
            Map<String, Object> pipeline = map(config, "service", "pipelines", "traces");
            for (String part : List.of("receivers", "processors", "exporters")) {
                assertThat(map(config, part).keySet()).as("%s the pipeline names", part)
                        .containsAll((List<String>) pipeline.get(part));
            }
            assertThat((List<String>) pipeline.get("processors")).contains("tail_sampling");
            Map<String, Object> sampling = map(config, "processors", "tail_sampling");
            List<Map<String, Object>> policies = (List<Map<String, Object>>) sampling.get("policies");
            // the key and value the service's verdict span carries for a late (or missing) first token
            assertThat(policies).anySatisfy(p -> {
                assertThat(p.get("type")).isEqualTo("boolean_attribute");
                assertThat(map(p, "boolean_attribute")).containsEntry("key", SlowTraceMarks.FIRST_TOKEN_LATE.getKey())
                        .containsEntry("value", true);
            });
            // the rest sampled, not all kept and not all dropped; nothing else (an and/drop policy) can veto a late trace
            assertThat(policies).anySatisfy(p -> {
                assertThat(p.get("type")).isEqualTo("probabilistic");
                assertThat((Number) map(p, "probabilistic").get("sampling_percentage")).satisfies(
                        pct -> assertThat(pct.doubleValue()).isStrictlyBetween(0.0, 100.0));
            });
            assertThat(policies).extracting(p -> p.get("type")).containsOnly("boolean_attribute", "status_code", "probabilistic");
            // a verdict comes with the done frame: the decision waits past the hard deadline plus a long answer
            assertThat(seconds((String) sampling.get("decision_wait"))).isGreaterThanOrEqualTo(20);

            // the service exports to the collector's Service, on a port it serves OTLP/HTTP on
            Map<String, Object> collector = objects.stream().filter(o -> "Service".equals(o.get("kind")))
                    .filter(o -> "mangaassist-otel-collector".equals(map(o, "metadata").get("name"))).findFirst().orElseThrow();
            List<Integer> ports = ((List<Map<String, Object>>) map(collector, "spec").get("ports")).stream()
                    .map(port -> (Integer) port.get("port")).toList();
            String endpoint = env(container(podSpec(one(objects, "StatefulSet"))), "MANGAASSIST_TRACING_OTLPENDPOINT");
            assertThat(endpoint).startsWith("http://mangaassist-otel-collector:");
            assertThat(ports).contains(Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1)));
            assertThat((String) map(config, "receivers", "otlp", "protocols", "http").get("endpoint")).endsWith(":4318");
            assertThat(map(one(objects, "Deployment"), "spec").get("replicas")).as("tail sampling sees whole traces").isEqualTo(1);
        }
    }

    private static int seconds(String duration) {
        assertThat(duration).matches("\\d+s");
        return Integer.parseInt(duration.substring(0, duration.length() - 1));
    }

    private static List<Map<String, Object>> kustomize(String dir) throws Exception {
        Process p = new ProcessBuilder("kubectl", "kustomize", dir) // no flags: what kubectl apply -k, Argo CD and Flux do
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl kustomize %s:\n%s", dir, out).isZero();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(out)) {
            objects.add((Map<String, Object>) doc);
        }
        return objects;
    }

    private static Set<String> kinds(List<Map<String, Object>> objects) {
        return objects.stream().map(o -> (String) o.get("kind")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Object> one(List<Map<String, Object>> objects, String kind) {
        List<Map<String, Object>> found = objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return map(deployment, "spec", "template", "spec");
    }

    private static Map<String, Object> container(Map<String, Object> podSpec) {
        return ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
    }

    private static String env(Map<String, Object> container, String name) {
        return ((List<Map<String, Object>>) container.get("env")).stream().filter(e -> name.equals(e.get("name")))
                .map(e -> String.valueOf(e.get("value"))).findFirst().orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static Map<String, Object> map(Map<String, Object> object, String... path) {
        Map<String, Object> current = object;
        for (String key : path) {
            current = (Map<String, Object>) current.get(key);
            assertThat(current).as("missing %s", key).isNotNull();
        }
        return current;
    }
}
