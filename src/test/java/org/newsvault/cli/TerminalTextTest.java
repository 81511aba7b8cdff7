package org.newsvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.Variant;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.Reading;
import org.newsvault.store.StatusEvent;

/** Archived titles and bodies cannot drive the terminal that {@code list} and {@code show} print to. */
class TerminalTextTest {
    // ESC [ 2 J clears the screen, ESC ] 0 ; … BEL sets the window title, U+009B is the one-byte CSI,
    // U+202E reverses the text that follows.
    private static final String HOSTILE = "标题\u001b[2J\u001b]0;pwned\u0007 \u009b31m红\u202eabc\u2066 \r\n next\u0000\u007f";

    @Test
    void aLineKeepsTheTextAndDropsEveryControl() {
        assertThat(TerminalText.line(HOSTILE)).isEqualTo("标题[2J]0;pwned 31m红abc next");
        assertThat(TerminalText.line(null)).isEmpty();
    }

    @Test
    void textKeepsNewlinesAndTabs() {
        assertThat(TerminalText.text("a\tb\nc\u001b[0m\u0085d")).isEqualTo("a\tb\nc[0md");
    }

    @Test
    void theBodyIsParagraphsOfTextWithoutMarkupOrControls() {
        String html = "<p>第一段 <b>粗体</b>\n  继续</p><p>第二行<br>换行</p><ul><li>一</li><li>二</li></ul>"
            + "<p>&lt;script&gt;alert(1)&lt;/script&gt; \u001b[31m</p><div><div></div></div><pre>a\n  b</pre>";
        assertThat(TerminalText.body(html)).isEqualTo("第一段 粗体 继续\n\n第二行\n换行\n\n一\n\n二\n\n<script>alert(1)</script> [31m\n\na\nb");
        assertThat(TerminalText.body("")).isEmpty();
        assertThat(TerminalText.body(null)).isEmpty();
    }

    @Test
    void listAndShowPrintHostileTitlesAsPlainText() throws Exception {
        Instant t = Instant.parse("2024-06-20T10:00:00Z");
        String line = ListCommand.line(new Reading.Listed(7, "rfa", HOSTILE, null, t, t, "https://x.example/a", "live",
            "teaser"));
        assertThat(line).isEqualTo("7  2024-06-20 10:00Z  rfa  live         标题[2J]0;pwned 31m红abc next  (teaser)");

        ArticleFile f = new ArticleFile(Variant.PLAIN, null, "NaN", "t", "https://x.example/a",
            "<p>正文\u001b[2J</p><p>\u202e反</p>");
        ArticleRow row = new ArticleRow(7, "rfa", 3L, null, "https://x.example/a", HOSTILE, "作者\u001b]0;x\u0007", null, t,
            "h", f, "rfa/a.md", true, null, "poll", "deleted", ArticleRow.OWN_SITE, ArticleRow.TEASER);
        var detail = new Reading.Detail(row, List.of(new ArticleRepository.Sighting("https://x.example/a\u001b[1m", 3L,
            "self", "h", true, t)), List.of(), List.of(new StatusEvent(7, t, "deleted", 404, null, "HTTP 404\u001b[2J")));
        String shown = ShowCommand.text(detail, "自由亚洲电台");
        assertThat(shown.chars()).noneMatch(c -> c != '\n' && TerminalText.unsafe(c));
        assertThat(shown).contains("title:      标题[2J]0;pwned 31m红abc next\n", "author:     作者]0;x\n",
            "body:       teaser: the article's page could not be fetched, the feed's summary is kept (tried again later)\n",
            "status:     deleted\n", "deleted  HTTP 404[2J; HTTP 404\n")
            .endsWith("\n正文[2J\n\n反\n");

        String json = ShowCommand.json(detail, "自由亚洲电台");
        assertThat(json.chars()).noneMatch(TerminalText::unsafe);
        // escaped, not lost: the document still says exactly what was archived
        assertThat(new ObjectMapper().readTree(json).get("title").asText()).isEqualTo(HOSTILE);
        assertThat(json).contains("\\u001B[2J", "\\u009b31m", "\\u202e");
    }
}
