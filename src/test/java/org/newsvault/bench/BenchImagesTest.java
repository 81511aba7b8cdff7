package org.newsvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.config.Settings;
import org.newsvault.images.ImageFetcher;
import org.newsvault.model.ArticleImage;
import org.newsvault.model.ImageRole;
import org.newsvault.model.ImageState;
import org.newsvault.poll.PollRun;
import org.newsvault.store.ArticleQuery;
import org.newsvault.verify.Verifier;

/** "A poll of the simulated outlets stores every image once": the bench outlet with pictures, on loopback. */
class BenchImagesTest {
    @TempDir
    Path dir;

    @Test
    void aPollOfTheBenchOutletStoresEveryImageOnce() throws Exception {
        int items = 10;
        try (OutletServer server = OutletServer.start(Corpus.bundled(), 1, items, 0, 0, true)) {
            var outlets = BenchConfig.concat(
                BenchConfig.outlets(server.baseUrl(), "img", SyntheticOutlet.Kind.TEASER, 1, dir.resolve("c.yaml")),
                BenchConfig.outlets(server.baseUrl(), "img", SyntheticOutlet.Kind.FULL, 1, dir.resolve("c.yaml")));
            // The benchmark's own outlets keep no images; these do (the default of a user's outlet).
            outlets = outlets.stream().map(o -> new org.newsvault.config.OutletConfig(o.id(), o.name(), o.feeds(), o.content(),
                o.remove(), o.interval(), o.format(), o.proxy(), o.imageProxy(), o.categories(), o.source(), true)).toList();
            Settings s = BenchConfig.settings(dir, outlets);
            List<ArticleImage> all = new ArrayList<>();
            try (Newsvault nv = Newsvault.open(s)) {
                var reports = PollRun.pollAll(s.outlets(), nv.refresher, nv.feedPool, r -> {});
                assertThat(nv.articles.count()).as(reports.toString()).isEqualTo(2L * items);
                nv.imageFetcher.fetchAllDue(() -> false, ImageFetcher.Listener.NONE);
                nv.articles.stream(ArticleQuery.ALL, a -> all.addAll(nv.images.ofArticle(a.id())));
                var counts = nv.images.counts();

                Set<String> urls = new HashSet<>();
                all.forEach(i -> urls.add(i.url()));
                // Each distinct URL asked once: its own photos, 3 shared PNGs, 2 lead GIFs, the SVG, the huge one, the 404.
                assertThat(server.imageRequests()).as(new java.util.TreeSet<>(urls).toString()).isEqualTo(urls.size());
                long corpus = urls.stream().filter(u -> u.contains("/_img/x/")).count();
                assertThat(corpus).as("the corpus stories' own pictures, served locally").isPositive();
                assertThat(urls).hasSize((int) (2 * items + 3 + 2 + 3 + corpus))
                    .allMatch(u -> u.startsWith(server.baseUrl()), "no request leaves the machine");
                long photos = all.stream().filter(i -> i.url().contains("/_img/a/")).count();
                assertThat(photos).isEqualTo(2L * items);
                assertThat(all).filteredOn(i -> i.url().contains("/_img/a/") || i.url().contains("/_img/shared/") || i.url().contains("/_img/x/")
                    || i.url().contains("/_img/og/")).allMatch(i -> i.state() == ImageState.STORED);
                assertThat(all).filteredOn(i -> i.url().endsWith("/_img/og/0.gif") || i.url().endsWith("/_img/og/1.gif"))
                    .as("lead images come from the teaser feed's pages").isNotEmpty().allMatch(i -> i.role() == ImageRole.LEAD);
                assertThat(all).filteredOn(i -> i.url().endsWith("/logo.svg")).isNotEmpty()
                    .allMatch(i -> i.state() == ImageState.NOT_IMAGE);
                assertThat(all).filteredOn(i -> i.url().endsWith("/huge.jpg")).isNotEmpty()
                    .allMatch(i -> i.state() == ImageState.TOO_LARGE);
                assertThat(all).filteredOn(i -> i.url().endsWith("/missing.jpg")).isNotEmpty()
                    .allMatch(i -> i.state() == ImageState.GONE);
                // Stored once: one blob per distinct picture, however many articles show it.
                var bySha = new java.util.TreeMap<String, Set<String>>();
                all.stream().filter(i -> i.sha256() != null).forEach(i -> bySha.computeIfAbsent(i.sha256(), k -> new java.util.TreeSet<>()).add(i.url()));
                bySha.values().removeIf(v -> v.size() < 2);
                assertThat(counts.storedBlobs()).as(bySha.toString()).isEqualTo(2L * items + 3 + 2 + corpus);
                assertThat(counts.of(ImageState.STORED)).isGreaterThan(counts.storedBlobs());
            }
            var report = new Verifier(s.data(), s.archive(), false, true, p -> {}).run();
            assertThat(report.clean()).isTrue();
        }
    }
}
