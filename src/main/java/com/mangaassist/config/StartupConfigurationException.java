package com.mangaassist.config;

/**
 * A setting whose value makes startup impossible (a port in use, a missing file). Carries the
 * setting's name so the failure report tells the operator exactly what to change.
 */
public class StartupConfigurationException extends RuntimeException {

    private final String setting;
    private final String value;

    public StartupConfigurationException(String setting, Object value, String problem, Throwable cause) {
        super("Setting '" + setting + "' = '" + value + "': " + problem, cause);
        this.setting = setting;
        this.value = String.valueOf(value);
    }

    public StartupConfigurationException(String setting, Object value, String problem) {
        this(setting, value, problem, null);
    }

    public String setting() {
        return setting;
    }

    public String value() {
        return value;
    }
}
