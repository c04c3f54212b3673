package com.mangaassist.ingress;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every command the Redis server executes while this is open (the server's own MONITOR), as
 * {@code ["GET", "key"]} lists: what a test asserts no shopper could make the service send.
 */
final class RedisMonitor implements AutoCloseable {

    private final Socket socket;
    private final List<List<String>> commands = new CopyOnWriteArrayList<>();
    private final Thread reader;

    RedisMonitor(int port) throws Exception {
        socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        if (!"+OK".equals(in.readLine())) {
            throw new IllegalStateException("MONITOR refused");
        }
        reader = new Thread(() -> {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    commands.add(parse(line));
                }
            } catch (Exception closed) {
                // the test is done with it
            }
        }, "redis-monitor");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code +1700000000.123456 [0 127.0.0.1:5555] "GET" "key"} into its quoted words. */
    private static List<String> parse(String line) {
        List<String> words = new java.util.ArrayList<>();
        int i = line.indexOf(']') + 1;
        while ((i = line.indexOf('"', i)) >= 0) {
            StringBuilder word = new StringBuilder();
            i++;
            while (i < line.length() && line.charAt(i) != '"') {
                if (line.charAt(i) == '\\' && i + 1 < line.length()) {
                    i++;
                }
                word.append(line.charAt(i++));
            }
            words.add(word.toString());
            i++;
        }
        return words;
    }

    List<List<String>> commands() {
        return List.copyOf(commands);
    }

    @Override
    public void close() throws Exception {
        socket.close();
        reader.join(2000);
    }
}
