package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsvault.cli.OpmlCommandTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.config.ConfigLoader;
import org.newsvault.config.FeedConfig;

/** {@code newsvault feeds add|remove|enable|disable}: duplicates found through the config's normalisation; exit codes. */
class FeedsCommandTest {
    @TempDir
    Path dir;

    Path config() throws Exception {
        Path c = dir.resolve("newsvault.yaml");
        Files.writeString(c, "data: " + dir.resolve("data") + "\noutlets:\n  - id: dw\n    feeds: [https://rss.dw.com/rdf/rss-chi-all]\n");
        return c;
    }

    @Test
    void aFeedWrittenDifferentlyIsStillADuplicate() throws Exception {
        Path c = config();
        byte[] before = Files.readAllBytes(c);
        OpmlCommandTest.Run r = run(c, "feeds", "add", "other", "HTTP://RSS.DW.COM:80/rdf/rss-chi-all");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("newsvault: HTTP://RSS.DW.COM:80/rdf/rss-chi-all is already a feed of outlet dw"
            + " (as https://rss.dw.com/rdf/rss-chi-all)\n");
        assertThat(dir.resolve("outlets.d")).doesNotExist();
        assertThat(Files.readAllBytes(c)).isEqualTo(before);
    }

    @Test
    void addDisableEnableRemoveFindTheFeedWrittenDifferently() throws Exception {
        Path c = config();
        assertThat(run(c, "feeds", "add", "cdt", "https://chinadigitaltimes.net/chinese/feed/").code()).isZero();
        OpmlCommandTest.Run off = run(c, "feeds", "disable", "cdt", "http://CHINADIGITALTIMES.net/chinese/feed/");
        assertThat(off.code()).isZero();
        assertThat(off.out()).isEqualTo("https://chinadigitaltimes.net/chinese/feed/ of cdt is now disabled\n");
        assertThat(ConfigLoader.load(c).outlet("cdt").orElseThrow().feeds())
            .containsExactly(new FeedConfig("https://chinadigitaltimes.net/chinese/feed/", false));
        assertThat(run(c, "feeds", "enable", "cdt", "https://chinadigitaltimes.net:443/chinese/feed/").code()).isZero();
        OpmlCommandTest.Run gone = run(c, "feeds", "remove", "cdt", "HTTPS://chinadigitaltimes.net/chinese/feed");
        assertThat(gone.code()).as(gone.err()).isZero();
        assertThat(ConfigLoader.load(c).outlet("cdt")).isEmpty();
        OpmlCommandTest.Run none = run(c, "feeds", "remove", "dw", "https://rss.dw.com/other");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("newsvault: outlet dw has no feed https://rss.dw.com/other\n");
    }

    @Test
    void categoriesOfANewOutletAreWrittenAndExportedAsItsFolder() throws Exception {
        Path c = config();
        OpmlCommandTest.Run r = run(c, "feeds", "add", "hrw", "https://www.hrw.org/zh-hans/rss", "--name", "人权观察",
            "--category", "人权", "--category", "NGO");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ConfigLoader.load(c).outlet("hrw").orElseThrow().categories()).containsExactly("人权", "NGO");
        assertThat(run(c, "opml", "export").out())
            .containsPattern("<outline text=\"人权\" title=\"人权\">\\s+<outline type=\"rss\" text=\"人权观察\"[^>]* nv:outlet=\"hrw\"");
        OpmlCommandTest.Run main = run(c, "feeds", "add", "dw", "https://rss.dw.com/xml/rss-chi-eco", "--category", "X");
        assertThat(main.code()).isEqualTo(2);
        assertThat(main.err()).contains("set its name, content, interval and categories there");
    }

    @Test
    void everyFeedsCommandStatesItsExitCodes() {
        for (String sub : new String[] {"list", "add", "remove", "enable", "disable"}) {
            OpmlCommandTest.Run h = run(Path.of("nosuch.yaml"), "feeds", sub, "--help");
            assertThat(h.code()).isZero();
            assertThat(h.out()).as(sub).contains("Exit status: 0 ");
        }
    }
}
