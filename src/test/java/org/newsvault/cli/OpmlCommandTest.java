package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.config.ConfigLoader;
import org.newsvault.config.OutletConfig;

/** {@code newsvault opml import|export} end to end: output lines, exit codes, files written. */
class OpmlCommandTest {
    record Run(int code, String out, String err) {}

    @TempDir
    Path dir;

    static Path resource(String name) {
        return Path.of("src", "test", "resources", "config", name).toAbsolutePath();
    }

    static Run run(Path config, String... args) {
        PrintStream out = System.out, err = System.err;
        var o = new ByteArrayOutputStream();
        var e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "--config";
            all[1] = config.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            return new Run(NewsvaultCommand.execute(all), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    Path config(String yaml) throws Exception {
        Path c = dir.resolve("config").resolve("newsvault.yaml");
        Files.createDirectories(c.getParent());
        Files.writeString(c, "data: " + dir.resolve("data") + "\n" + yaml);
        return c;
    }

    @Test
    void aReadersExportIsImportedBySiteWithOneLinePerSkippedOutline() throws Exception {
        Path c = config("");
        Run r = run(c, "opml", "import", resource("miniflux.opml").toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1); // the javascript: outline was not imported
        assertThat(r.out().lines()).containsExactly(
            "skipped outline 'RFA again': HTTP://WWW.RFA.ORG:80/mandarin/rss2.xml is already in this file (outline 'RFA 自由亚洲电台')",
            "skipped outline 'evil': 'javascript:alert(document.cookie)' is not an http(s) feed URL",
            "imported 7 feeds: 5 new outlets, 0 outlets extended; skipped 0 already configured, 1 repeated in the file, 1 not http(s)");
        assertThat(ConfigLoader.load(c).outlets()).extracting(OutletConfig::id)
            .containsExactlyInAnyOrder("dw", "voachinese-com", "rfa", "ars-technica", "china-digital-times");

        Run again = run(c, "opml", "import", resource("miniflux.opml").toString());
        assertThat(again.out()).contains("skipped 'DW 中文 - 经济' https://rss.dw.com/xml/rss-chi-eco: already a feed of outlet dw\n")
            .contains("imported 0 feeds: 0 new outlets, 0 outlets extended; skipped 7 already configured");
    }

    @Test
    void aCleanFileExitsZeroAndDuplicatesAreNotAnError() throws Exception {
        Path c = config("outlets:\n  - id: voa\n    feeds: [https://www.voachinese.com/api/zm_yql-vomx-tpeybti]\n");
        Path f = dir.resolve("clean.opml");
        Files.writeString(f, """
            <opml version="2.0"><body>
              <outline text="News">
                <outline text="VOA" xmlUrl="HTTP://WWW.VOACHINESE.COM:80/api/zm_yql-vomx-tpeybti" htmlUrl="https://www.voachinese.com"/>
                <outline text="RFA" xmlUrl="https://www.rfa.org/mandarin/rss2.xml" htmlUrl="https://www.rfa.org/mandarin"/>
              </outline>
            </body></opml>
            """);
        Run r = run(c, "opml", "import", f.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("skipped 'VOA' HTTP://WWW.VOACHINESE.COM:80/api/zm_yql-vomx-tpeybti: already a feed of outlet voa\n")
            .contains("imported 1 feeds: 1 new outlets, 0 outlets extended; skipped 1 already configured");
        assertThat(ConfigLoader.load(c).outlet("rfa").orElseThrow().categories()).containsExactly("News");
    }

    @Test
    void groupByFolderAndABadGroupingValue() throws Exception {
        Path c = config("");
        Run r = run(c, "opml", "import", "--group-by", "folder", resource("miniflux.opml").toString());
        assertThat(r.out()).contains("imported 7 feeds: 3 new outlets");
        assertThat(ConfigLoader.load(c).outlets()).extracting(OutletConfig::id)
            .containsExactlyInAnyOrder("dw-com", "tech", "china-digital-times"); // 新闻 has no ASCII slug: its first feed's host
        Run bad = run(c, "opml", "import", "--group-by", "tag", resource("miniflux.opml").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--group-by must be site or folder, not 'tag'");
    }

    @Test
    void exportThenImportIntoAnEmptyConfigGivesBackEveryKey() throws Exception {
        Path c = config("""
            outlets:
              - id: cdt
                name: 中国数字时代
                feeds:
                  - https://chinadigitaltimes.net/chinese/feed/
                  - {url: https://feedx.net/rss/cdt.xml, enabled: false}
                content: "div.post-content"
                remove: [".addtoany_share_save_container", ".su-spoiler", "div[class*='share']"]
                interval: 30m
                format: plain
                proxy: socks5://127.0.0.1:9050
                image-proxy: true
                categories: [中文, Blogs]
              - id: dw
                feeds: [https://rss.dw.com/rdf/rss-chi-all]
            """);
        Path out = dir.resolve("feeds.opml");
        Run exp = run(c, "opml", "export", "--out", out.toString());
        assertThat(exp.code()).isZero();
        assertThat(exp.err()).contains("wrote " + out);

        Path other = dir.resolve("other").resolve("newsvault.yaml");
        Files.createDirectories(other.getParent());
        Files.writeString(other, "# nothing yet\n");
        Run imp = run(other, "opml", "import", out.toString());
        assertThat(imp.code()).as(imp.out() + imp.err()).isZero();
        assertThat(imp.out()).isEqualTo("imported 3 feeds: 2 new outlets, 0 outlets extended; skipped 0 already configured,"
            + " 0 repeated in the file, 0 not http(s)\n");
        for (OutletConfig o : ConfigLoader.load(c).outlets()) {
            assertThat(ConfigLoader.load(other).outlet(o.id()).orElseThrow()).usingRecursiveComparison().ignoringFields("source").isEqualTo(o);
        }
    }

    @Test
    void hostileFilesFailWithTheirReason() throws Exception {
        Path c = config("");
        Run xxe = run(c, "opml", "import", resource("xxe.opml").toString());
        assertThat(xxe.code()).isEqualTo(1);
        assertThat(xxe.err()).startsWith("newsvault: ").contains("xxe.opml: not valid OPML").contains("DOCTYPE");
        Run missing = run(c, "opml", "import", dir.resolve("nosuch.opml").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nosuch.opml").contains("no such file");
        assertThat(dir.resolve("config").resolve("outlets.d")).doesNotExist();
    }

    @Test
    void helpTextsAreWholeSentencesWithExitCodes() {
        for (String[] cmd : new String[][] {{"opml", "import"}, {"opml", "export"}}) {
            Run h = run(Path.of("nosuch.yaml"), cmd[0], cmd[1], "--help");
            assertThat(h.code()).isZero();
            assertThat(h.out()).contains("Exit status: 0 ");
        }
        Run top = run(Path.of("nosuch.yaml"), "opml", "--help");
        // the one-line summaries are whole sentences (picocli wraps them, it does not cut them)
        assertThat(top.out()).containsPattern("import +Add the feeds of an OPML file from another reader \\(Miniflux,\\s+FreshRSS, Feedly, newsboat, \\.\\.\\.\\) to config/outlets\\.d/\\.")
            .containsPattern("export +Write every configured feed as OPML 2\\.0, for other readers and for\\s+`opml import`\\.");
    }
}
