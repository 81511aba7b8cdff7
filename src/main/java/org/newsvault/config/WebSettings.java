package org.newsvault.config;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * The reading room ({@code web:}). {@code user} and {@code passwordHash} together turn on HTTP basic auth
 * (the hash as {@code newsvault hash-password} prints it, never the password itself); {@code remoteImages}
 * lets archived bodies load images from other sites (off: a reader's browser then contacts no outlet, tracker
 * or CDN); {@code zone} is where a day of the daily digest begins and ends (UTC+8 by default: the readers'
 * and most outlets' day).
 */
public record WebSettings(String user, String passwordHash, boolean remoteImages, ZoneId zone) {
    public static final WebSettings DEFAULTS = new WebSettings(null, null, false, ZoneOffset.ofHours(8));

    /** {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}, salt and hash in base64 (what web.PasswordHash writes). */
    public static final Pattern HASH = Pattern.compile("pbkdf2-sha256:[1-9][0-9]{3,7}:[A-Za-z0-9+/]{16,}={0,2}:[A-Za-z0-9+/]{32,}={0,2}");

    public WebSettings {
        if (zone == null) zone = DEFAULTS.zone();
    }

    public boolean auth() {
        return passwordHash != null;
    }
}
