package com.mangaassist.slo.burn;

import java.time.Duration;

/**
 * One multi-window burn-rate alert (Google SRE workbook): it fires while the error budget burns
 * faster than {@code threshold} times the sustainable rate over BOTH windows; the short window
 * makes it resolve soon after the burn stops.
 */
public record BurnRateTier(String name, String severity, Duration longWindow, Duration shortWindow, double threshold) {
}
