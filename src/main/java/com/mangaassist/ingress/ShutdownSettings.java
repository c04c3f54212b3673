package com.mangaassist.ingress;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * A graceful stop (docs/operations.md, "Graceful stop").
 *
 * @param answersTimeout how long answers in flight and requests waiting for admission get to finish before the chat
 *     connections are closed with 1012; keep it inside spring.lifecycle.timeout-per-shutdown-phase
 * @param retryAfter the retryAfterMs a shutting_down frame suggests (the client reconnects, to another replica)
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.shutdown")
public record ShutdownSettings(@NotNull Duration answersTimeout, @NotNull Duration retryAfter) {
}
