package com.mangaassist.ingress;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the chat page needs to connect: the WebSocket port and path, whether answers come from the
 * stand-in and, where {@code mangaassist.security.issue-guest-tokens} is on (the local profile), a
 * session token for a fresh guest user. Elsewhere the storefront that signed the shopper in issues it.
 */
@RestController
public class ChatPageConfig {

    private final int wsPort;
    private final String wsPath;
    private final boolean standIn;
    private final boolean issueGuestTokens;
    private final Duration guestTokenLifetime;
    private final SessionTokens tokens;

    public ChatPageConfig(@Value("${mangaassist.ws.port}") int wsPort,
                          @Value("${mangaassist.ws.path}") String wsPath,
                          @Value("${mangaassist.chat.stand-in-notice:false}") boolean standIn,
                          @Value("${mangaassist.security.issue-guest-tokens:false}") boolean issueGuestTokens,
                          @Value("${mangaassist.security.guest-token-lifetime:12h}") Duration guestTokenLifetime,
                          SessionTokens tokens) {
        this.wsPort = wsPort;
        this.wsPath = wsPath;
        this.standIn = standIn;
        this.issueGuestTokens = issueGuestTokens;
        this.guestTokenLifetime = guestTokenLifetime;
        this.tokens = tokens;
    }

    @GetMapping("/api/chat-config")
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("wsPort", wsPort);
        config.put("wsPath", wsPath);
        config.put("standIn", standIn);
        if (issueGuestTokens) {
            config.put("token", tokens.issue("guest-" + UUID.randomUUID(), guestTokenLifetime));
        }
        return config;
    }
}
