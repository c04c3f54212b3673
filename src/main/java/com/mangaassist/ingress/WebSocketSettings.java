package com.mangaassist.ingress;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The chat WebSocket (camel-vertx-websocket runs its own Vert.x server).
 *
 * @param host the interface the chat server listens on
 * @param port the chat server's port
 * @param path the chat endpoint's path
 * @param endpoint the ingress route's endpoint URI, built from host, port and path (router: the handshake guard
 *                 runs before the upgrade; serverOptions: frame size and idle limits; connection events: replies
 *                 reach a connection's socket without a search)
 * @param maxFrameBytes the largest WebSocket frame or message accepted, in bytes (a larger one is dropped unread)
 * @param idleTimeout how long a connection may stay silent before it is closed
 * @param maxQueuedBytes reply characters written but not yet flushed to a client before it is closed (1013: it is
 *                       not reading)
 * @param maxRefusedFrames refused frames in a row before a connection is closed (1008)
 * @param publicUrl the chat URL /api/chat-config gives browsers; blank: ws(s)://this host:port/path
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.ws")
public record WebSocketSettings(@NotBlank String host, @Min(1) int port, @NotBlank String path, @NotBlank String endpoint,
                                @Min(1) int maxFrameBytes, @NotNull Duration idleTimeout, @Min(1) long maxQueuedBytes,
                                @Min(1) int maxRefusedFrames, String publicUrl) {
}
