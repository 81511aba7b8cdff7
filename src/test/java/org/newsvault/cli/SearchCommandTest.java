package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsvault.schedule.DaemonFixture.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.schedule.Daemon;
import org.newsvault.schedule.DaemonFixture;
import org.newsvault.search.SearchQuery;

/** {@code search} and {@code reindex}, alone and through a running daemon. */
class SearchCommandTest {

    @TempDir
    Path dir;
    DaemonFixture fx;
    Daemon daemon;
    Path seeds;

    @BeforeEach
    void setUp() throws Exception {
        fx = new DaemonFixture(dir);
        fx.writeConfig("1h", "/ok-a.xml");
        seeds = org.newsvault.export.TestArchives.seeds(dir.resolve("seeds"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) daemon.stop();
        fx.close();
        Logging.closeFile();
    }

    Cli.Run run(String... args) {
        return Cli.run(fx.config, args);
    }

    @Test
    void findsAnImportedArticleByAWordInTheOtherScriptAndRebuilds() {
        assertThat(run("import", seeds.toString()).code()).isZero();
        // RFA's seed is in Simplified (恢复共同防御条约); the query is in Traditional
        Cli.Run found = run("search", "恢復共同防禦條約");
        assertThat(found.code()).as(found.err()).isZero();
        assertThat(found.out()).contains("朝俄恢复共同防御条约 中国反应低调").contains("【").endsWith("1 result, 1-1 shown\n");
        Cli.Run json = run("search", "--json", "普京");
        assertThat(json.code()).isZero();
        assertThat(json.out().lines()).allSatisfy(l -> assertThat(l).startsWith("{\"id\":"));
        assertThat(run("search", "--outlet", "nosuch", "普京").code()).isEqualTo(1);
        assertThat(run("search", "zzqqxxnotthere").out()).isEqualTo("0 results\n");
        Cli.Run bad = run("search", "\"unbalanced");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("newsvault: query: ");
        Cli.Run reindex = run("reindex");
        assertThat(reindex.code()).as(reindex.err()).isZero();
        assertThat(reindex.out()).startsWith("reindex: 5 articles in ");
        assertThat(run("search", "恢復").code()).isZero();
    }

    @Test
    void throughTheDaemonItSearchesTheDaemonsIndexWhichFollowsImports() throws Exception {
        daemon = Daemon.start(fx.settings(), new Daemon.Options(Duration.ofMillis(100), Duration.ofSeconds(9), Duration.ofMillis(50)));
        assertThat(run("import", seeds.toString()).code()).isZero();
        var index = daemon.search().orElseThrow().index();
        await(Duration.ofSeconds(10), () -> index.search(SearchQuery.of("恢复")).total() == 1);
        index.commit(); // what another process sees: the daemon commits every 10 s
        Cli.Run found = run("search", "恢復");
        assertThat(found.code()).as(found.err()).isZero();
        assertThat(found.out()).contains("朝俄恢复共同防御条约");
        Cli.Run reindex = run("reindex");
        assertThat(reindex.code()).isEqualTo(1);
        assertThat(reindex.err()).contains("daemon");
    }
}
