package com.mangaassist.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import com.mangaassist.config.StartupConfigurationException;

/** Checks a stand-in's port before starting it, so a clash names the setting instead of a stack trace. */
final class PortGuard {

    private PortGuard() {
    }

    static void requireFree(String setting, int port) {
        if (port <= 0 || port > 65535) {
            throw new StartupConfigurationException(setting, port, "not a valid TCP port (1-65535)");
        }
        try (ServerSocket socket = new ServerSocket()) {
            // as servers do: TIME_WAIT leftovers of an earlier run must not count as "in use", a listener does
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
        } catch (IOException e) {
            throw new StartupConfigurationException(setting, port, "port " + port + " is already in use", e);
        }
    }
}
