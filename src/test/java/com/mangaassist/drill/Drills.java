package com.mangaassist.drill;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.LocalBackendPorts;
import com.mangaassist.backends.ServiceProcess;
import com.mangaassist.backends.TestBackends;
import com.mangaassist.ingress.ChatClient;
import com.mangaassist.journal.PendingWrite;
import com.mangaassist.memory.TableProvisioner;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code make drills}: issue 18's acceptance faults against real processes (docs/operations.md,
 * "Drills"): the local backends, the service jar, and a TCP proxy process in front of DynamoDB Local
 * that real signals fault (SIGSTOP hung, SIGKILL unreachable). Each drill starts its own service,
 * checks what a shopper and the table see, and writes target/drills/report.md. {@code -Ddrills=}
 * picks some of sigterm, kill9, hung, disk. Exit status 1 when a check failed.
 */
public final class Drills {

    static final Path DIR = Path.of("target/drills");
    static final String TURNS_TABLE = "mangaassist-conversation-turns";
    static final String QUESTION = "can you recommend a dark fantasy manga like berserk?";

    private final TestBackends backends = TestBackends.get();
    private final int dynamoPort = backends.port("dynamodb.port");
    private final DynamoDbClient table = DynamoDbClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + dynamoPort)).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    private final List<String> report = new ArrayList<>();
    private int failures;
    private int run;

    public static void main(String[] args) throws Exception {
        List<String> only = Arrays.asList(System.getProperty("drills", "sigterm,kill9,hung,disk").split(","));
        Files.createDirectories(DIR);
        Drills drills = new Drills();
        drills.report.add("# Drills (" + Instant.now() + ")");
        drills.report.add("");
        drills.report.add("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + cpuModel() + "; the backends, the service and the DynamoDB proxy as separate processes, unpinned.");
        drills.run(only, "sigterm", "SIGTERM while 20 answers stream", drills::sigterm);
        drills.run(only, "kill9", "kill -9 while DynamoDB is down, a poison entry, restart", drills::kill9);
        drills.run(only, "hung", "DynamoDB hung (SIGSTOP) during 200 turns", drills::hung);
        drills.run(only, "disk", "journal disk full (tmpfs), then read-only (ext4 forced read-only by an error)", drills::disk);
        drills.report.add("");
        drills.report.add(drills.failures == 0 ? "All " + drills.run + " drills passed." : drills.failures + " check(s) failed.");
        Files.write(DIR.resolve("report.md"), drills.report, StandardCharsets.UTF_8);
        drills.report.forEach(System.out::println);
        System.exit(drills.failures == 0 ? 0 : 1);
    }

    interface Drill {
        void run() throws Exception;
    }

    private void run(List<String> only, String name, String title, Drill drill) {
        if (!only.contains(name)) {
            return;
        }
        run++;
        report.add("");
        report.add("## " + name + ": " + title);
        long start = System.nanoTime();
        try {
            drill.run();
        } catch (Throwable t) {
            check(false, "the drill ran to its end: " + t);
        }
        report.add("- (" + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s)");
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            failures++;
        }
        report.add("- " + (ok ? "PASS " : "FAIL ") + what);
        System.out.println((ok ? "PASS " : "FAIL ") + what);
    }

    private void note(String what) {
        report.add("- " + what);
        System.out.println(what);
    }

    private ServiceProcess service(String name, Path journal, ProxyProcess dynamoDb, String... extra) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(LocalBackendPorts.asArguments(backends.ports())));
        arguments.add("--mangaassist.dynamodb.endpoint=http://127.0.0.1:" + dynamoDb.port());
        arguments.add("--mangaassist.journal.dir=" + journal);
        arguments.add("--mangaassist.reports.dir=" + DIR.resolve("reports"));
        arguments.addAll(List.of(extra));
        return ServiceProcess.start(DIR.resolve(name + ".log"), LocalBackendPorts.freePort(), LocalBackendPorts.freePort(), arguments);
    }

    private static Path freshJournal(String name) throws IOException {
        Path dir = DIR.resolve("journal-" + name + "-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(dir);
        return dir;
    }

    // ---- SIGTERM while answers stream -------------------------------------------------------------

    private void sigterm() throws Exception {
        Duration delay = backends.bedrock().firstTokenDelay();
        double rate = backends.bedrock().tokensPerSecond();
        backends.bedrock().pace(Duration.ofMillis(100), 25); // answers of a few seconds
        List<ChatClient> clients = new ArrayList<>();
        try (ProxyProcess dynamoDb = new ProxyProcess(LocalBackendPorts.freePort(), dynamoPort).start();
             // 20 in flight at most, so the 5 after them wait in the admission queue when the stop begins
             ServiceProcess service = service("sigterm", freshJournal("sigterm"), dynamoDb,
                     "--mangaassist.pipeline.max-in-flight=20", "--mangaassist.pipeline.min-in-flight=20",
                     "--mangaassist.pipeline.queue-max-wait=2500ms", "--mangaassist.shedding.load-enabled=false")) {
            Map<String, String> streaming = new LinkedHashMap<>(); // requestId -> sessionId
            Map<String, String> queued = new LinkedHashMap<>();
            Map<String, ChatClient> clientOf = new LinkedHashMap<>();
            Map<String, Long> sentAt = new LinkedHashMap<>();
            for (int i = 0; i < 25; i++) {
                ChatClient client = new ChatClient(service.wsPort);
                clients.add(client);
                String session = "drill-stop-" + UUID.randomUUID();
                String request = "r-" + UUID.randomUUID();
                sentAt.put(request, client.send(session, request, QUESTION + " " + ChatClient.uniqueWords()));
                clientOf.put(request, client);
                (i < 20 ? streaming : queued).put(request, session);
                if (i == 19) {
                    for (String r : streaming.keySet()) {
                        clientOf.get(r).awaitFrame(r, "token", Duration.ofSeconds(20));
                    }
                }
            }
            ChatClient late = new ChatClient(service.wsPort);
            clients.add(late);
            long waitFrom = System.nanoTime();
            while (service.metric("mangaassist_pipeline_queued") < queued.size() && System.nanoTime() - waitFrom < 2_000_000_000L) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            double inFlight = service.metric("mangaassist_pipeline_in_flight");
            double waiting = service.metric("mangaassist_pipeline_queued");
            check(inFlight == 20 && waiting == queued.size(), "at SIGTERM: " + Math.round(inFlight) + " answers in flight, "
                    + Math.round(waiting) + " requests queued");
            long stopAt = System.nanoTime();
            service.sigterm();
            while (service.readiness() == 200) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            note("readiness down " + ms(System.nanoTime() - stopAt) + " ms after SIGTERM");
            String lateSession = "drill-stop-late-" + UUID.randomUUID();
            String lateRequest = "r-" + UUID.randomUUID();
            JsonNode refused = last(late, lateRequest, late.send(lateSession, lateRequest, "is one piece volume 1 in stock?"), 10);
            check(refused != null && "shutting_down".equals(refused.path("code").asText()) && refused.path("retryAfterMs").asLong() > 0,
                    "a message sent after SIGTERM is refused with shutting_down and a retryAfterMs: " + refused);

            int done = 0;
            for (String r : streaming.keySet()) {
                JsonNode end = last(clientOf.get(r), r, sentAt.get(r), 60);
                done += end != null && "done".equals(end.path("type").asText()) ? 1 : 0;
            }
            check(done == 20, done + " of the 20 streaming answers finished with done");
            Map<String, Integer> queuedEnds = new TreeMap<>();
            List<String> queuedAnswered = new ArrayList<>();
            for (String r : queued.keySet()) {
                JsonNode end = last(clientOf.get(r), r, sentAt.get(r), 60);
                String what = end == null ? "nothing" : "done".equals(end.path("type").asText()) ? "done" : end.path("code").asText();
                queuedEnds.merge(what, 1, Integer::sum);
                if ("done".equals(what)) {
                    queuedAnswered.add(r);
                }
            }
            check(!queuedEnds.containsKey("nothing"), "every one of the 5 queued requests got a last frame: " + queuedEnds);
            int closed1012 = 0;
            for (ChatClient client : clients) {
                try {
                    closed1012 += client.closed().get(60, TimeUnit.SECONDS) == 1012 ? 1 : 0;
                } catch (Exception e) {
                    // counted as not 1012
                }
            }
            check(closed1012 == clients.size(), closed1012 + " of " + clients.size() + " connections closed with 1012");
            Integer exit = service.awaitExit(Duration.ofSeconds(100));
            note("process exited " + (exit == null ? "NOT within 100 s" : "with " + exit) + ", "
                    + ms(System.nanoTime() - stopAt) + " ms after SIGTERM (terminationGracePeriodSeconds: 100)");
            check(exit != null, "the service exited within the grace period");
            int savedOnce = 0;
            for (Map.Entry<String, String> e : streaming.entrySet()) {
                savedOnce += isSavedOnce(e.getValue(), e.getKey()) ? 1 : 0;
            }
            check(savedOnce == 20, savedOnce + " of the 20 streamed turns are in the table exactly once");
            long queuedSaved = queued.entrySet().stream().filter(e -> !turns(e.getValue()).isEmpty()).count();
            check(queuedSaved == queuedAnswered.size(), "queued requests saved: " + queuedSaved + ", answered: " + queuedAnswered.size()
                    + " (a refused request leaves nothing)");
            check(turns(lateSession).isEmpty(), "the refused message left nothing in the table");
        } finally {
            clients.forEach(ChatClient::close);
            backends.bedrock().pace(delay, rate);
        }
    }

    // ---- kill -9 while DynamoDB is down ----------------------------------------------------------

    private void kill9() throws Exception {
        Path journal = freshJournal("kill9");
        ProxyProcess dynamoDb = new ProxyProcess(LocalBackendPorts.freePort(), dynamoPort).start();
        Map<String, List<String>> acknowledged = new ConcurrentHashMap<>(); // session -> requestIds in send order
        try (ServiceProcess service = service("kill9-before", journal, dynamoDb)) {
            dynamoDb.kill();
            note("DynamoDB unreachable (proxy killed); 10 shoppers ask 3 questions each");
            conversations(service.wsPort, 10, 3, "drill-kill9-", acknowledged, new CopyOnWriteArrayList<>());
            int turns = acknowledged.values().stream().mapToInt(List::size).sum();
            check(turns == 30, turns + " of 30 questions answered with done while DynamoDB was down");
            double appended = settle(service, "mangaassist_journal_appended_total");
            note(Math.round(appended) + " writes journaled (turn pairs and audit records); kill -9 now");
            service.kill9();
        }
        Path file = journal.resolve("dynamodb-writes.journal");
        note("journal left on disk: " + Files.size(file) + " bytes, " + Files.readAllLines(file).size() + " lines");
        // an entry DynamoDB will always reject (no sort key), as if a bug had written it
        String poisonSession = "drill-poison-" + UUID.randomUUID();
        Files.writeString(file, new PendingWrite(TURNS_TABLE, List.of(Map.of(TableProvisioner.SESSION_ID,
                AttributeValue.fromS(poisonSession), "role", AttributeValue.fromS("user")))).toJsonLine() + "\n",
                StandardOpenOption.APPEND);
        // a crash's torn last line
        Files.writeString(file, "{\"table\":\"" + TURNS_TABLE + "\",\"items\":[{\"sessionId\":", StandardOpenOption.APPEND);
        dynamoDb.start();
        try (ServiceProcess service = service("kill9-after", journal, dynamoDb)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (service.metric("mangaassist_journal_pending") != 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            check(service.metric("mangaassist_journal_pending") == 0, "the journal replayed to empty after the restart");
            checkSavedInOrder(acknowledged);
            check(service.metric("mangaassist_journal_dead_lettered_total") >= 1, "the poison entry was dead-lettered (metric)");
            Path deadLetters = journal.resolve("dynamodb-writes.deadletter");
            check(Files.exists(deadLetters) && Files.readString(deadLetters).contains(poisonSession),
                    "the poison entry is in dynamodb-writes.deadletter");
            check(turns(poisonSession).isEmpty(), "the poison entry wrote nothing");
        } finally {
            dynamoDb.close();
        }
    }

    // ---- DynamoDB hung during 200 turns -----------------------------------------------------------

    private void hung() throws Exception {
        try (ProxyProcess dynamoDb = new ProxyProcess(LocalBackendPorts.freePort(), dynamoPort).start();
             ServiceProcess service = service("hung", freshJournal("hung"), dynamoDb)) {
            conversations(service.wsPort, 20, 3, "drill-warmup-", new ConcurrentHashMap<>(), new CopyOnWriteArrayList<>());
            List<long[]> healthy = new CopyOnWriteArrayList<>();
            Map<String, List<String>> healthyTurns = new ConcurrentHashMap<>();
            conversations(service.wsPort, 20, 10, "drill-healthy-", healthyTurns, healthy);
            double noMemoryBefore = service.metric("mangaassist_degraded_total", "level=\"no_memory\"");
            note("no fault: " + Math.round(noMemoryBefore) + " no_memory answers (warm-up included)");
            dynamoDb.stop();
            note("proxy SIGSTOPped (pid " + dynamoDb.pid() + "): every DynamoDB request hangs");
            List<long[]> hung = new CopyOnWriteArrayList<>();
            Map<String, List<String>> hungTurns = new ConcurrentHashMap<>();
            try {
                conversations(service.wsPort, 20, 10, "drill-hung-", hungTurns, hung);
            } finally {
                dynamoDb.resume();
            }
            note("proxy SIGCONTed");
            long p95Healthy = percentile(healthy, 95);
            long p95Hung = percentile(hung, 95);
            note("first token, no fault: p50 " + percentile(healthy, 50) + " ms, p95 " + p95Healthy + " ms, max "
                    + percentile(healthy, 100) + " ms (" + healthy.size() + " answers)");
            note("first token, DynamoDB hung: p50 " + percentile(hung, 50) + " ms, p95 " + p95Hung + " ms, max "
                    + percentile(hung, 100) + " ms (" + hung.size() + " answers), "
                    + Math.round(service.metric("mangaassist_degraded_total", "level=\"no_memory\"") - noMemoryBefore) + " of them no_memory");
            check(hung.size() == 200, hung.size() + " of 200 questions answered with done while DynamoDB hung");
            check(p95Hung <= p95Healthy * 1.10, String.format("first-token p95 hung / no fault = %.3f (within 1.10)",
                    (double) p95Hung / p95Healthy));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!allSaved(hungTurns) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(500);
            }
            checkSavedInOrder(hungTurns);
        }
    }

    // ---- journal disk full, then read-only --------------------------------------------------------

    private void disk() throws Exception {
        Path mount = DIR.resolve("small-disk").toAbsolutePath();
        Files.createDirectories(mount);
        if (!sh("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString())) {
            check(false, "mount a 4 MiB tmpfs for the journal (needs root): not possible here, drill not run");
            return;
        }
        try (ProxyProcess dynamoDb = new ProxyProcess(LocalBackendPorts.freePort(), dynamoPort).start();
             ServiceProcess service = service("disk", mount.resolve("journal"), dynamoDb);
             ChatClient shopper = new ChatClient(service.wsPort)) {
            String session = "drill-disk-" + UUID.randomUUID();
            List<String> accepted = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            dynamoDb.kill(); // so every turn goes to the journal
            ask(shopper, session, accepted, refused);
            check(accepted.size() == 1, "a question while DynamoDB is down is answered (journaled)");

            Path filler = mount.resolve("filler");
            fill(filler);
            sh("df", "-h", mount.toString());
            note("journal disk full (a filler file written until ENOSPC)");
            ask(shopper, session, accepted, refused); // its save is the one the disk refuses: held in memory
            awaitMetric(service, "mangaassist_journal_writable", 0);
            check(true, "mangaassist_journal_writable is 0 once an append failed with the disk full");
            String code = ask(shopper, session, accepted, refused);
            check("unavailable".equals(code), "the next message is refused with unavailable: " + code);
            check(service.httpStatus("/") == 200 && service.httpStatus("/actuator/health/liveness") == 200
                            && service.httpStatus("/api/traces/slow") == 200,
                    "reads go on: the chat page, liveness and the traces API answer 200");
            Files.delete(filler);
            awaitMetric(service, "mangaassist_journal_writable", 1);
            code = ask(shopper, session, accepted, refused);
            check(code == null, "space back: the next message is answered (" + code + ")");

            dynamoDb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Map<String, List<String>> expected = Map.of(session, accepted);
            while (!allSaved(expected) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(300);
            }
            checkSavedInOrder(expected);
            List<String> saved = turns(session).stream().map(item -> item.get("requestId").s()).toList();
            check(refused.stream().noneMatch(saved::contains), refused.size() + " refused messages left nothing in the table");
        } finally {
            sh("umount", mount.toString());
        }
        readOnlyDisk();
    }

    /**
     * A journal volume the kernel turns read-only under the service (ext4 on a loop device, mounted
     * errors=remount-ro, an error triggered through /sys/fs/ext4/DEV/trigger_fs_error), as a failing
     * disk does. Such a volume comes back only through unmount, fsck and mount: a pod restart.
     */
    private void readOnlyDisk() throws Exception {
        Path image = DIR.resolve("journal-ext4.img").toAbsolutePath();
        Path mount = DIR.resolve("ext4-disk").toAbsolutePath();
        Files.createDirectories(mount);
        Files.deleteIfExists(image);
        try (var file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(32L << 20);
        }
        if (!sh("mkfs.ext4", "-q", "-F", image.toString())
                || !sh("mount", "-o", "loop,errors=remount-ro", image.toString(), mount.toString())) {
            check(false, "an ext4 loop volume for the journal (needs root and a loop device): not possible here, not run");
            return;
        }
        String session = "drill-ro-" + UUID.randomUUID();
        String user = "drill-ro-user-" + UUID.randomUUID(); // the session's owner, before and after the restart
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Path journal = mount.resolve("journal");
        ProxyProcess dynamoDb = new ProxyProcess(LocalBackendPorts.freePort(), dynamoPort).start();
        try {
            try (ServiceProcess service = service("disk-ro", journal, dynamoDb);
                 ChatClient shopper = ChatClient.asUser(service.wsPort, user)) {
                dynamoDb.kill();
                ask(shopper, session, accepted, refused);
                String device = output("findmnt", "-no", "SOURCE", mount.toString()).replace("/dev/", "");
                Files.writeString(Path.of("/sys/fs/ext4", device, "trigger_fs_error"), "drill");
                String options = output("findmnt", "-no", "OPTIONS", mount.toString());
                check(options.contains("emergency_ro") || options.startsWith("ro"), "the kernel made the journal volume read-only: " + options);
                ask(shopper, session, accepted, refused); // its save is the one the volume refuses: held in memory
                awaitMetric(service, "mangaassist_journal_writable", 0);
                String code = ask(shopper, session, accepted, refused);
                check("unavailable".equals(code), "read-only: the next message is refused with unavailable: " + code);
                check(service.httpStatus("/") == 200 && service.httpStatus("/actuator/health/liveness") == 200,
                        "read-only: reads go on (chat page, liveness)");
                dynamoDb.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!allSaved(Map.of(session, accepted)) && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(300);
                }
                check(allSaved(Map.of(session, accepted)), "DynamoDB back: the journaled and the held turns reached the table "
                        + "while the volume stayed read-only");
                service.sigterm();
                service.awaitExit(Duration.ofSeconds(100));
            }
            // the pod's restart: unmount, fsck, mount, start again on the same journal
            sh("umount", mount.toString());
            sh("e2fsck", "-f", "-y", image.toString());
            check(sh("mount", "-o", "loop,errors=remount-ro", image.toString(), mount.toString()), "volume repaired and mounted again");
            try (ServiceProcess service = service("disk-ro-restarted", journal, dynamoDb);
                 ChatClient shopper = ChatClient.asUser(service.wsPort, user)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (service.metric("mangaassist_journal_pending") != 0 && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(200);
                }
                check(service.metric("mangaassist_journal_writable") == 1 && service.metric("mangaassist_journal_pending") == 0,
                        "after the restart the journal is writable and empty");
                String code = ask(shopper, session, accepted, refused);
                check(code == null, "after the restart the next message is answered (" + code + ")");
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!allSaved(Map.of(session, accepted)) && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(300);
                }
                checkSavedInOrder(Map.of(session, accepted));
                List<String> saved = turns(session).stream().map(item -> item.get("requestId").s()).toList();
                check(refused.stream().noneMatch(saved::contains), refused.size() + " refused message left nothing in the table");
            }
        } finally {
            dynamoDb.close();
            sh("umount", mount.toString());
        }
    }

    /** One question; null when answered (added to accepted), else the error code (added to refused). */
    private static String ask(ChatClient shopper, String session, List<String> accepted, List<String> refused) throws Exception {
        String request = "r-" + UUID.randomUUID();
        JsonNode end = last(shopper, request, shopper.send(session, request, "is vinland saga volume " + (accepted.size() + 1)
                + " in stock?"), 20);
        if (end != null && "done".equals(end.path("type").asText())) {
            accepted.add(request);
            return null;
        }
        refused.add(request);
        return end == null ? "nothing" : end.path("code").asText();
    }

    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // the disk is full: what the drill wants
        }
    }

    private static void awaitMetric(ServiceProcess service, String name, double value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (service.metric(name) != value) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " never became " + value + " (is " + service.metric(name) + ")");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    // ---- shared ------------------------------------------------------------------------------------

    /**
     * {@code shoppers} users in parallel, each asking {@code questions} in one session one after the
     * other as a well-behaved client (a rate_limited or overloaded refusal asked again after its
     * retryAfterMs); answered requestIds go to {@code answered}, first-token times to {@code firstTokens}.
     */
    private static void conversations(int wsPort, int shoppers, int questions, String prefix,
                                      Map<String, List<String>> answered, List<long[]> firstTokens) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(shoppers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < shoppers; s++) {
                running.add(pool.submit(() -> {
                    String session = prefix + UUID.randomUUID();
                    List<String> ids = Collections.synchronizedList(new ArrayList<>());
                    answered.put(session, ids);
                    try (ChatClient client = new ChatClient(wsPort)) {
                        for (int q = 0; q < questions; q++) {
                            for (int attempt = 0; attempt < 20; attempt++) {
                                String request = "r-" + UUID.randomUUID();
                                ChatClient.Answer answer = client.collect(request,
                                        client.send(session, request, QUESTION + " " + ChatClient.uniqueWords()), Duration.ofSeconds(30));
                                JsonNode end = answer.last();
                                if ("done".equals(end.path("type").asText())) {
                                    ids.add(request);
                                    if (!answer.tokens().isEmpty()) {
                                        firstTokens.add(new long[] {answer.firstTokenMs()});
                                    }
                                    break;
                                }
                                TimeUnit.MILLISECONDS.sleep(Math.max(1, end.path("retryAfterMs").asLong(200)));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The last (done or error) frame of a request, or null when none came in time. */
    private static JsonNode last(ChatClient client, String request, long sent, int seconds) {
        try {
            return client.collect(request, sent, Duration.ofSeconds(seconds)).last();
        } catch (Throwable none) {
            return null;
        }
    }

    /** Waits until a counter stops moving (the saves that follow done frames have all landed) and returns it. */
    private static double settle(ServiceProcess service, String metric) throws Exception {
        double before = -2;
        double now = service.metric(metric);
        while (now != before) {
            TimeUnit.SECONDS.sleep(2);
            before = now;
            now = service.metric(metric);
        }
        return now;
    }

    private List<Map<String, AttributeValue>> turns(String session) {
        return table.query(b -> b.tableName(TURNS_TABLE).consistentRead(true)
                        .keyConditionExpression(TableProvisioner.SESSION_ID + " = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(session))))
                .items().stream().filter(item -> item.containsKey("role")).toList();
    }

    private boolean isSavedOnce(String session, String request) {
        List<String> roles = turns(session).stream().filter(i -> request.equals(i.get("requestId").s()))
                .map(i -> i.get("role").s()).sorted().toList();
        return roles.equals(List.of("assistant", "user"));
    }

    private boolean allSaved(Map<String, List<String>> answered) {
        return answered.entrySet().stream().allMatch(e -> turns(e.getKey()).size() >= 2 * e.getValue().size());
    }

    /** Every answered request's user and assistant turn in the table once, a session's turns in the order asked. */
    private void checkSavedInOrder(Map<String, List<String>> answered) {
        int sessions = 0;
        int once = 0;
        int total = 0;
        for (Map.Entry<String, List<String>> e : answered.entrySet()) {
            List<Map<String, AttributeValue>> items = turns(e.getKey()); // by turnTs, ascending
            List<String> users = items.stream().filter(i -> "user".equals(i.get("role").s()))
                    .map(i -> i.get("requestId").s()).toList();
            Map<String, Long> perRequest = items.stream().collect(Collectors.groupingBy(i -> i.get("requestId").s()
                    + "/" + i.get("role").s(), Collectors.counting()));
            total += e.getValue().size();
            once += (int) e.getValue().stream().filter(r -> perRequest.getOrDefault(r + "/user", 0L) == 1
                    && perRequest.getOrDefault(r + "/assistant", 0L) == 1).count();
            sessions += users.equals(e.getValue()) && items.size() == 2 * e.getValue().size() ? 1 : 0;
        }
        check(once == total, once + " of " + total + " answered turns are in the table exactly once (user and assistant)");
        check(sessions == answered.size(), sessions + " of " + answered.size()
                + " sessions hold exactly their answered turns, in the order asked");
    }

    private static long percentile(List<long[]> samples, int p) {
        List<Long> sorted = samples.stream().map(s -> s[0]).sorted().toList();
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static boolean sh(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            boolean ok = p.waitFor() == 0;
            if (!out.isEmpty()) {
                System.out.println(String.join(" ", command) + ": " + out);
            }
            return ok;
        } catch (Exception e) {
            return false;
        }
    }

    private static String output(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
