package com.mangaassist.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandshakeGuardTest {

    private final HandshakeGuard guard = new HandshakeGuard(TestTokens.signer(),
            "http://localhost:*, https://shop.example.com");

    @Test
    void anyPortOfAListedHostAndExactOriginsAreAllowedNothingElse() {
        assertThat(guard.originAllowed("http://localhost:8080")).isTrue();
        assertThat(guard.originAllowed("http://localhost:41234")).isTrue();
        assertThat(guard.originAllowed("https://shop.example.com")).isTrue();

        assertThat(guard.originAllowed("http://localhost")).isFalse(); // no port: not "any port"
        assertThat(guard.originAllowed("http://localhost.evil.example:8080")).isFalse();
        assertThat(guard.originAllowed("https://localhost:8080")).isFalse(); // other scheme
        assertThat(guard.originAllowed("http://localhost:80x")).isFalse();
        assertThat(guard.originAllowed("https://shop.example.com:8443")).isFalse();
        assertThat(guard.originAllowed("https://evil.example")).isFalse();
    }
}
