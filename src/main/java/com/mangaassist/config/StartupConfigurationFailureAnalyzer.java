package com.mangaassist.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link StartupConfigurationException} anywhere in the cause chain into one clear message. */
public class StartupConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<StartupConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupConfigurationException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Change the setting '" + cause.setting() + "' (application properties, --" + cause.setting()
                        + "=..., or the environment variable " + toEnvironmentVariable(cause.setting()) + ").",
                cause);
    }

    static String toEnvironmentVariable(String setting) {
        return setting.toUpperCase().replace('.', '_').replace("-", "");
    }
}
