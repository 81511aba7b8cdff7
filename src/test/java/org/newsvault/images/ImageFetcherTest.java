package org.newsvault.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.archive.OriginalStore;
import org.newsvault.config.ImageSettings;
import org.newsvault.config.Settings;
import org.newsvault.config.WatchSettings;
import org.newsvault.fetch.FetchException;
import org.newsvault.fetch.FetchRequest;
import org.newsvault.fetch.FetchResult;
import org.newsvault.fetch.Fetcher;
import org.newsvault.fetch.FetcherStoppedException;
import org.newsvault.model.ArticleImage;
import org.newsvault.model.ManualClock;
import org.newsvault.model.ContentHash;
import org.newsvault.model.ImageRole;
import org.newsvault.model.ImageState;
import org.newsvault.render.ArticleFiles;
import org.newsvault.render.Variant;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.Database;
import org.newsvault.store.ImageRepository;
import org.newsvault.store.ImageRepository.NewImage;
import org.newsvault.store.OriginalRepository;
import org.newsvault.store.OutletRepository;

/** The fetcher's bookkeeping against a real store and a scripted network: crash safety, leases, stops, retries. */
class ImageFetcherTest {
    @TempDir
    Path dir;
    Database db;
    ImageRepository images;
    ArticleRepository articles;
    OriginalStore originals;
    final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
    final Map<String, Object> answers = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    Settings settings;

