package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;
import org.newsvault.config.ConfigLoader;
import org.newsvault.metrics.Metrics;
import org.newsvault.metrics.RuleHealthMetrics;
import org.newsvault.poll.PollRun;
import org.newsvault.poll.RuleHealthMonitor;
import org.slf4j.LoggerFactory;

/**
 * An outlet whose site changes its markup: its content selector stops matching, and after more than half of its
 * last 20 pages missed it, the log says so once, {@code status} (and its JSON) and {@code /metrics} flag the
 * outlet; when the markup comes back and the share drops below half, one INFO line says it recovered.
 */
class RuleHealthEndToEndTest {
    @TempDir
    Path dir;
    final MockWebServer server = new MockWebServer();
    /** Items 1..items are in the feed; pages numbered in (movedFrom, movedTo] use the new markup. */
    volatile int items;
    volatile int movedFrom = Integer.MAX_VALUE;
    volatile int movedTo = Integer.MAX_VALUE;
    Path config;
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    Logger monitorLog = (Logger) LoggerFactory.getLogger(RuleHealthMonitor.class);

    @BeforeEach
    void setUp() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest req) {
                String path = req.getPath();
                if (path.equals("/feed.xml")) return feed();
                if (path.startsWith("/p/")) return page(Integer.parseInt(path.substring(3)));
                return new MockResponse().setResponseCode(404);
            }
        });
        server.start();
        config = dir.resolve("newsvault.yaml");
        Files.writeString(config, "data: " + dir.resolve("data") + "\narchive: " + dir.resolve("archive") + "\n"
            + "http: {retries: 0, per-host: 4, per-host-gap: 0s}\n"
            + "images: {max-count: 1}\n"
            + "outlets:\n  - id: test\n    name: Test\n    content: \"div.post-content\"\n    images: false\n"
            + "    feeds: [" + server.url("/feed.xml") + "]\n", StandardCharsets.UTF_8);
        seen.start();
        monitorLog.addAppender(seen);
    }

    @AfterEach
    void tearDown() throws Exception {
        monitorLog.detachAppender(seen);
        server.shutdown();
    }

    private MockResponse feed() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
            + "<title>T</title><link>" + server.url("/") + "</link>");
        for (int i = items; i >= 1; i--) {
            sb.append("<item><title>Story ").append(i).append("</title><link>").append(server.url("/p/" + i))
                .append("</link><description>Teaser ").append(i).append("</description></item>");
        }
        return new MockResponse().setHeader("Content-Type", "application/rss+xml; charset=utf-8")
            .setBody(sb.append("</channel></rss>").toString());
    }

    private MockResponse page(int n) {
        boolean moved = n > movedFrom && n <= movedTo;
        String open = moved ? "<main class=\"story-body\">" : "<div class=\"post-content\">";
        String close = moved ? "</main>" : "</div>";
        StringBuilder sb = new StringBuilder("<html><head><title>Story ").append(n).append("</title></head><body>")
            .append("<nav><a href=\"/\">Home</a></nav>").append(open);
        for (int i = 0; i < 6; i++) {
            sb.append("<p>Story ").append(n).append(": the council met on Tuesday to discuss the budget, and after a long")
                .append(" debate, which ran late into the night, the members agreed to fund the library. ").append(i)
                .append("</p>");
        }
        sb.append(close).append("</body></html>");
        return new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8").setBody(sb.toString());
    }

    private List<ILoggingEvent> lines(String level, String text) {
        synchronized (seen.list) {
            return seen.list.stream().filter(e -> e.getLevel().toString().equals(level))
                .filter(e -> e.getFormattedMessage().contains(text)).toList();
        }
    }

    @Test
    void aSiteThatChangesItsMarkupIsFlaggedOnceAndRecovers() throws Exception {
        items = 6;
        assertThat(Cli.run(config, "poll").code()).isZero();
        Cli.Run status = Cli.run(config, "status");
        assertThat(status.out()).doesNotContain("extraction rules look stale");
        assertThat(Cli.run(config, "status", "--json").out()).contains("\"extraction\"").contains("\"state\" : \"healthy\"");

        // The site moves its article body out of div.post-content: 14 new pages miss the selector.
        movedFrom = 6;
        items = 20;
        assertThat(Cli.run(config, "poll").code()).isZero();
        assertThat(lines("WARN", "extraction rules look stale")).hasSize(1);
        assertThat(lines("WARN", "extraction rules look stale").get(0).getFormattedMessage())
            .startsWith("outlet=test extraction rules look stale since 20").contains("selector matched nothing");
        status = Cli.run(config, "status");
        assertThat(status.out()).containsPattern(
            "!  test: extraction rules look stale since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(14 of last 20 pages:"
                + " selector matched nothing\\)");
        String json = Cli.run(config, "status", "--json").out();
        assertThat(json).contains("\"state\" : \"stale\"", "\"staleSince\"", "\"badPages\" : 14",
            "\"selector_missed\" : 14", "extraction rules look stale since");
        // The articles were still archived, by the generic extractor.
        assertThat(Files.readString(articleFile(20))).contains("members agreed to fund the library");

        // A daemon's /metrics: the outlet's gauge and the counts of this process's pages by outcome.
        items = 24;
        try (Newsvault nv = Newsvault.openAlone(ConfigLoader.load(config), Clock.systemUTC())) {
            Metrics metrics = new Metrics();
            RuleHealthMetrics.register(metrics, nv.extractionOutcomes, nv.ruleHealth, nv::current, nv.clock);
            PollRun.pollAll(nv.current().outlets(), nv.refresher, nv.feedPool, r -> {});
            String text = metrics.text();
            assertThat(text).contains("newsvault_extraction_rules_stale{outlet=\"test\"} 1.0")
                .contains("newsvault_extractions_total{outcome=\"selector_missed\",outlet=\"test\"} 4.0")
                .doesNotContain("outcome=\"selector_matched\"");
        }
        assertThat(lines("WARN", "extraction rules look stale")).as("still stale: no second warning").hasSize(1);

        // The rules fit again (the site went back, or the selector was fixed): 20 good pages.
        movedTo = 24;
        items = 44;
        assertThat(Cli.run(config, "poll").code()).isZero();
        assertThat(lines("INFO", "extraction rules healthy again")).hasSize(1);
        assertThat(lines("WARN", "extraction rules look stale")).hasSize(1);
        assertThat(Cli.run(config, "status").out()).doesNotContain("extraction rules look stale");
        try (Newsvault nv = Newsvault.openAlone(ConfigLoader.load(config), Clock.systemUTC())) {
            Metrics metrics = new Metrics();
            RuleHealthMetrics.register(metrics, nv.extractionOutcomes, nv.ruleHealth, nv::current, nv.clock);
            assertThat(metrics.text()).contains("newsvault_extraction_rules_stale{outlet=\"test\"} 0.0");
        }
    }

    private Path articleFile(int n) throws Exception {
        try (var files = Files.walk(dir.resolve("archive"))) {
            String marker = "Story " + n + ":";
            return files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Files.readString(p).contains(marker);
                } catch (java.io.IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow();
        }
    }
}
