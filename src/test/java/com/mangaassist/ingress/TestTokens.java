package com.mangaassist.ingress;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    /** {@code access_token=...} for a WebSocket URL's query string. */
    public static String query(String userId) {
        return HandshakeGuard.TOKEN_PARAMETER + "=" + URLEncoder.encode(forUser(userId), StandardCharsets.UTF_8);
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
