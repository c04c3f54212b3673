package com.mangaassist.ingress;

import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs before the chat WebSocket upgrade: a browser's Origin must be on the allow-list
 * ({@code mangaassist.security.allowed-origins}; {@code *} any, {@code scheme://host:*} any port)
 * and the {@code access_token} query parameter must be a valid session token, else the handshake is
 * answered 403 / 401 and no connection is opened.
 */
@Component
public class HandshakeGuard implements Handler<RoutingContext> {

    public static final String TOKEN_PARAMETER = "access_token";
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeGuard.class);

    private final SessionTokens tokens;
    private final List<String> allowedOrigins;

    public HandshakeGuard(SessionTokens tokens, @Value("${mangaassist.security.allowed-origins:*}") String allowedOrigins) {
        this.tokens = tokens;
        this.allowedOrigins = Arrays.stream(allowedOrigins.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList();
    }

    @Override
    public void handle(RoutingContext context) {
        // clients that are not browsers send no Origin; the token still decides for them
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !originAllowed(origin)) {
            LOG.warn("Chat handshake refused: origin {} is not allowed", origin);
            context.response().setStatusCode(403).end("origin not allowed");
            return;
        }
        try {
            tokens.verify(context.request().getParam(TOKEN_PARAMETER));
        } catch (SessionTokens.InvalidTokenException e) {
            LOG.warn("Chat handshake refused from {}: session token {}", context.request().remoteAddress(), e.getMessage());
            context.response().setStatusCode(401).end("invalid session token: " + e.getMessage());
            return;
        }
        context.next();
    }

    /** Exact origins, {@code *} for any, or {@code scheme://host:*} for any port of that host. */
    boolean originAllowed(String origin) {
        int portColon = origin.lastIndexOf(':');
        boolean hasPort = portColon > origin.indexOf("://") + 2 && origin.substring(portColon + 1).matches("\\d{1,5}");
        for (String allowed : allowedOrigins) {
            if (allowed.equals("*") || allowed.equals(origin)) {
                return true;
            }
            if (hasPort && allowed.endsWith(":*") && allowed.regionMatches(0, origin, 0, portColon)
                    && allowed.length() - 2 == portColon) {
                return true;
            }
        }
        return false;
    }
}
