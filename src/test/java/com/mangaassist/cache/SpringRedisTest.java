package com.mangaassist.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.redis.RedisConstants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.mangaassist.LocalProfileTest;

/** camel-spring-redis against the real redis-server the local profile starts. */
@LocalProfileTest
class SpringRedisTest {

    private static final String REDIS = "spring-redis://?redisTemplate=#stringRedisTemplate";

    @Autowired
    ProducerTemplate camel;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void setAndGetPlainStrings() {
        String key = "test:" + UUID.randomUUID();
        String value = "Returns are accepted within 30 days — ワンピース";
        camel.sendBodyAndHeaders(REDIS, null, Map.of(RedisConstants.COMMAND, "SET",
                RedisConstants.KEY, key, RedisConstants.VALUE, value));

        Object read = camel.requestBodyAndHeaders(REDIS, null, Map.of(RedisConstants.COMMAND, "GET",
                RedisConstants.KEY, key));
        assertThat(read).isEqualTo(value);

        // stored as the plain UTF-8 bytes, not JDK serialization: other clients can read it
        byte[] raw = redis.execute(connection -> connection.stringCommands().get(key.getBytes(StandardCharsets.UTF_8)),
                true);
        assertThat(new String(raw, StandardCharsets.UTF_8)).isEqualTo(value);

        Object missing = camel.requestBodyAndHeaders(REDIS, null, Map.of(RedisConstants.COMMAND, "GET",
                RedisConstants.KEY, key + ":absent"));
        assertThat(missing).isNull();
    }
}
