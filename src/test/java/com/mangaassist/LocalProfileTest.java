package com.mangaassist;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * The full-stack tier: the whole service in the local profile against the real local backends on
 * free ports, one shared context ({@code make test-fast} leaves this tier out; {@code make test} runs all).
 */
@Tag("full-stack")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = LocalBackendPorts.class)
@AutoConfigureObservability
@ExtendWith(ResetBreakers.class)
public @interface LocalProfileTest {
}
