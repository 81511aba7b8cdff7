package org.newsvault.render;

import java.nio.file.Path;
import java.time.Instant;

/** PLACEHOLDER until the render branch lands. */
public final class ArchivePaths {
    public static Path articlePath(Path root, String outletId, Instant when, String canonicalUrl, Variant v) {
        String d = when.toString().substring(0, 10);
        return root.resolve(outletId).resolve(d.substring(0, 4)).resolve(d + "-" + org.newsvault.model.ContentHash.sha256Hex(canonicalUrl).substring(0, 10) + ".md");
    }
}
