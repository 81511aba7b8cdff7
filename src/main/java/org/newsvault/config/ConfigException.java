package org.newsvault.config;

/** A bad configuration. The message is one line naming the file, line and key, and what is wrong. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
