package com.mangaassist.local;

import java.io.File;
import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mangaassist.config.StartupConfigurationException;

import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real redis-server child process on loopback: the binary shipped by embedded-redis, or the one
 * named by {@code mangaassist.local.redis.executable} (e.g. Debian's /usr/bin/redis-server).
 */
public class LocalRedis {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRedis.class);

    private final RedisServer server;
    private final int port;

    public LocalRedis(int port, String executable) throws IOException {
        this.port = port;
        PortGuard.requireFree("mangaassist.local.redis.port", port);
        RedisServerBuilder builder = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                // a cache: nothing is persisted, so no dump.rdb is left in the working directory
                .setting("save \"\"")
                .setting("appendonly no");
        if (executable != null && !executable.isBlank()) {
            File binary = new File(executable);
            if (!binary.canExecute()) {
                throw new StartupConfigurationException("mangaassist.local.redis.executable", executable,
                        "not an executable file");
            }
            builder.executableProvider(() -> binary);
        }
        server = builder.build();
        server.start();
        LOG.info("Redis listening on 127.0.0.1:{}", port);
    }

    public synchronized void stop() throws IOException {
        server.stop();
    }

    /** Starts the server again after a stop (or after its process was killed from outside). */
    public synchronized void restart() throws IOException {
        server.stop();
        server.start();
        LOG.info("Redis restarted on 127.0.0.1:{}", port);
    }

    /** The redis-server child process, for operators' drills and fault tests (kill, SIGSTOP). */
    public java.util.Optional<ProcessHandle> process() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.contains("redis")).orElse(false))
                .filter(ProcessHandle::isAlive)
                .findFirst();
    }

    public int port() {
        return port;
    }
}
