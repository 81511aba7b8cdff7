package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newsvault list} and {@code show} on an archive imported from the seeds, as a user runs them. */
class ReadCommandsTest {
    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void importSeeds() throws Exception {
        config = dir.resolve("newsvault.yaml");
        Files.writeString(config, "data: " + dir.resolve("data") + "\narchive: " + dir.resolve("archive") + "\n");
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        for (String s : ImportExportCommandTest.SEEDS) {
            try (InputStream in = getClass().getResourceAsStream("/export/seeds/" + s)) {
                Files.write(seeds.resolve(s), in.readAllBytes());
            }
        }
        assertThat(run("import", seeds.toString()).code()).isZero();
    }

    record Run(int code, String out, String err) {}

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = NewsvaultCommand.execute(Stream.concat(Stream.of("--config", config.toString()), Stream.of(args))
                .toArray(String[]::new));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static final String RFA = "https://www.rfa.org/mandarin/yataibaodao/junshiwaijiao/jw-06212024135243.html";

    @Test
    void listShowsEveryArticleNewestFirstOneLineEach() {
        Run r = run("list");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).hasSize(5);
        assertThat(r.out().lines().findFirst().orElseThrow())
            .isEqualTo("1  2024-06-23 01:46Z  rfa  live         朝俄恢复共同防御条约 中国反应低调");
        assertThat(r.out().lines().map(l -> l.split("  ")[1])).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(run("list", "--outlet", "rfa").out().lines()).hasSize(2).allMatch(l -> l.contains("  rfa  "));
        assertThat(run("list", "--limit", "2").out().lines()).hasSize(2);
        assertThat(run("list", "--status", "LIVE").out().lines()).hasSize(5);
    }

    @Test
    void sinceAndUntilTakeDaysInUtcWithTheUntilDayIncluded() {
        Run r = run("list", "--since", "2024-06-20", "--until", "2024-06-21");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).extracting(l -> l.split("  ")[0]).containsExactly("3", "2", "5");
        assertThat(run("list", "--since", "2024-06-21T01:37:00Z").out().lines()).extracting(l -> l.split("  ")[0])
            .containsExactly("1", "3");
        assertThat(run("list", "--until", "2024-06-20T11:30:00Z").out().lines()).extracting(l -> l.split("  ")[0])
            .containsExactly("4");
    }

    @Test
    void listJsonIsOneObjectPerLine() throws Exception {
        Run r = run("list", "--json", "--outlet", "rfa");
        assertThat(r.code()).isZero();
        ObjectMapper m = new ObjectMapper();
        var lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = m.readTree(lines.get(0));
        assertThat(first.get("id").asLong()).isEqualTo(1);
        assertThat(first.get("outlet").asText()).isEqualTo("rfa");
        assertThat(first.get("title").asText()).isEqualTo("朝俄恢复共同防御条约 中国反应低调");
        assertThat(first.get("url").asText()).isEqualTo(RFA);
        assertThat(first.get("date").asText()).isEqualTo("2024-06-23T01:46:36.914Z");
        assertThat(first.get("status").asText()).isEqualTo("live");
        assertThat(first.get("body").asText()).isEqualTo("full");
    }

    @Test
    void nothingMatchingIsExitOneAndBadOptionsExitTwo() {
        Run none = run("list", "--status", "deleted");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).isEqualTo("no archived article matches --status deleted\n");
        Run outlet = run("list", "--outlet", "bbc");
        assertThat(outlet.code()).isEqualTo(1);
        assertThat(outlet.err()).isEqualTo("no outlet 'bbc' in the archive (outlets: cdt, dw, nytimes, rfa)\n");

        Run status = run("list", "--status", "gone");
        assertThat(status.code()).isEqualTo(2);
        assertThat(status.err()).isEqualTo("newsvault: --status must be one of live, edited, deleted, unreachable, not 'gone'\n");
        Run since = run("list", "--since", "yesterday");
        assertThat(since.code()).isEqualTo(2);
        assertThat(since.err()).contains("--since: not a date (2024-06-20) or an instant");
        assertThat(run("list", "--limit", "0").code()).isEqualTo(2);
        assertThat(run("list", "--limit", "many").code()).isEqualTo(2);
        assertThat(run("show").code()).isEqualTo(2);
    }

    @Test
    void showPrintsTheMetadataThenTheBodyAsText() {
        Run r = run("show", "1");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("title:      朝俄恢复共同防御条约 中国反应低调\n"
            + "author:     自由亚洲电台\n"
            + "outlet:     rfa (自由亚洲电台)\n"
            + "published:  none recorded (the item gave no date)\n"
            + "fetched:    2024-06-23 01:46Z\n"
            + "url:        " + RFA + "\n"
            + "seen under: " + RFA + "  (");
        assertThat(r.out()).contains("\nstatus:     live\n", "\nbody:       full text\n",
            "\nversions:   1, as archived 2024-06-23 01:46Z (never changed)\n", "\nfile:       rfa/000_016469c714a2c238.txt\n");
        String body = r.out().substring(r.out().indexOf("\n\n") + 2);
        assertThat(body).startsWith("2024年6月19日，俄罗斯总统普京与朝鲜领导人金正恩在平壤举行的签字仪式上合影。\n\n")
            .contains("\n\n记者：经纬 责编：李亚千 网编：瑞哲\n")
            .doesNotContain("<", "&lt;", "&amp;");
        // a <br> inside a paragraph is a line break, not a new paragraph
        assertThat(body).contains("【普京访问平壤 金正恩热情接待】\n【俄朝深化关系 联手对抗西方】\n");
    }

    @Test
    void showFindsTheArticleByAnotherFormOfItsUrl() {
        String other = RFA.replace("https://www.rfa.org", "http://WWW.RFA.ORG") + "?utm_source=twitter#comments";
        Run r = run("show", other);
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("title:      朝俄恢复共同防御条约 中国反应低调\n");
        Run missing = run("show", "https://www.rfa.org/mandarin/not-archived.html");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("no archived article 'https://www.rfa.org/mandarin/not-archived.html'\n");
        assertThat(run("show", "999").code()).isEqualTo(1);
        assertThat(run("show", "not a url").code()).isEqualTo(1);
    }

    @Test
    void showJsonHasEveryFieldAndTheText() throws Exception {
        Run r = run("show", "--json", "2");
        assertThat(r.code()).isZero();
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.get("id").asLong()).isEqualTo(2);
        assertThat(o.get("outlet").asText()).isEqualTo("dw");
        assertThat(o.get("title").asText()).isEqualTo("俄罗斯朝鲜防务互助意味着什么？");
        assertThat(o.get("seenUnder")).hasSize(1);
        assertThat(o.get("seenUnder").get(0).get("url").asText()).isEqualTo(o.get("url").asText());
        assertThat(o.get("versions")).hasSize(1);
        assertThat(o.get("body").asText()).isEqualTo("full");
        assertThat(o.get("text").asText()).startsWith("2024-06-20T12:11:16.362Z\n\n金正恩在平壤隆重接待到访的普京\n\n（德国之声中文网）普京于6月19日");
        assertThat(o.get("html").asText()).contains("<p>");
    }
}
