package org.newsvault.verify;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.newsvault.archive.OriginalStore;
import org.newsvault.model.ContentHash;
import org.newsvault.model.Original;
import org.newsvault.store.OriginalRepository;

/** Every original row's blob is on disk (and with {@code deep}, decompresses to bytes of its SHA-256). */
final class OriginalCheck {
    /** Blobs already checked: identical fetches share one blob. Bounded so memory stays flat. */
    private static final int CACHE = 10_000;

    private final OriginalStore store;
    private final boolean deep;
    private final Consumer<Problem> out;
    private final Map<String, Boolean> checked = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
            return size() > CACHE;
        }
    };

    OriginalCheck(OriginalStore store, boolean deep, Consumer<Problem> out) {
        this.store = store;
        this.deep = deep;
        this.out = out;
    }

    /** @return how many original rows were checked */
    long run(OriginalRepository rows) {
        return run(rows, () -> {});
    }

    /** @param each called after each row (progress) */
    long run(OriginalRepository rows, Runnable each) {
        long[] n = {0};
        rows.stream(o -> {
            n[0]++;
            check(o);
            each.run();
        });
        return n[0];
    }

    private void check(Original o) {
        String where = "original " + o.id() + " (" + o.url() + ")";
        if (!store.has(o.sha256())) {
            out.accept(new Problem(Problem.Kind.MISSING_BLOB, where, "blob " + o.sha256() + " is not on disk; cannot be recreated", null));
            return;
        }
        if (!deep || checked.containsKey(o.sha256())) return;
        checked.put(o.sha256(), Boolean.TRUE);
        try {
            String actual = ContentHash.sha256Hex(store.read(o.sha256()));
            if (!actual.equals(o.sha256())) {
                out.accept(new Problem(Problem.Kind.CORRUPT_BLOB, where, "blob decompresses to bytes of another hash " + actual, null));
            }
        } catch (IOException | RuntimeException e) {
            out.accept(new Problem(Problem.Kind.CORRUPT_BLOB, where, "blob " + o.sha256() + " is unreadable: "
                + ArticleCheck.oneLine(e), null));
        }
    }
}
