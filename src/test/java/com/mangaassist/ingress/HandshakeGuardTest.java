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

    @Test
    void theTokenIsTakenOnlyFromItsOwnSubprotocolAndTheChatProtocolMustBeOffered() {
        assertThat(HandshakeGuard.tokenFrom("mangaassist.v1, mangaassist.token.abc.def.ghi")).isEqualTo("abc.def.ghi");
        assertThat(HandshakeGuard.tokenFrom("mangaassist.v1")).isNull();
        assertThat(HandshakeGuard.tokenFrom(null)).isNull();
        assertThat(HandshakeGuard.offersAppProtocol("mangaassist.token.x,mangaassist.v1")).isTrue();
        assertThat(HandshakeGuard.offersAppProtocol("mangaassist.v2, mangaassist.token.x")).isFalse();
        assertThat(HandshakeGuard.offersAppProtocol(null)).isFalse();
    }

    @Test
    void onlyAWellFormedW3cTraceparentIsKept() {
        String valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assertThat(HandshakeGuard.validTraceparent(valid)).isEqualTo(valid);
        assertThat(HandshakeGuard.validTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isNull();
        assertThat(HandshakeGuard.validTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isNull();
        assertThat(HandshakeGuard.validTraceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isNull();
        assertThat(HandshakeGuard.validTraceparent(valid + "&CamelRedis.Command=SET")).isNull();
        assertThat(HandshakeGuard.validTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isNull();
        assertThat(HandshakeGuard.validTraceparent(null)).isNull();
    }
}
