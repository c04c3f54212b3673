package com.mangaassist.ops;

import org.springframework.context.annotation.Bean;

import com.mangaassist.ingress.SecuritySettings;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may use the operations endpoints. Health (the probes) and Prometheus (the scraper) are open;
 * every other actuator endpoint, Hawtio and Jolokia included, and the trace, SLO and report pages
 * need HTTP basic authentication as {@code spring.security.user.*} unless
 * {@code mangaassist.security.ops-auth} is off (the local profile). The chat page and its config stay
 * open: the chat WebSocket has its own session tokens.
 */
@Configuration
@EnableWebSecurity
public class OpsSecurityConfiguration {

    /** Pages and APIs for the people who run the service: traces carry shoppers' questions, reports the latency. */
    static final String[] OPS_PAGES = {"/api/traces", "/api/traces/**", "/waterfall.html", "/api/slo", "/api/slo/**",
            "/reports", "/reports/**"};

    @Bean
    public SecurityFilterChain opsEndpoints(HttpSecurity http, SecuritySettings security) throws Exception {
        boolean opsAuth = security.opsAuth();
        http.authorizeHttpRequests(requests -> {
            requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll();
            if (opsAuth) {
                requests.requestMatchers("/actuator", "/actuator/**").authenticated();
                requests.requestMatchers(OPS_PAGES).authenticated();
            }
            requests.anyRequest().permitAll();
        });
        http.httpBasic(Customizer.withDefaults());
        // no cookie sessions to ride on: credentials come with every request (basic auth)
        http.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.csrf(csrf -> csrf.disable());
        // Hawtio draws its console in frames of its own origin
        http.headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }
}
