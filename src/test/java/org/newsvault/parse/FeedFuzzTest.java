package org.newsvault.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.newsvault.model.Entry;

/**
 * Mutated feeds (truncated, bytes flipped, nested 100,000 deep, megabyte attributes, entity tricks, wrong
 * encodings, BOMs, ...: {@link FeedMutator}) through the parser: it returns a feed or throws
 * {@link ParseException} with one short line, and nothing else, ever. The default run mutates the small
 * in-repo samples; {@link #corpusFeedsMutated} (tag fuzz: minutes, not seconds) every feed of
 * {@code ../shared/corpora/feeds}, {@code -Dnewsvault.fuzz.mutants} (default 3) mutants each.
 * Seeds are fixed, so a failure names a mutant that can be made again.
 */
class FeedFuzzTest {
    private static final long SEED = 20261201L;
    /** A hang detector, not a performance bound: the parser's own deadline is 10 s. */
    private static final long HANG_SECONDS = 60;
    private static final List<String> SAMPLES = List.of("rss20.xml", "atom10.xml", "atom03.xml", "rdf10.xml",
            "malformed-markup.xml", "jsonfeed11.json", "real/gb2312.xml");

    static final class Tally {
        int inputs, parsed, parseErrors;
        final Map<FeedMutator.Kind, Integer> byKind = new EnumMap<>(FeedMutator.Kind.class);
        final Map<FeedMutator.Kind, Long> slowest = new EnumMap<>(FeedMutator.Kind.class);
        final List<String> failures = new ArrayList<>();
        long maxMillis;
    }

    @Test
    void mutatedSamplesFailOnlyWithOneLineParseExceptions() throws Exception {
        Tally t = new Tally();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            for (String name : SAMPLES) {
                byte[] body = Fixtures.bytes(name);
                for (FeedMutator.Mutant m : FeedMutator.mutants(body, SEED + name.hashCode(), FeedMutator.Kind.values().length)) {
                    executor = run(executor, t, name, m);
                }
            }
        } finally {
            executor.shutdownNow();
        }
        System.out.println("fuzz samples: " + t.inputs + " inputs, " + t.parsed + " parsed, " + t.parseErrors
                + " ParseException; slowest by kind (ms) " + t.slowest);
        assertThat(t.failures).as("escaped exceptions, bad messages and hangs").isEmpty();
        assertThat(t.inputs).isEqualTo(SAMPLES.size() * FeedMutator.Kind.values().length);
        assertThat(t.byKind).as("every kind of mutation ran").hasSize(FeedMutator.Kind.values().length);
        assertThat(t.parsed).as("many mutants are still feeds").isGreaterThan(t.inputs / 4);
        assertThat(t.parseErrors).as("and many are not").isGreaterThan(t.inputs / 10);
    }

    @Test
    @Tag("fuzz")
    void corpusFeedsMutated() throws Exception {
        Path feeds = FeedCorpusTest.corpus();
        Assumptions.assumeTrue(feeds != null, "shared/corpora/feeds not found");
        int perFile = Integer.getInteger("newsvault.fuzz.mutants", 3);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(feeds)) {
            files = walk.filter(Files::isRegularFile).filter(FeedCorpusTest::isInput).sorted().toList();
        }
        Tally t = new Tally();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            for (Path file : files) {
                String rel = feeds.relativize(file).toString();
                byte[] body = Files.readAllBytes(file);
                for (FeedMutator.Mutant m : FeedMutator.mutants(body, SEED + rel.hashCode(), perFile)) {
                    executor = run(executor, t, rel, m);
                }
            }
        } finally {
            executor.shutdownNow();
        }
        String summary = String.format("fuzz: %d corpus feeds x %d mutants = %d inputs: %d parsed, %d ParseException, "
                + "%d other (escaped, bad message or hang); slowest %d ms; by kind %s; slowest by kind (ms) %s%n", files.size(),
                perFile, t.inputs, t.parsed, t.parseErrors, t.failures.size(), t.maxMillis, t.byKind, t.slowest);
        System.out.print(summary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "corpus-fuzz.txt"), summary + String.join("\n", t.failures), StandardCharsets.UTF_8);
        assertThat(t.failures).as("escaped exceptions, bad messages and hangs").isEmpty();
    }

    private static ExecutorService run(ExecutorService executor, Tally t, String name, FeedMutator.Mutant m) throws IOException {
        t.inputs++;
        t.byKind.merge(m.kind(), 1, Integer::sum);
        URI url = URI.create("http://127.0.0.1:8097/tests/" + name.replace('\\', '/'));
        String contentType = name.endsWith(".json") ? "application/feed+json" : null;
        long start = System.nanoTime();
        Future<ParsedFeed> f = executor.submit(() -> new RomeFeedParser().parse(m.body(), contentType, url));
        try {
            ParsedFeed feed = f.get(HANG_SECONDS, TimeUnit.SECONDS);
            t.parsed++;
            for (Entry e : feed.entries()) {
                String scheme = e.link().substring(0, Math.max(0, e.link().indexOf(':'))).toLowerCase(java.util.Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    t.failures.add(name + " " + m + ": entry link " + e.link());
                }
            }
        } catch (TimeoutException e) {
            t.failures.add(name + " " + m + ": HANG");
            f.cancel(true);
            executor.shutdownNow();
            return Executors.newSingleThreadExecutor();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ParseException pe) {
                t.parseErrors++;
                String msg = pe.getMessage();
                if (msg == null || msg.isBlank() || msg.contains("\n") || msg.length() > 300) {
                    t.failures.add(name + " " + m + ": bad message '" + msg + "'");
                }
            } else {
                t.failures.add(name + " " + m + ": ESCAPED " + e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            t.maxMillis = Math.max(t.maxMillis, millis);
            t.slowest.merge(m.kind(), millis, Math::max);
        }
        return executor;
    }
}
