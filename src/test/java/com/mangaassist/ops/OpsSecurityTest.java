package com.mangaassist.ops;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import jakarta.servlet.Filter;
import com.mangaassist.ingress.SecuritySettings;

/**
 * The operations security rules as a deployed (non-local) service applies them: health and
 * Prometheus open, every other actuator path (Hawtio, Jolokia, metrics) and the trace, SLO and report
 * pages only for the ops user, the chat page open. The local profile, which the other tests run, turns the rule off.
 */
class OpsSecurityTest {

    private static MockMvc mvc(boolean opsAuth) {
        AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
        context.setServletContext(new MockServletContext());
        context.addBeanFactoryPostProcessor(beans -> beans.registerSingleton("securitySettings",
                new SecuritySettings("", "", false, Duration.ofHours(12), opsAuth)));
        context.register(OpsSecurityConfiguration.class, Endpoints.class);
        context.refresh();
        return MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/readiness", "/actuator/prometheus", "/", "/api/chat-config"})
    void probesScrapesAndTheChatPageNeedNoLogin(String path) throws Exception {
        mvc(true).perform(get(path)).andExpect(status().isOk());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/hawtio", "/actuator/jolokia/read/java.lang:type=Memory", "/actuator/metrics", "/actuator",
            "/api/traces", "/api/traces/4bf92f3577b34da6a3ce929d0e0e4736", "/waterfall.html", "/api/slo",
            "/reports/weekly", "/reports/weekly.json"})
    void everyOtherActuatorEndpointAndTheOpsPagesNeedTheOpsUser(String path) throws Exception {
        MockMvc mvc = mvc(true);
        mvc.perform(get(path)).andExpect(status().isUnauthorized());
        mvc.perform(get(path).header("Authorization", basic("ops", "wrong"))).andExpect(status().isUnauthorized());
        mvc.perform(get(path).header("Authorization", basic("ops", "s3cret"))).andExpect(status().isOk());
        mvc(false).perform(get(path)).andExpect(status().isOk()); // the local profile
    }

    @Configuration
    @EnableWebMvc
    static class Endpoints {

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(User.withUsername("ops").password("{noop}s3cret").roles("OPS").build());
        }

        @RestController
        static class Paths {
            @GetMapping({"/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
                    "/actuator/hawtio", "/actuator/jolokia/read/java.lang:type=Memory", "/actuator/metrics", "/",
                    "/api/chat-config", "/api/traces", "/api/traces/4bf92f3577b34da6a3ce929d0e0e4736", "/waterfall.html",
                    "/api/slo", "/reports/weekly", "/reports/weekly.json"})
            String ok() {
                return "ok";
            }
        }
    }
}
