package com.mangaassist.ingress;

import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;

/** Session tokens signed with the local profile's key (application-local.properties), as the chat page gets them. */
public final class TestTokens {

    private static final SessionTokens TOKENS = new SessionTokens(localKey());

    private TestTokens() {
    }

    public static SessionTokens signer() {
        return TOKENS;
    }

    /** Signing (and checking) as if the time were {@code clock}'s. */
    public static SessionTokens signerAt(java.time.Clock clock) {
        return new SessionTokens(localKey(), clock);
    }

    public static String forUser(String userId) {
        return TOKENS.issue(userId, Duration.ofHours(1));
    }

    /** The subprotocols a client offers to connect as {@code userId}: the chat protocol and the token. */
    public static String[] protocols(String userId) {
        return protocolsFor(forUser(userId));
    }

    public static String[] protocolsFor(String token) {
        return new String[] {HandshakeGuard.APP_PROTOCOL, HandshakeGuard.TOKEN_PROTOCOL_PREFIX + token};
    }

    /** Offers {@code protocols} on a JDK WebSocket builder (its first is the most preferred). */
    public static java.net.http.WebSocket.Builder offer(java.net.http.WebSocket.Builder builder, String... protocols) {
        return protocols.length == 0 ? builder
                : builder.subprotocols(protocols[0], java.util.Arrays.copyOfRange(protocols, 1, protocols.length));
    }

    private static String localKey() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/application-local.properties")) {
            Properties local = new Properties();
            local.load(in);
            return local.getProperty("mangaassist.security.token-key");
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the local profile's token key", e);
        }
    }
}
