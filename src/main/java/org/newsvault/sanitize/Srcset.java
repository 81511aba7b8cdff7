package org.newsvault.sanitize;

/**
 * Picks one URL out of a {@code srcset}: the candidate with the largest width or density (no descriptor counts as
 * 1x). The sanitizer keeps it as the image's {@code src}; the image lister fetches it.
 */
public final class Srcset {
    private Srcset() {}

    public static String widest(String srcset) {
        String best = "";
        double bestSize = -1;
        for (String candidate : srcset.split(",\\s+|,(?=\\S+\\s)")) {
            String[] parts = candidate.trim().split("\\s+");
            if (parts.length == 0 || parts[0].isEmpty()) continue;
            double size = parts.length > 1 ? descriptor(parts[1]) : 1;
            if (size > bestSize) {
                bestSize = size;
                best = parts[0];
            }
        }
        return best;
    }

    private static double descriptor(String d) {
        if (d.length() < 2) return 1;
        try {
            return Double.parseDouble(d.substring(0, d.length() - 1));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
