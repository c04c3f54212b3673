package com.mangaassist.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.LocalProfileTest;

/**
 * The local profile as a new user meets it: /api/chat-config gives everything a client needs to
 * connect (the URL, the subprotocols with a guest token), and nothing listens beyond loopback.
 */
@LocalProfileTest
class ChatPageConfigTest {

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @LocalServerPort
    int httpPort;

    @Autowired
    TestRestTemplate http;

    @Test
    void theConfigIsAllAClientNeedsToConnect() throws Exception {
        JsonNode config = http.getForObject("/api/chat-config", JsonNode.class);
        String wsUrl = config.path("wsUrl").asText();
        assertThat(wsUrl).matches("ws://[^/?]+:" + wsPort + "/chat").doesNotContain("token");
        List<String> protocols = new ArrayList<>();
        config.path("protocols").forEach(p -> protocols.add(p.asText()));
        assertThat(protocols).hasSize(2).first().isEqualTo(HandshakeGuard.APP_PROTOCOL);
        assertThat(TestTokens.signer().verify(protocols.get(1).substring(HandshakeGuard.TOKEN_PROTOCOL_PREFIX.length())))
                .startsWith("guest-");

        try (ChatClient client = new ChatClient(wsPort, "", protocols.toArray(String[]::new))) {
            assertThat(client.ask("s-" + UUID.randomUUID(), "what is your shipping policy?").last().path("type").asText())
                    .isEqualTo("done");
        }
        // and exactly as a browser would use it: that URL, those protocols
        WebSocket socket = TestTokens.offer(HttpClient.newHttpClient().newWebSocketBuilder(), protocols.toArray(String[]::new))
                .buildAsync(URI.create(wsUrl), new WebSocket.Listener() { }).get();
        assertThat(socket.getSubprotocol()).isEqualTo(HandshakeGuard.APP_PROTOCOL);
        socket.abort();
    }

    @Test
    void httpAndTheWebSocketListenOnLoopbackOnly() throws Exception {
        for (int port : new int[] {httpPort, wsPort}) {
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                assertThat(loopback.isConnected()).isTrue();
            }
            for (InetAddress address : externalAddresses()) {
                assertThatThrownBy(() -> {
                    try (Socket external = new Socket()) {
                        external.connect(new InetSocketAddress(address, port), 2000);
                    }
                }).as("port %d on %s", port, address).isInstanceOf(IOException.class);
            }
        }
    }

    /** This machine's non-loopback IPv4 addresses (a container has at least one; a laptop off-line may have none). */
    private static List<InetAddress> externalAddresses() throws Exception {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                Collections.list(network.getInetAddresses()).stream()
                        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).forEach(addresses::add);
            }
        }
        return addresses;
    }
}
