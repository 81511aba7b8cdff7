package org.newsvault.poll;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which entries vanished from a feed, as opposed to scrolling off it. A feed is a window over the
 * latest items: every poll, items fall off one end (the oldest) as new ones arrive at the other. An
 * entry that disappears while entries on both sides of it, in the previous listing, are still there did
 * not scroll off: it was taken out. Requiring survivors on both sides makes the rule independent of
 * whether the feed lists newest or oldest first. Pure.
 */
public final class FeedListing {
    private FeedListing() {}

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
