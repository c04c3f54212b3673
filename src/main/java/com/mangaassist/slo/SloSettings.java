package com.mangaassist.slo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The latency objective: first visible token within {@code firstToken}; any answer within {@code hardDeadline}. */
@ConfigurationProperties(prefix = "mangaassist.slo")
public record SloSettings(Duration firstToken, Duration hardDeadline) {

    public SloSettings {
        firstToken = firstToken == null ? Duration.ofMillis(2000) : firstToken;
        hardDeadline = hardDeadline == null ? Duration.ofMillis(3000) : hardDeadline;
    }
}
