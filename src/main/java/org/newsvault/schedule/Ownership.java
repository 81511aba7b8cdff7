package org.newsvault.schedule;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Which live node polls a feed: rendezvous (highest random weight) hashing. Every node computes the same owner
 * from the same list of live nodes with no exchange between them; a node that joins takes about 1/n of the feeds
 * from each of the others, and a node that dies gives its feeds to the others, spread evenly, while every other
 * feed stays where it was.
 */
final class Ownership {
    private Ownership() {}

    /** The owner of {@code feed} among {@code nodes}, or null when there is none. */
    static String owner(String feed, Collection<String> nodes) {
        String best = null;
        long bestScore = 0;
        for (String n : nodes) {
            long s = score(n, feed);
            if (best == null || Long.compareUnsigned(s, bestScore) > 0 || s == bestScore && n.compareTo(best) < 0) {
                best = n;
                bestScore = s;
            }
        }
        return best;
    }

    static String key(FeedKey f) {
        return f.outletId() + "\n" + f.url();
    }

    /** FNV-1a over "node NUL feed", then a 64-bit finalizer (murmur3's fmix64) so that nearby strings spread. */
    static long score(String node, String feed) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (node + "\u0000" + feed).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