    /** Answers from {@link #answers}: a byte[] body, or a FetchException to throw. */
    final Fetcher network = new Fetcher() {
        @Override
        public FetchResult fetch(FetchRequest r) throws FetchException {
            asked.computeIfAbsent(r.url().toString(), k -> new AtomicInteger()).incrementAndGet();
            Object a = answers.get(r.url().toString());
            if (a instanceof FetchException e) throw e;
            byte[] body = (byte[]) a;
            String refused = r.check() == null ? null : r.check().check(body, Math.min(body.length, r.check().prefixBytes()));
            if (refused != null) throw new FetchException(FetchException.Kind.UNWANTED, r.url(), refused, null);
            if (r.maxBytes() > 0 && body.length > r.maxBytes()) {
                throw new FetchException(FetchException.Kind.TOO_LARGE, r.url(), "body exceeds " + r.maxBytes(), null);
            }
            return new FetchResult(r.url(), r.url(), 200, false, List.of(Map.entry("Content-Type", "image/png")), body,
                "image/png", null, null, clock.instant(), Duration.ZERO);
        }
    };

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data"));
        images = new ImageRepository(db);
        articles = new ArticleRepository(db);
        originals = new OriginalStore(dir.resolve("data"), new OriginalRepository(db));
        new OutletRepository(db).upsert("t", "T");
        settings = new Settings(dir.resolve("c.yaml"), dir.resolve("data"), dir.resolve("archive"),
            org.newsvault.config.HttpSettings.DEFAULTS, WatchSettings.DEFAULTS, null, List.of(), null,
            new ImageSettings(1 << 20, 4 << 20, 40));
    }

    @AfterEach
    void close() {
        db.close();
    }

    long article(String url, String... imageUrls) {
        StringBuilder body = new StringBuilder("<p>text</p>");
        for (String u : imageUrls) body.append("<img src=\"").append(u).append("\">");
        var file = ArticleFiles.create(Variant.JEKYLL, "t", url, null, "T", null, clock.instant(), body.toString());
        var row = new ArticleRow(0, "t", null, null, url, "t", null, null, clock.instant(),
            ContentHash.sha256Hex(url.getBytes()), file, "t/" + Math.abs(url.hashCode()) + ".md", false, null, "poll", "live");
        List<NewImage> listed = ImageLister.refs(file.body(), url, null);
        return articles.claim(row, clock.instant(), listed, 40).id();
    }

    ImageFetcher fetcher() {
        return new ImageFetcher(images, originals, network, () -> settings, clock);
    }

    @Test
    void aBlobThatCannotBeWrittenLeavesNoStoredRowAndTheNextTryStoresIt() throws Exception {
        byte[] png = Pictures.png(0x101010);
        String sha = ContentHash.sha256Hex(png);
        answers.put("https://cdn.example/a.png", png);
        long a = article("https://news.example/1", "https://cdn.example/a.png");
        // A file where the blob's folder must be: the blob cannot be written (as a full disk would).
        Path shard = dir.resolve("data/originals").resolve(sha.substring(0, 2));
        Files.createDirectories(shard.getParent());
        Files.writeString(shard, "in the way");
        fetcher().fetchAllDue(() -> false, ImageFetcher.Listener.NONE);
        ArticleImage row = images.ofArticle(a).get(0);
        assertThat(row.state()).isEqualTo(ImageState.FAILED);
        assertThat(row.reason()).startsWith("cannot keep the image");
        assertThat(row.sha256()).isNull();
        assertThat(new OriginalRepository(db).count()).as("no original row without its blob").isZero();

        Files.delete(shard);
        clock.advance(ImageFetcher.retryDelay(1));
        fetcher().fetchAllDue(() -> false, ImageFetcher.Listener.NONE);
        row = images.ofArticle(a).get(0);
        assertThat(row.state()).isEqualTo(ImageState.STORED);
        assertThat(originals.read(row.sha256())).isEqualTo(png);
    }

    @Test
    void aKillBetweenBlobAndRowsLeavesTheRowsDueAndTheBlobIsReused() throws Exception {
        byte[] png = Pictures.png(0x202020);
        answers.put("https://cdn.example/b.png", png);
        long a = article("https://news.example/2", "https://cdn.example/b.png");
        // What a kill after the blob's rename and before the transaction leaves: the blob, no row naming it, and the
        // image row leased by the dead process.
        originals.saveBlob(png);
        List<ImageRepository.Due> taken = images.takeDue(clock.instant(), 10, ImageFetcher.LEASE);
        assertThat(taken).hasSize(1);
        assertThat(images.takeDue(clock.instant(), 10, ImageFetcher.LEASE)).as("leased").isEmpty();
        assertThat(images.ofArticle(a).get(0).state()).isEqualTo(ImageState.PENDING);
        clock.advance(ImageFetcher.LEASE);
        ImageSummary s = fetcher().fetchAllDue(() -> false, ImageFetcher.Listener.NONE);
        assertThat(s.stored()).isEqualTo(1);
        assertThat(s.bytes()).as("the blob was there already").isZero();
        assertThat(images.ofArticle(a).get(0).state()).isEqualTo(ImageState.STORED);
    }

    @Test
    void aStoppedFetcherGivesRowsBackUntriedAndAStopLeavesTheRestDue() {
        answers.put("https://cdn.example/c.png", new FetcherStoppedException(URI.create("https://cdn.example/c.png")));
        answers.put("https://cdn.example/d.png", Pictures.png(0x303030));
        long a = article("https://news.example/3", "https://cdn.example/c.png", "https://cdn.example/d.png");
        ImageSummary s = fetcher().fetchAllDue(() -> false, ImageFetcher.Listener.NONE);
        assertThat(s.released()).isPositive();
        assertThat(s.stored()).isEqualTo(1);
        ArticleImage c = images.ofArticle(a).get(0);
        assertThat(c.state()).isEqualTo(ImageState.PENDING);
        assertThat(c.attempts()).as("not the server's failure: no attempt counted").isZero();
        assertThat(images.countDue(clock.instant())).isEqualTo(1);
        // A caller stopping before it starts: everything taken is given back, due at once.
        answers.put("https://cdn.example/c.png", Pictures.png(0x404040));
        var taken = images.takeDue(clock.instant(), 10, ImageFetcher.LEASE);
        ImageSummary stopped = fetcher().fetch(taken, () -> true, ImageFetcher.Listener.NONE);
        assertThat(stopped.released()).isEqualTo(1);
        assertThat(images.countDue(clock.instant())).isEqualTo(1);
    }

    @Test
    void failuresBackOffAndEndAfterTheLastAttempt() {
        answers.put("https://cdn.example/e.png", new FetchException(FetchException.Kind.HTTP_SERVER,
            URI.create("https://cdn.example/e.png"), 503, null, "503 Service Unavailable", null));
        long a = article("https://news.example/4", "https://cdn.example/e.png");
        List<Instant> due = new ArrayList<>();
        for (int i = 0; i < ImageFetcher.MAX_ATTEMPTS + 2; i++) {
            fetcher().fetchAllDue(() -> false, ImageFetcher.Listener.NONE);
            clock.advance(ImageFetcher.MAX_RETRY);
            due.add(clock.instant());
        }
        ArticleImage e = images.ofArticle(a).get(0);
        assertThat(e.state()).isEqualTo(ImageState.FAILED);
        assertThat(e.attempts()).isEqualTo(ImageFetcher.MAX_ATTEMPTS);
        assertThat(asked.get("https://cdn.example/e.png").get()).isEqualTo(ImageFetcher.MAX_ATTEMPTS);
        assertThat(ImageFetcher.retryDelay(1)).isEqualTo(Duration.ofMinutes(10));
        assertThat(ImageFetcher.retryDelay(2)).isEqualTo(Duration.ofMinutes(20));
        assertThat(ImageFetcher.retryDelay(30)).isEqualTo(ImageFetcher.MAX_RETRY);
    }

    @Test
    void aUrlStoredForOneArticleIsNotFetchedAgainForAnother() {
        byte[] png = Pictures.png(0x505050);
        answers.put("https://cdn.example/f.png", png);
        long a = article("https://news.example/5", "https://cdn.example/f.png");
        fetcher().fetchAllDue(() -> false, ImageFetcher.Listener.NONE);
        long b = article("https://news.example/6", "https://cdn.example/f.png");
        fetcher().fetchAllDue(() -> false, ImageFetcher.Listener.NONE);
        assertThat(asked.get("https://cdn.example/f.png").get()).isEqualTo(1);
        assertThat(images.ofArticle(b).get(0).state()).isEqualTo(ImageState.STORED);
        assertThat(images.ofArticle(b).get(0).originalId()).isEqualTo(images.ofArticle(a).get(0).originalId());
        assertThat(images.ofArticles(List.of(a, b, 999L))).containsOnlyKeys(a, b);
        assertThat(images.ofArticle(a).get(0).role()).isEqualTo(ImageRole.BODY);
    }

    @Test
    void anArticleClaimedTwiceListsItsImagesOnce() {
        long a = article("https://news.example/7", "https://cdn.example/g.png", "https://cdn.example/g.png");
        assertThat(article("https://news.example/7", "https://cdn.example/h.png")).isEqualTo(a);
        assertThat(images.ofArticle(a)).extracting(ArticleImage::url).containsExactly("https://cdn.example/g.png");
    }

    @Test
    void theDaemonsWorkerFetchesInTheBackgroundWakesOnNewRowsAndStops() throws Exception {
        answers.put("https://cdn.example/w1.png", Pictures.png(0x606060));
        answers.put("https://cdn.example/w2.png", Pictures.png(0x707070));
        java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch second = new java.util.concurrent.CountDownLatch(2);
        AtomicInteger batches = new AtomicInteger();
        long a = article("https://news.example/w1", "https://cdn.example/w1.png");
        // An idle wait longer than the test: only wake() can make it look again in time.
        ImageWorker worker = new ImageWorker(fetcher(), s -> {
            batches.incrementAndGet();
            first.countDown();
            second.countDown();
        }, Duration.ofMinutes(10)).start();
        try {
            assertThat(first.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            long b = article("https://news.example/w2", "https://cdn.example/w2.png");
            worker.wake();
            assertThat(second.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(images.ofArticle(a).get(0).state()).isEqualTo(org.newsvault.model.ImageState.STORED);
            assertThat(images.ofArticle(b).get(0).state()).isEqualTo(org.newsvault.model.ImageState.STORED);
        } finally {
            long t0 = System.nanoTime();
            assertThat(worker.stop(Duration.ofSeconds(10))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(batches.get()).isEqualTo(2);
        assertThat(List.of(worker.stop(Duration.ofSeconds(1)))).containsExactly(true);
    }
}
