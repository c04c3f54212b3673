package com.mangaassist.startup;

import java.lang.management.ManagementFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Logs one "ready" line with the time since JVM start, so startup time is measurable from the log. */
@Component
public class ReadinessReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessReporter.class);

    private final Environment environment;

    public ReadinessReporter(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void reportReady() {
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        LOG.info("MangaAssist ready in {} ms (profiles {}), HTTP on port {}",
                sinceJvmStart, String.join(",", environment.getActiveProfiles().length > 0
                        ? environment.getActiveProfiles() : environment.getDefaultProfiles()),
                environment.getProperty("local.server.port", environment.getProperty("server.port", "8080")));
    }
}
