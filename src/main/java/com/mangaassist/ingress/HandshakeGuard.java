package com.mangaassist.ingress;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs before the chat WebSocket upgrade, and is the trust boundary of the URL and the handshake
 * headers (docs/security.md):
 * <ul>
 * <li>a browser's Origin must be on the allow-list ({@code mangaassist.security.allowed-origins};
 * {@code *} any, {@code scheme://host:*} any port; blank, the default, none), else 403;</li>
 * <li>the session token comes in the {@code Sec-WebSocket-Protocol} header, offered as the
 * subprotocol {@code mangaassist.token.<token>} next to {@value #APP_PROTOCOL} (the one the server
 * selects); never in the URL, whose query strings end up in proxy and load-balancer logs. A missing,
 * invalid or URL-borne token is a 401;</li>
 * <li>nothing else of the URL reaches the routes: camel-vertx-websocket copies every handshake query
 * parameter onto every message as a Camel header, and the Redis, OpenSearch and DynamoDB producers
 * take their command, operation and table from headers. So the query parameters are cleared here,
 * and only a well-formed W3C {@code traceparent} (header or query parameter) is put back.</li>
 * </ul>
 */
@Component
public class HandshakeGuard implements Handler<RoutingContext> {

    /** The subprotocol the server selects: the chat frames of docs/protocol.md ("WebSocket protocol"). */
    public static final String APP_PROTOCOL = "mangaassist.v1";
    /** The subprotocol that carries the session token: this prefix, then the token. */
    public static final String TOKEN_PROTOCOL_PREFIX = "mangaassist.token.";
    /** Where the token used to be: refused with a message saying where it goes now. */
    static final String URL_TOKEN_PARAMETER = "access_token";
    public static final String TRACEPARENT = "traceparent";
    static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeGuard.class);
    private static final Pattern W3C_TRACEPARENT = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

    private final SessionTokens tokens;
    private final List<String> allowedOrigins;

    @org.springframework.beans.factory.annotation.Autowired
    public HandshakeGuard(SessionTokens tokens, SecuritySettings security) {
        this(tokens, security.allowedOrigins() == null ? "" : security.allowedOrigins());
    }

    public HandshakeGuard(SessionTokens tokens, String allowedOrigins) {
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
        if (context.queryParams().contains(URL_TOKEN_PARAMETER)) {
            refuse(context, "session tokens are not accepted in the URL; offer the WebSocket subprotocols "
                    + APP_PROTOCOL + " and " + TOKEN_PROTOCOL_PREFIX + "<token>", "in_url");
            return;
        }
        String offered = context.request().getHeader(SEC_WEBSOCKET_PROTOCOL);
        try {
            if (!offersAppProtocol(offered)) {
                throw new SessionTokens.InvalidTokenException("missing subprotocol " + APP_PROTOCOL);
            }
            tokens.verify(tokenFrom(offered));
        } catch (SessionTokens.InvalidTokenException e) {
            refuse(context, "invalid session token: " + e.getMessage(), e.getMessage());
            return;
        }
        String traceparent = validTraceparent(context.request().getHeader(TRACEPARENT));
        if (traceparent == null) {
            traceparent = validTraceparent(context.queryParams().get(TRACEPARENT));
        }
        context.queryParams().clear();
        context.pathParams().clear();
        if (traceparent != null) {
            context.queryParams().add(TRACEPARENT, traceparent);
        }
        context.next();
    }

    private static void refuse(RoutingContext context, String message, String reason) {
        LOG.warn("Chat handshake refused from {}: session token {}", context.request().remoteAddress(), reason);
        context.response().setStatusCode(401).end(message);
    }

    /** Whether the comma-separated {@code Sec-WebSocket-Protocol} value offers {@value #APP_PROTOCOL}. */
    static boolean offersAppProtocol(String secWebSocketProtocol) {
        return protocols(secWebSocketProtocol).contains(APP_PROTOCOL);
    }

    /** The session token offered as a subprotocol, or null. */
    public static String tokenFrom(String secWebSocketProtocol) {
        for (String protocol : protocols(secWebSocketProtocol)) {
            if (protocol.startsWith(TOKEN_PROTOCOL_PREFIX)) {
                return protocol.substring(TOKEN_PROTOCOL_PREFIX.length());
            }
        }
        return null;
    }

    private static List<String> protocols(String secWebSocketProtocol) {
        if (secWebSocketProtocol == null) {
            return List.of();
        }
        return Arrays.stream(secWebSocketProtocol.split(",")).map(String::strip).toList();
    }

    /** The value when it is a well-formed version-00 W3C traceparent, else null (ignored, a new trace starts). */
    static String validTraceparent(String value) {
        return value != null && W3C_TRACEPARENT.matcher(value).matches() ? value : null;
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
