package com.mangaassist.ingress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the chat page needs to connect: {@code wsUrl} (the full WebSocket URL), {@code protocols}
 * (the subprotocols to offer: {@value HandshakeGuard#APP_PROTOCOL}, and the session token as
 * {@code mangaassist.token.<token>} where {@code mangaassist.security.issue-guest-tokens} is on, the
 * local profile, which issues one for a fresh guest user), the port and path separately, and whether
 * answers come from the stand-in. Elsewhere the storefront that signed the shopper in issues the token
 * and adds it to the protocols itself (docs/security.md).
 */
@RestController
public class ChatPageConfig {

    private final int wsPort;
    private final String wsPath;
    private final String publicUrl;
    private final boolean standIn;
    private final boolean issueGuestTokens;
    private final Duration guestTokenLifetime;
    private final SessionTokens tokens;

    public ChatPageConfig(WebSocketSettings ws, ChatSettings chat, SecuritySettings security, SessionTokens tokens) {
        this.wsPort = ws.port();
        this.wsPath = ws.path();
        this.publicUrl = ws.publicUrl() == null ? "" : ws.publicUrl();
        this.standIn = chat.standInNotice();
        this.issueGuestTokens = security.issueGuestTokens();
        this.guestTokenLifetime = security.guestTokenLifetime();
        this.tokens = tokens;
    }

    @GetMapping("/api/chat-config")
    public Map<String, Object> config(HttpServletRequest request) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("wsUrl", publicUrl.isBlank()
                ? (request.isSecure() ? "wss://" : "ws://") + request.getServerName() + ":" + wsPort + wsPath
                : publicUrl);
        List<String> protocols = new ArrayList<>(List.of(HandshakeGuard.APP_PROTOCOL));
        config.put("wsPort", wsPort);
        config.put("wsPath", wsPath);
        config.put("standIn", standIn);
        if (issueGuestTokens) {
            String token = tokens.issue("guest-" + UUID.randomUUID(), guestTokenLifetime);
            config.put("token", token);
            protocols.add(HandshakeGuard.TOKEN_PROTOCOL_PREFIX + token);
        }
        config.put("protocols", protocols);
        return config;
    }
}
