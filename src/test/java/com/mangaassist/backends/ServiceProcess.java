package com.mangaassist.backends;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;


/**
 * The service as production runs it: the jar {@code make run} starts (local profile), a process of its
 * own, stopped by SIGTERM ({@link #sigterm}) or SIGKILL ({@link #kill9}).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    public final int httpPort;
    public final int wsPort;
    public final Path log;

    private ServiceProcess(Process process, int httpPort, int wsPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.wsPort = wsPort;
        this.log = log;
    }

    public static ServiceProcess start(Path log, int httpPort, int wsPort, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(TestBackends.launcher().subList(0, 1));
        command.addAll(List.of("-Xmx1g", "-jar", "target/mangaassist.jar", "--spring.profiles.active=local",
                "--server.port=" + httpPort, "--mangaassist.ws.port=" + wsPort));
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ServiceProcess service = new ServiceProcess(process, httpPort, wsPort, log);
        service.awaitReadiness(200, Duration.ofMinutes(2));
        return service;
    }

    /** The readiness probe's status; -1 when nothing listens. */
    public int readiness() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    public void awaitReadiness(int status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readiness() != status) {
            if (!process.isAlive() && status == 200) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("readiness never answered " + status + " within " + timeout + "; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** The sum of a Prometheus sample family's values (a gauge or counter), or -1 if absent. */
    public double metric(String name) throws Exception {
        return metric(name, "");
    }

    /** The same, over the samples whose labels contain {@code labels} (e.g. {@code level="no_memory"}). */
    public double metric(String name, String labels) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        double sum = -1;
        for (String line : body.split("\n")) {
            if ((line.startsWith(name + " ") || line.startsWith(name + "{")) && line.contains(labels)) {
                sum = Math.max(sum, 0) + Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    public int httpStatus(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    public void sigterm() {
        process.destroy(); // SIGTERM on Linux, as the kubelet sends it
    }

    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The exit code, or null if it is still running after the timeout. */
    public Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    public File logFile() {
        return log.toFile();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }
}
