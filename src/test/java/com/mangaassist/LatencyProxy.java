package com.mangaassist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP proxy on loopback that can add a real delay to every request it forwards, hold requests
 * forever (a hung backend) or cut and refuse connections (an unreachable one): tests put it in
 * front of a backend (OpenSearch) to inject network faults without touching the service.
 */
public final class LatencyProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private volatile long delayMillis;
    private volatile boolean hung;
    private volatile boolean refusing;
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public LatencyProxy(int upstreamPort) throws IOException {
        this(0, upstreamPort);
    }

    /** On a port of the caller's choosing (0: any free one), so a restarted proxy is found where the old one was. */
    public LatencyProxy(int listenPort, int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 200);
        Thread acceptor = new Thread(this::accept, "latency-proxy-" + upstreamPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public void delay(long millis) {
        this.delayMillis = millis;
    }

    /** Requests are read but never forwarded (nor answered) until {@code hung} is false again. */
    public void hang(boolean hung) {
        this.hung = hung;
    }

    /** Cuts every open connection and closes new ones at once, until {@code refusing} is false again. */
    public void refuse(boolean refusing) {
        this.refusing = refusing;
        if (refusing) {
            open.forEach(socket -> {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // already closed
                }
            });
        }
    }

    /** Back to a transparent proxy. */
    public void heal() {
        delay(0);
        hang(false);
        refuse(false);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                } catch (IOException down) {
                    client.close(); // the upstream is down: the client sees its connection closed, as without the proxy
                    continue;
                }
                open.add(client);
                open.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                // closed, or the upstream is not up yet: the client sees a reset and retries
            }
        }
    }

    private void pump(Socket from, Socket to, boolean delayed) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    long delay = delayMillis;
                    if (delayed && delay > 0) {
                        Thread.sleep(delay);
                    }
                    while (delayed && hung && !from.isClosed()) {
                        Thread.sleep(20);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // connection closed
            } finally {
                open.remove(from);
                open.remove(to);
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "latency-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
