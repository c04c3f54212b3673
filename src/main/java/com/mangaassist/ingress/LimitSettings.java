package com.mangaassist.ingress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Abuse limits (token buckets): excess gets a rate_limited error frame with retryAfterMs.
 *
 * @param user messages per user
 * @param connection frames per connection
 * @param trackedKeys users and connections whose buckets are kept at most (least recently used dropped)
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.limits")
public record LimitSettings(@Valid @NotNull User user, @Valid @NotNull Connection connection, @Min(1) int trackedKeys) {

    /**
     * @param burst messages a user may send at once
     * @param perMinute messages per minute a user's bucket refills
     */
    public record User(@Positive double burst, @Positive double perMinute) {
    }

    /**
     * @param burst frames a connection may send at once
     * @param perSecond frames per second a connection's bucket refills
     */
    public record Connection(@Positive double burst, @Positive double perSecond) {
    }
}
