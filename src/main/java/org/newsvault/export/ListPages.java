package org.newsvault.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.newsvault.render.ArchivePaths;
import org.newsvault.store.ArticleRow;

/**
 * The per-outlet list pages ({@code lists/<site>.md}, FORMAT.md) of an export. Only the newest
 * {@value ArchivePaths#LIST_LIMIT} entries of each outlet are kept while the articles stream past (a min-heap
 * per outlet), so memory depends on the number of outlets, not of articles.
 */
final class ListPages {
    private static final Comparator<ArchivePaths.ListItem> OLDEST_FIRST = Comparator
        .comparing(ArchivePaths.ListItem::date).thenComparing(ArchivePaths.ListItem::fileName, Comparator.reverseOrder());

    private final Map<String, PriorityQueue<ArchivePaths.ListItem>> newest = new TreeMap<>();

    void add(ArticleRow row) {
        Instant date = row.publishedAt() != null ? row.publishedAt() : row.fetchedAt();
        String prefix = row.outletId() + "/";
        String fileName = row.filePath().startsWith(prefix) ? row.filePath().substring(prefix.length()) : row.filePath();
        var item = new ArchivePaths.ListItem(date, row.file().title(), row.outletId(), fileName);
        PriorityQueue<ArchivePaths.ListItem> heap = newest.computeIfAbsent(row.outletId(), k -> new PriorityQueue<>(OLDEST_FIRST));
        heap.add(item);
        if (heap.size() > ArchivePaths.LIST_LIMIT) heap.poll();
    }

    /** Writes one page per outlet seen into {@code dir}; returns how many. */
    int write(Path dir, Map<String, String> outletNames) throws IOException {
        Set<String> used = new HashSet<>();
        for (var e : newest.entrySet()) {
            String id = e.getKey();
            String site = outletNames.getOrDefault(id, id);
            String name = OutputPaths.fileName(site, id);
            if (!used.add(name)) name = name + "-" + id;
            used.add(name);
            List<ArchivePaths.ListItem> items = new ArrayList<>(e.getValue());
            items.sort(OLDEST_FIRST.reversed());
            OutputPaths.write(dir.resolve(name + ".md"), ArchivePaths.listPage(site, items).getBytes(StandardCharsets.UTF_8));
        }
        return newest.size();
    }
}
