package org.newsvault.poll;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.newsvault.model.Entry;

/**
 * Which entries vanished from a feed, as opposed to scrolling off it. A feed is a window over the
 * latest items: every poll, items fall off one end (the oldest) as new ones arrive at the other. An
 * entry that disappears while entries on both sides of it, in the previous listing, are still there did
 * not scroll off: it was taken out. Requiring survivors on both sides makes the rule independent of
 * whether the feed lists newest or oldest first. Pure.
 */
public final class FeedListing {
    private FeedListing() {}

    /**
     * What a feed body says, apart from how it is written: SHA-256 over every entry's link, guid, title,
     * author, date and bodies, in feed order. Two bodies with the same fingerprint list the same items with
     * the same texts; a feed that changes a comment, a build date or whitespace on every request keeps its
     * fingerprint, so its body need not be kept again as an original.
     */
    public static String fingerprint(List<Entry> entries) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Entry e : entries) {
            for (Object f : new Object[] {e.link(), e.guid(), e.title(), e.author(), e.published(), e.contentHtml(),
                e.summaryHtml(), String.join("\u0000", e.categories())}) {
                // length-prefixed, so no two different field lists give the same bytes
                byte[] b = f == null ? new byte[0] : f.toString().getBytes(StandardCharsets.UTF_8);
                md.update((f == null ? "-" : b.length + ":").getBytes(StandardCharsets.US_ASCII));
                md.update(b);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Entries of {@code before} missing from {@code now} with survivors of {@code before} on both sides. */
    public static List<String> vanished(List<String> before, List<String> now) {
        Set<String> present = new HashSet<>(now);
        int first = -1, last = -1;
        for (int i = 0; i < before.size(); i++) {
            if (present.contains(before.get(i))) {
                if (first < 0) first = i;
                last = i;
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = first + 1; i < last; i++) {
            if (!present.contains(before.get(i))) out.add(before.get(i));
        }
        return out;
    }
}
