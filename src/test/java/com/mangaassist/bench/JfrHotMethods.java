package com.mangaassist.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the service's CPU went during the bench: reads its JFR recording and lists the hottest
 * methods (top frame of execution samples) and the hottest packages (whole stacks, each package
 * counted once per sample) while the scenarios ran (load-window.txt), written to target/bench/hot-methods.txt.
 */
public final class JfrHotMethods {

    private JfrHotMethods() {
    }

    public static void main(String[] args) throws Exception {
        Path recording = Path.of(args.length > 0 ? args[0] : "target/bench/service.jfr");
        Path out = Path.of(args.length > 1 ? args[1] : "target/bench/hot-methods.txt");
        java.time.Instant from = java.time.Instant.MIN;
        java.time.Instant to = java.time.Instant.MAX;
        Path window = recording.resolveSibling("load-window.txt");
        if (Files.exists(window)) {
            String[] bounds = Files.readString(window).trim().split(" ");
            from = java.time.Instant.parse(bounds[0]);
            to = java.time.Instant.parse(bounds[1]);
        }
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null
                    || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            RecordedFrame top = frames.get(0);
            self.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
            frames.stream().map(f -> pkg(f.getMethod().getType().getName())).distinct()
                    .forEach(p -> inclusive.merge(p, 1, Integer::sum));
        }
        StringBuilder text = new StringBuilder("CPU samples: " + samples + "\n\nHottest methods (self):\n");
        append(text, self, samples);
        text.append("\nHottest packages (anywhere on the stack):\n");
        append(text, inclusive, samples);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text.toString());
        System.out.print(text);
    }

    private static void append(StringBuilder text, Map<String, Integer> counts, int samples) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
                .forEach(e -> text.append(String.format("  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
    }

    private static String pkg(String className) {
        String[] parts = className.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(parts.length - 1, 3)));
    }
}
