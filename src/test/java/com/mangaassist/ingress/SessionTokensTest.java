package com.mangaassist.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.mangaassist.config.StartupConfigurationException;

class SessionTokensTest {

    private static final String KEY = "a-test-signing-key-of-at-least-32-bytes";
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private final SessionTokens tokens = new SessionTokens(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenNamesTheUserItWasIssuedTo() {
        assertThat(tokens.verify(tokens.issue("alice", Duration.ofMinutes(5)))).isEqualTo("alice");
    }

    @Test
    void expiredForgedUnsignedAndMalformedTokensAreRefusedWithAReason() {
        String issuedLastWeek = new SessionTokens(KEY, Clock.fixed(NOW.minus(Duration.ofDays(7)), ZoneOffset.UTC))
                .issue("alice", Duration.ofHours(1));
        String forged = new SessionTokens("another-key-that-is-also-32-bytes-long", Clock.fixed(NOW, ZoneOffset.UTC))
                .issue("alice", Duration.ofHours(1));
        String payload = tokens.issue("alice", Duration.ofHours(1)).split("\\.")[1];
        String unsigned = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + payload + ".";

        assertThatThrownBy(() -> tokens.verify(issuedLastWeek)).hasMessage("expired");
        assertThatThrownBy(() -> tokens.verify(forged)).hasMessage("bad_signature");
        assertThatThrownBy(() -> tokens.verify(unsigned)).isInstanceOf(SessionTokens.InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify("not.a.jwt")).hasMessage("malformed");
        assertThatThrownBy(() -> tokens.verify(null)).hasMessage("missing");
    }

    @Test
    void aShortKeyStopsTheServiceFromStarting() {
        assertThatThrownBy(() -> new SessionTokens("short", Clock.systemUTC()))
                .isInstanceOf(StartupConfigurationException.class)
                .hasMessageContaining("mangaassist.security.token-key");
    }
}
