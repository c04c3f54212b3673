package com.mangaassist.slo.burn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * One definition of the SLO: the fleet's Prometheus rules (k8s/prometheus/mangaassist-slo-rule.yaml)
 * burn against the budget of {@code mangaassist.slo.objective} and have exactly the tiers of
 * {@link SloMonitor#TIERS} (windows, burn rates, severities), and every window they read is recorded
 * from the requests counter, so a change on one side fails here until the other follows.
 */
class SloRulesDefinitionTest {

    private static final Offset<Double> TINY = Offset.offset(1e-12);

    private static final Pattern BURN = Pattern.compile("mangaassist:first_token_slow_ratio:rate(\\w+) / ([0-9.]+) > ([0-9.]+)");

    @SuppressWarnings("unchecked")
    private static Map<String, List<Map<String, Object>>> groups() throws IOException {
        Map<String, Object> rule = new Yaml().load(Files.readString(Path.of("k8s/prometheus/mangaassist-slo-rule.yaml")));
        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) ((Map<String, Object>) rule.get("spec")).get("groups")) {
            groups.put((String) group.get("name"), (List<Map<String, Object>>) group.get("rules"));
        }
        return groups;
    }

    private static double errorBudget() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return 1 - Double.parseDouble(properties.getProperty("mangaassist.slo.objective"));
    }

    private static Duration window(String promDuration) {
        long n = Long.parseLong(promDuration.substring(0, promDuration.length() - 1));
        return switch (promDuration.charAt(promDuration.length() - 1)) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException(promDuration);
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFleetBurnRateAlertsAreTheInProcessTiersAgainstTheConfiguredBudget() throws IOException {
        double budget = errorBudget();
        assertThat(budget).isCloseTo(0.001, TINY); // the seed's 0.1%
        List<BurnRateTier> fromRules = new ArrayList<>();
        List<String> windowsRead = new ArrayList<>();
        for (Map<String, Object> alert : groups().get("mangaassist-slo-burn-rate-alerts")) {
            Map<String, String> labels = (Map<String, String>) alert.get("labels");
            Matcher m = BURN.matcher((String) alert.get("expr"));
            List<String[]> sides = new ArrayList<>();
            while (m.find()) {
                sides.add(new String[] {m.group(1), m.group(2), m.group(3)});
                windowsRead.add(m.group(1));
            }
            assertThat(sides).as("%s: a long and a short window", alert.get("alert")).hasSize(2);
            for (String[] side : sides) {
                assertThat(Double.parseDouble(side[1])).as("%s divides by the error budget", alert.get("alert")).isCloseTo(budget, TINY);
                assertThat(side[2]).isEqualTo(sides.get(0)[2]);
            }
            fromRules.add(new BurnRateTier(labels.get("tier"), labels.get("severity"), window(sides.get(0)[0]),
                    window(sides.get(1)[0]), Double.parseDouble(sides.get(0)[2])));
            assertThat(((Map<String, String>) alert.get("annotations")).get("runbook_url")).isEqualTo("docs/observability.md#runbook");
        }
        assertThat(fromRules).containsExactlyElementsOf(SloMonitor.TIERS);

        // every window an alert reads is recorded: good events over every accepted request
        Map<String, String> recorded = new LinkedHashMap<>();
        for (Map<String, Object> rule : groups().get("mangaassist-slo-sli")) {
            recorded.put((String) rule.get("record"), (String) rule.get("expr"));
        }
        for (String w : windowsRead) {
            String expr = recorded.get("mangaassist:first_token_slow_ratio:rate" + w);
            assertThat(expr).as("recording rule for %s", w).isNotNull()
                    .contains("mangaassist_e2e_first_token_seconds_bucket{le=\"2.0\"}[" + w + "]")
                    .contains("mangaassist_chat_requests_total[" + w + "]");
        }
        Matcher remaining = Pattern.compile("1 - mangaassist:first_token_slow_ratio:rate30d / ([0-9.]+)")
                .matcher(recorded.get("mangaassist:first_token_error_budget_remaining:ratio30d"));
        assertThat(remaining.matches()).isTrue();
        assertThat(Double.parseDouble(remaining.group(1))).isCloseTo(budget, TINY);
    }
}
