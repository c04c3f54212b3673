package com.mangaassist.ingress;

import org.springframework.stereotype.Component;
import com.mangaassist.pipeline.ChatRequest;

/**
 * Per-user message rate ({@code mangaassist.limits.user.*}) and per-connection frame rate
 * ({@code mangaassist.limits.connection.*}), token buckets; an excess frame is refused with a
 * {@code rate_limited} error frame carrying {@code retryAfterMs}, before anything is started or saved.
 */
@Component
public class AbuseLimits {

    private final TokenBuckets perUser;
    private final TokenBuckets perConnection;

    @org.springframework.beans.factory.annotation.Autowired
    public AbuseLimits(LimitSettings limits) {
        this(limits.user().burst(), limits.user().perMinute(), limits.connection().burst(), limits.connection().perSecond(),
                limits.trackedKeys());
    }

    public AbuseLimits(double userBurst, double userPerMinute, double connectionBurst, double connectionPerSecond,
                       int trackedKeys) {
        this.perUser = new TokenBuckets(userBurst, userPerMinute / 60.0, trackedKeys, System::nanoTime);
        this.perConnection = new TokenBuckets(connectionBurst, connectionPerSecond, trackedKeys, System::nanoTime);
    }

    /**
     * Every frame counts against its connection, valid or not (a flood of junk is still a flood); an
     * excess one is refused with the requestId it carried, if any.
     */
    public void checkFrame(String connectionKey, String requestId) {
        long wait = perConnection.tryTake(connectionKey == null ? "" : connectionKey);
        if (wait > 0) {
            throw new InvalidFrameException("rate_limited", "Too many frames on this connection; retry in " + wait + " ms",
                    requestId, wait);
        }
    }

    public void checkMessage(ChatRequest request) {
        long wait = perUser.tryTake(request.userId());
        if (wait > 0) {
            throw new InvalidFrameException("rate_limited", "Too many messages; retry in " + wait + " ms",
                    request.requestId(), wait);
        }
    }
}
