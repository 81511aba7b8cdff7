package org.newsvault.fetch;

import java.time.Duration;
import java.util.Locale;

/** Human formatting for messages: "10 MB", "1.5 KB", "30 s", "250 ms". */
final class Sizes {
    private Sizes() {
    }

    static String bytes(long n) {
        if (n >= 1024L * 1024) {
            return trim(n / (1024.0 * 1024)) + " MB";
        }
        if (n >= 1024) {
            return trim(n / 1024.0) + " KB";
        }
        return n + (n == 1 ? " byte" : " bytes");
    }

    static String duration(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        if (d.toSeconds() < 3600) {
            return trim(d.toMillis() / 1000.0) + " s";
        }
        return trim(d.toSeconds() / 3600.0) + " h";
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
