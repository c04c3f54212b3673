package com.mangaassist.startup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Start-up.
 *
 * @param awaitBackends how long the warm-up retries a backend that does not answer yet before the service reports
 *                      ready anyway (backends started beside the service, as by make run, are still coming up)
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.startup")
public record StartupSettings(@NotNull Duration awaitBackends) {
}
