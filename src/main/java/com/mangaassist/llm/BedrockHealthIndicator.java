package com.mangaassist.llm;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Bedrock has no free health call, so this probes only what it can without spending tokens:
 * a TCP connect to an overridden endpoint; against real Bedrock it reports the model, status UNKNOWN.
 */
@Component("bedrock")
public class BedrockHealthIndicator extends AbstractHealthIndicator {

    private final BedrockSettings settings;

    public BedrockHealthIndicator(BedrockSettings settings) {
        super("Bedrock endpoint unreachable");
        this.settings = settings;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("model", settings.modelId());
        if (settings.endpoint() == null || settings.endpoint().isBlank()) {
            builder.unknown().withDetail("endpoint", "aws");
            return;
        }
        URI uri = URI.create(settings.endpoint());
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 250);
        }
        builder.up().withDetail("endpoint", settings.endpoint());
    }
}
