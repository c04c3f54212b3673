package com.mangaassist.drill;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.mangaassist.LatencyProxy;
import com.mangaassist.backends.TestBackends;

/**
 * A TCP proxy in a process of its own between the service and DynamoDB Local, so the drills fault it
 * with real signals: SIGSTOP is a hung DynamoDB (connections are accepted by the kernel, nothing
 * answers), SIGKILL an unreachable one, a new process on the same port DynamoDB back.
 */
final class ProxyProcess implements AutoCloseable {

    private final int listenPort;
    private final int upstreamPort;
    private Process process;

    ProxyProcess(int listenPort, int upstreamPort) {
        this.listenPort = listenPort;
        this.upstreamPort = upstreamPort;
    }

    /** In the proxy's process: forwards until killed (or its parent, the drills, ends). */
    public static void main(String[] args) throws Exception {
        LatencyProxy proxy = new LatencyProxy(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        System.out.println("proxy listening on " + proxy.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    int port() {
        return listenPort;
    }

    ProxyProcess start() throws IOException {
        List<String> command = new ArrayList<>(TestBackends.launcher().subList(0, 1));
        command.addAll(List.of("-Xmx64m", "-cp", System.getProperty("java.class.path"), ProxyProcess.class.getName(),
                String.valueOf(listenPort), String.valueOf(upstreamPort)));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("proxy listening")) {
            throw new IllegalStateException("the DynamoDB proxy did not start: " + line);
        }
        return this;
    }

    long pid() {
        return process.pid();
    }

    /** DynamoDB hung: every thread of the proxy stopped by the kernel. */
    void stop() throws Exception {
        signal("STOP");
    }

    /** DynamoDB answers again, held requests included. */
    void resume() throws Exception {
        signal("CONT");
    }

    /** DynamoDB unreachable: connections refused until {@link #start()} again. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void signal(String name) throws Exception {
        int status = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor();
        if (status != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited " + status);
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            signal("CONT");
            kill();
        }
    }
}
