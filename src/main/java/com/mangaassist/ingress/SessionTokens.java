package com.mangaassist.ingress;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.mangaassist.config.StartupConfigurationException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The signed token a chat WebSocket handshake carries (HMAC-SHA256 JWT, key
 * {@code mangaassist.security.token-key}): its subject is the user every message on that connection
 * acts for. Issued by whoever authenticates shoppers (the local profile's chat page config issues one).
 */
@Component
public class SessionTokens {

    static final String ISSUER = "mangaassist";

    // built once: verify runs for every chat frame, and both are thread-safe
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    @Autowired
    public SessionTokens(SecuritySettings security) {
        this(security.tokenKey() == null ? "" : security.tokenKey());
    }

    public SessionTokens(String key) {
        this(key, Clock.systemUTC());
    }

    SessionTokens(String key, Clock clock) {
        byte[] secret = key.getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new StartupConfigurationException("mangaassist.security.token-key", secret.length + " bytes",
                    "must be at least 32 bytes (the HMAC-SHA256 key that signs chat session tokens)");
        }
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new StartupConfigurationException("mangaassist.security.token-key", secret.length + " bytes",
                    "not usable as an HMAC-SHA256 key", e);
        }
        this.clock = clock;
    }

    public String issue(String userId, Duration lifetime) {
        try {
            Date now = Date.from(clock.instant());
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                    .issuer(ISSUER).subject(userId).issueTime(now)
                    .expirationTime(Date.from(clock.instant().plus(lifetime))).build());
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a session token", e);
        }
    }

    /** The user the token was issued to; {@link InvalidTokenException} when forged, expired or malformed. */
    public String verify(String token) {
        return verifyIdentity(token).userId();
    }

    /** The token's user and expiry, checked as {@link #verify}: a connection keeps both for its lifetime. */
    public Identity verifyIdentity(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("missing");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("malformed");
        }
        try {
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw new InvalidTokenException("bad_signature");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("bad_signature");
        }
        Date expires = claims.getExpirationTime();
        if (expires == null || !expires.toInstant().isAfter(clock.instant())) {
            throw new InvalidTokenException("expired");
        }
        if (!ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new InvalidTokenException("bad_claims");
        }
        return new Identity(claims.getSubject(), expires.toInstant());
    }

    /** Whose a token is, and until when it may be honoured. */
    public record Identity(String userId, java.time.Instant expiresAt) {
        public boolean expiredAt(java.time.Instant now) {
            return !expiresAt.isAfter(now);
        }
    }

    /** Why a token was refused (a short code, safe to show the client). */
    public static final class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String reason) {
            super(reason, null, false, false);
        }
    }
}
