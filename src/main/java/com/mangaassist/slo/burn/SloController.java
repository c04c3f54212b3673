package com.mangaassist.slo.burn;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/slo}: objective, burn rate per window, error budget remaining, alert states. */
@RestController
public class SloController {

    private final SloMonitor monitor;

    public SloController(SloMonitor monitor) {
        this.monitor = monitor;
    }

    @GetMapping("/api/slo")
    public Map<String, Object> slo() {
        return monitor.snapshot();
    }
}
