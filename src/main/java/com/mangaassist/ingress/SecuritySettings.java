package com.mangaassist.ingress;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Who may chat and who may operate (docs/security.md).
 *
 * @param tokenKey the HMAC-SHA256 key (at least 32 bytes) that signs the session token every chat handshake offers
 *                 as the subprotocol mangaassist.token.&lt;token&gt; (never in the URL); blank refuses to start
 * @param allowedOrigins browser Origins allowed to connect, comma-separated (* any, scheme://host:* any port); blank:
 *                       no browser (clients that send no Origin are judged by their token)
 * @param issueGuestTokens whether /api/chat-config hands out tokens for guest users (the local profile only)
 * @param guestTokenLifetime how long a guest token is valid
 * @param opsAuth whether actuator, Hawtio and Jolokia need the ops user (HTTP basic); health and Prometheus stay open
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.security")
public record SecuritySettings(String tokenKey, String allowedOrigins, boolean issueGuestTokens,
                               @NotNull Duration guestTokenLifetime, boolean opsAuth) {
}
