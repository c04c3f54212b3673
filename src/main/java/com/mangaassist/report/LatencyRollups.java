package com.mangaassist.report;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.journal.DurableDynamoWriter;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.TableProvisioner;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Hourly latency rollups of this process: every answered request's step timings go into the
 * current UTC hour's {@link HourRollup}; {@link #flush()} (a timer route) writes each hour kept in
 * memory to the rollup table, one row per series and process ({@code series = name#instance}), and
 * forgets hours that are over. A restarted process has a new instance id, so it adds rows and never
 * overwrites an hour flushed before the restart; the report merges all rows of an hour.
 */
@Component("latencyRollups")
public class LatencyRollups {

    static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    /** Batch writes take at most 25 items. */
    private static final int BATCH = 25;

    private final DurableDynamoWriter writer;
    private final String table;
    private final String instance;
    private final Clock clock;
    private final Map<String, HourRollup> hours = new TreeMap<>();

    @Autowired
    public LatencyRollups(DurableDynamoWriter writer, DynamoDbSettings settings, RollupSettings rollups) {
        this(writer, settings, rollups.instanceId(), Clock.systemUTC());
    }

    public LatencyRollups(DurableDynamoWriter writer, DynamoDbSettings settings, String instanceId, Clock clock) {
        this.writer = writer;
        this.table = settings.rollupTable();
        this.clock = clock;
        this.instance = instanceId == null || instanceId.isBlank() ? defaultInstance(clock) : instanceId;
    }

    /** One answered request: its per-step timings, whether it got a token, and its level. */
    public void record(ChatOutcome outcome) {
        Map<String, Long> millis = new LinkedHashMap<>();
        outcome.timings().forEach((step, ms) -> millis.put(step, Math.round(ms)));
        record(millis, outcome.level());
    }

    public void record(Map<String, Long> timingsMs, String degradation) {
        HourRollup hour;
        synchronized (hours) {
            hour = hours.computeIfAbsent(HOUR.format(clock.instant()), h -> new HourRollup());
        }
        timingsMs.forEach(hour::record);
        hour.count("answers", 1);
        if (!timingsMs.containsKey("e2e_first_token")) {
            hour.count("no_first_token", 1);
        }
        if (!"full".equals(degradation)) {
            hour.count("degraded:" + degradation, 1);
        }
    }

    /** Writes every hour held in memory (idempotent puts of cumulative state); keeps only the current hour. */
    public void flush() throws IOException {
        String current = HOUR.format(clock.instant());
        Map<String, HourRollup> snapshot;
        synchronized (hours) {
            snapshot = new LinkedHashMap<>(hours);
        }
        for (Map.Entry<String, HourRollup> hour : snapshot.entrySet()) {
            List<Map<String, AttributeValue>> items = rows(hour.getKey(), hour.getValue());
            for (int from = 0; from < items.size(); from += BATCH) {
                writer.put(table, items.subList(from, Math.min(items.size(), from + BATCH)));
            }
            if (hour.getKey().compareTo(current) < 0) {
                synchronized (hours) {
                    hours.remove(hour.getKey()); // written for good: the hour is over
                }
            }
        }
    }

    /** On shutdown: the current hour's data since the last flush goes out too. */
    @jakarta.annotation.PreDestroy
    void flushOnShutdown() throws IOException {
        flush();
    }

    public String instance() {
        return instance;
    }

    private List<Map<String, AttributeValue>> rows(String hour, HourRollup rollup) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        rollup.histograms().forEach((series, histogram) -> {
            Map<String, AttributeValue> item = row(hour, series, "histogram");
            item.put("histogram", AttributeValue.fromS(HourRollup.encode(histogram)));
            item.put("count", AttributeValue.fromN(Long.toString(histogram.getTotalCount())));
            items.add(item);
        });
        rollup.counters().forEach((counter, value) -> {
            Map<String, AttributeValue> item = row(hour, counter, "counter");
            item.put("count", AttributeValue.fromN(Long.toString(value)));
            items.add(item);
        });
        return items;
    }

    private Map<String, AttributeValue> row(String hour, String name, String kind) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(TableProvisioner.HOUR, AttributeValue.fromS(hour));
        item.put(TableProvisioner.SERIES, AttributeValue.fromS(name + "#" + instance));
        item.put("name", AttributeValue.fromS(name));
        item.put("kind", AttributeValue.fromS(kind));
        item.put("instance", AttributeValue.fromS(instance));
        return item;
    }

    private static String defaultInstance(Clock clock) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        return host + "-" + Instant.now(clock).toEpochMilli();
    }
}
