package org.newsvault.render;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile titles (and title-line URLs) through real Markdown renderers: kramdown, as {@code jekyll build} runs
 * it (its GFM input, Jekyll's default, when {@code kramdown-parser-gfm} is installed, and plain kramdown), and
 * CommonMark with GitHub's extensions (commonmark-java), as GitHub and jekyll-commonmark would show it. The
 * article files, the list pages and the title lines of a Jekyll export are rendered and the HTML is parsed:
 * only {@code p}/{@code a}/{@code div} elements, no {@code on*} attribute, no link but the article's http(s)
 * URL (or the list page's {@code /articles/} path), and the title's text as the visible text.
 *
 * <p>Needs Ruby with kramdown ({@code apt-get install ruby-kramdown ruby-kramdown-parser-gfm}, or
 * {@code gem install kramdown kramdown-parser-gfm}); without it only CommonMark runs, unless
 * {@code NEWSVAULT_REQUIRE_KRAMDOWN} is set (environment or system property), as CI does: then it fails.
 */
class TitleXssTest {
    private static final Instant FETCHED = Instant.parse("2024-06-23T01:46:36.914Z");
    private static final String URL = "https://news.example/2024/06/story.html";

    /** Reads a JSON array of Markdown documents on stdin, prints a JSON array of {kramdown, gfm} HTML. */
    private static final String RUBY = """
        require 'json'
        require 'kramdown'
        gfm = begin; require 'kramdown-parser-gfm'; true; rescue LoadError; false; end
        docs = JSON.parse($stdin.read)
        out = docs.map do |d|
          { 'kramdown' => Kramdown::Document.new(d).to_html,
            'gfm' => gfm ? Kramdown::Document.new(d, input: 'GFM', hard_wrap: false).to_html : nil }
        end
        $stdout.write(JSON.generate(out))
        """;

    static final List<String> VECTORS = List.of(
        // the four from the issue
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "![x](x){: onerror=\"alert(1)\"}",
        "Read](javascript:alert(1))",
        // HTML that kramdown passes through
        "<img src=\"x\" onerror=\"alert(1)\">",
        "<svg onload=\"alert(1)\">",
        "<svg/onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=javascript:alert(1)>click</a>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<<script>>alert(1)<</script>>",
        // Markdown links, images, references, autolinks
        "[x](javascript:alert(1))",
        "![img](https://evil.example/x.png)",
        "[x]: javascript:alert(1)",
        "[a][x]\n\n[x]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "<https://evil.example/>",
        "<mailto:a@evil.example>",
        "write to a@evil.example, www.evil.example or https://evil.example/x",
        "x\\](javascript:alert(1))",
        "[^1] and *[HTML]: x",
        "^footnote](https://evil.example/)",
        "]: javascript:alert(1)",
        "x]: https://evil.example/ \"t\"",
        // entities, once and twice escaped
        "&lt;img src=x onerror=alert(1)&gt;",
        "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
        "&#x6a;avascript:alert(1)",
        "[x](&#x6a;avascript:alert(1))",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        // kramdown extensions, attribute lists, math, tables
        "{::nomarkdown}<script>alert(1)</script>{:/}",
        "{::options parse_block_html=\"true\" /}<div onclick=\"alert(1)\">x</div>",
        "*x*{: .x onclick=\"alert(1)\"}",
        "x{: onclick=\"alert(1)\"}",
        "{:/}",
        "{::comment}hidden{:/comment}",
        "$$<script>alert(1)</script>$$",
        "a | b | c",
        // code spans, emphasis, comments, CDATA
        "`<script>alert(1)</script>`",
        "``code`` and `x`",
        "*em* _em_ **b** __b__ ~~del~~ ~x~",
        "<!--",
        "<!-- x --><script>alert(1)</script>",
        "]]><script>alert(1)</script>",
        "<![CDATA[<script>alert(1)</script>]]>",
        // escapes that try to undo ours
        "\\<script>alert(1)\\</script>",
        "\\\\<img src=\"x\" onerror=\"alert(1)\">",
        "x\\",
        // line breaks, bidi, length
        "a\n\n<script>alert(1)</script>",
        "a\r\n[x]: javascript:alert(1)\r\n",
        "a\r<img src=\"x\" onerror=\"alert(1)\">",
        "a\u2028<img src=\"x\" onerror=\"alert(1)\">",
        "\u202Egpj.exe <b>x</b>",
        "\u2066<i>iso</i>\u2069",
        "<img src=\"x\" onerror=\"alert(1)\">".repeat(100) + "中文".repeat(2500),
        // block markers that only count at the start of a line
        "# heading > quote - item + item 1. item : def === ---",
        // ordinary titles, whose text must survive too
        "朝俄恢复共同防御条约 中国反应低调",
        "古老板的老巢｜俄罗斯与朝鲜结盟，东北亚局势巨变",
        "中国“两会”：「人大」《报告》？！ AT&T Q&A (图) 5% 'x' \"y\"");

    /** Title-line URLs a hostile feed or older archive might hold. */
    static final List<String> URLS = List.of(
        "https://a.example/x)(javascript:alert(1)",
        "https://a.example/x\" onmouseover=\"alert(1)",
        "https://a.example/x' title='y",
        "https://a.example/<script>alert(1)</script>",
        "https://a.example/a b \"t\"",
        "https://a.example/?q=`<img src=x onerror=alert(1)>`",
        "https://a.example/\\)\"x",
        "https://a.example/x){: onclick=\"alert(1)\"}");

    /** Ruby's YAML (Psych, what Jekyll loads front matter with) safe_load of each document, as JSON. */
    private static final String PSYCH = """
        require 'json'
        require 'yaml'
        require 'date'
        docs = JSON.parse($stdin.read)
        out = docs.map do |d|
          begin
            v = YAML.safe_load(d, permitted_classes: [Date, Time])
            v.is_a?(Hash) ? v.transform_values { |x| x.is_a?(Time) || x.is_a?(Date) ? 'TIME:' + x.to_s : x } : { 'error' => v.inspect }
          rescue StandardError, Psych::Exception => e
            { 'error' => e.class.to_s + ': ' + e.message }
          end
        end
        $stdout.write(JSON.generate(out))
        """;

    /** CommonMark with GitHub's extensions (tables, strikethrough, bare-URL autolinks); raw HTML and any URL pass, as in kramdown. */
    private static final List<Extension> GFM_EXTENSIONS =
        List.of(TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create());
    private static final Parser COMMONMARK_PARSER = Parser.builder().extensions(GFM_EXTENSIONS).build();
    private static final HtmlRenderer COMMONMARK = HtmlRenderer.builder().extensions(GFM_EXTENSIONS).build();

    private static boolean gfm;

    /** Set when Ruby with kramdown answered; CommonMark runs in any case. */
    private static boolean kramdown;

    /**
     * kramdown is what Jekyll renders with, so CI requires it ({@code NEWSVAULT_REQUIRE_KRAMDOWN=1} in .ci/run, which
     * installs it); a plain {@code mvn test} on a machine without Ruby still runs every case through CommonMark
     * and skips only the Ruby-only checks, saying so.
     */
    @BeforeAll
    static void probeKramdown() {
        String require = System.getenv("NEWSVAULT_REQUIRE_KRAMDOWN");
        if (require == null) require = System.getProperty("NEWSVAULT_REQUIRE_KRAMDOWN");
        String problem = probe();
        kramdown = problem == null;
        if (problem != null && require != null) {
            fail("TitleXssTest renders titles with kramdown, which is not available: " + problem
                + ". Install it (Debian/Ubuntu: apt-get install ruby-kramdown ruby-kramdown-parser-gfm;"
                + " elsewhere: gem install kramdown kramdown-parser-gfm).");
        }
        if (problem != null) {
            System.err.println("TitleXssTest: kramdown not available (" + problem + "): CommonMark only;"
                + " apt-get install ruby-kramdown ruby-kramdown-parser-gfm for the Jekyll renderer");
        }
    }

    private static void needsRuby() {
        Assumptions.assumeTrue(kramdown, "Ruby with kramdown is not installed");
    }

    private static String probe() {
        try {
            JsonNode out = render(List.of("*x*"));
            if (!out.get(0).get("kramdown").asText().contains("<em>x</em>")) return "kramdown gave " + out;
            gfm = !out.get(0).get("gfm").isNull();
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    @Test
    void newArticleFilesRenderTitlesAsText() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (String v : VECTORS) {
            for (Variant variant : Variant.values()) {
                ArticleFile f = ArticleFiles.create(variant, v, URL, "作者", "站点", null, FETCHED, "<p>正文</p>");
                cases.add(Case.article(variant + " " + v, markdownOf(f), TextRules.cleanLine(v), f.url()));
            }
        }
        assertAllSafe(cases);
    }

    @Test
    void hostileUrlsStayOneHttpLink() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (String u : URLS) {
            ArticleFile f = ArticleFiles.create(Variant.JEKYLL, "标题", u, "作者", "站点", null, FETCHED, "<p>正文</p>");
            assertThat(f.url()).startsWith("https://a.example/");
            cases.add(Case.article(u, markdownOf(f), "标题", f.url()));
        }
        assertAllSafe(cases);
    }

    @Test
    void listPagesRenderOursAndOlderArchivesTitlesAsText() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (String v : VECTORS) {
            String ours = ArticleFiles.create(Variant.PLAIN, v, URL, null, null, null, FETCHED, "b").title();
            // the raw text stands for an older archive's title line; it cannot hold a line break
            String raw = TextRules.oneLine(v);
            for (String title : List.of(ours, raw)) {
                var items = List.of(new ArchivePaths.ListItem(FETCHED, title, "dw", "2024-06-23-0123456789.md"),
                    new ArchivePaths.ListItem(FETCHED.minusSeconds(86400), "普通标题", "dw", "x y(1)\"<b>.md"));
                String expected = MarkdownText.unescapeLinkText(MarkdownText.safeLinkText(title));
                cases.add(Case.list(v, ArchivePaths.listPage("德国之声 <b>x</b>", items), expected));
            }
        }
        assertAllSafe(cases);
    }

    @Test
    void jekyllExportTitleLinesOfOlderArchivesRenderAsText() throws Exception {
        List<Case> cases = new ArrayList<>();
        List<String> urls = new ArrayList<>(URLS);
        urls.addAll(List.of("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>alert(1)</script>",
            "//evil.example/", " javascript:alert(1)", "vbscript:msgbox(1)"));
        for (String v : VECTORS) {
            ArticleFile raw = new ArticleFile(Variant.JEKYLL, "layout: post", "NaN", TextRules.oneLine(v), URL, "<div>\n<p>b</p>\n</div>");
            ArticleFile safe = ArticleFiles.withSafeTitleLine(raw);
            cases.add(Case.article("export " + v, markdownOf(safe), MarkdownText.unescapeLinkText(safe.title()), URL));
        }
        for (String u : urls) {
            ArticleFile raw = new ArticleFile(Variant.PLAIN, null, "NaN", "标题", u.strip(), "<p>b</p>");
            ArticleFile safe = ArticleFiles.withSafeTitleLine(raw);
            String href = safe.url();
            assertThat(href.equals("#") || href.startsWith("https://a.example/")).as(u + " -> " + href).isTrue();
            cases.add(Case.article("export url " + u, markdownOf(safe), "标题", href));
        }
        assertAllSafe(cases);
    }

    /** Jekyll reads front matter with Ruby's YAML: every hostile title, author and site must come back as itself. */
    @Test
    void jekyllsYamlLoaderReadsEveryFrontMatterBack() throws Exception {
        needsRuby();
        List<String> values = new ArrayList<>(FrontMatterSafetyTest.hostileValues());
        values.addAll(FrontMatterSafetyTest.ordinaryAuthors());
        values.addAll(VECTORS);
        List<ArticleFile> files = new ArrayList<>();
        for (String v : values) {
            String site = TextRules.cleanLine(v).isEmpty() ? "x" + v : v;
            files.add(ArticleFiles.create(Variant.JEKYLL, v, URL, v, site, null, FETCHED, "b"));
        }
        JsonNode out = ruby(PSYCH, files.stream().map(ArticleFile::frontMatter).toList());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            JsonNode m = out.get(i);
            String v = TextRules.cleanLine(values.get(i));
            String site = v.isEmpty() ? TextRules.cleanLine("x" + values.get(i)) : v;
            String author = v.isEmpty() ? site : v;
            boolean ok = !m.has("error") && m.path("title").isTextual() && m.path("title").asText().equals(v)
                && m.path("author").isTextual() && m.path("author").asText().equals(author)
                && m.path("from").asText().equals(URL) && m.path("tags").size() == 1
                && m.path("tags").get(0).isTextual() && m.path("tags").get(0).asText().equals(site)
                && m.path("categories").get(0).asText().equals(site) && m.path("comments").asBoolean()
                && m.path("date").asText().startsWith("TIME:2024-06-23");
            if (!ok) failures.add(abbreviate(files.get(i).frontMatter()) + " -> " + abbreviate(m.toString()));
        }
        assertThat(failures).as("%d front matters", files.size()).isEmpty();
        // not vacuous: written unquoted, as FORMAT.md alone would, these are not strings
        JsonNode raw = ruby(PSYCH, List.of("author: yes", "author: 2024-06-20", "author: [\"id\"]", "author: !ruby/object:Object {}"));
        assertThat(raw.get(0).path("author").isBoolean()).isTrue();
        assertThat(raw.get(1).path("author").asText()).startsWith("TIME:");
        assertThat(raw.get(2).path("author").isArray()).isTrue();
        assertThat(raw.get(3).has("error")).isTrue();
    }

    /** The checker is not vacuous: the title lines as they were written before, with raw titles, fail it. */
    @Test
    void rawTitleLinesWouldFailTheCheck() throws Exception {
        needsRuby();
        List<String> unsafe = List.of("<img src=\"x\" onerror=\"alert(1)\">", "<script>alert(1)</script>",
            "![x](x){: onerror=\"alert(1)\"}", "Read](javascript:alert(1))", "x](javascript:alert(1)) [y",
            "{::nomarkdown}<script>alert(1)</script>{:/}", "<svg onload=\"alert(1)\">", "&lt;script&gt;",
            "]: javascript:alert(1)", "^x", "*em*");
        List<String> docs = new ArrayList<>();
        for (String v : unsafe) docs.add("<!--NaN-->\n[" + v + "](" + URL + ")\n------\n\n<p>正文</p>\n");
        // on a list page a | makes the entry a table row
        docs.add("S\n------\n\n6-23 [a | b](/articles/dw/2024-06-23-0123456789.md)\n\n6-22 [c](/articles/dw/x.md)\n\n");
        JsonNode out = render(docs);
        assertThat(problems(Case.list("a | b", docs.get(docs.size() - 1), "a | b"), out.get(docs.size() - 1).get("kramdown").asText()))
            .isNotEmpty();
        for (int i = 0; i < unsafe.size(); i++) {
            String html = out.get(i).get("kramdown").asText();
            assertThat(problems(Case.article(unsafe.get(i), docs.get(i), unsafe.get(i), URL), html))
                .as("raw %s rendered as %s", unsafe.get(i), html).isNotEmpty();
        }
    }

    // --- machinery ---------------------------------------------------------------------------------------

    private record Case(String name, String markdown, String text, String href, boolean list) {
        static Case article(String name, String markdown, String text, String href) {
            return new Case(name, markdown, text, href, false);
        }

        static Case list(String name, String markdown, String text) {
            return new Case(name, markdown, text, "/articles/dw/2024-06-23-0123456789.md", true);
        }
    }

    /** What Jekyll renders of an article file: everything after the front matter. */
    private static String markdownOf(ArticleFile f) {
        String file = new String(ArticleWriter.render(f), UTF_8);
        if (f.variant() == Variant.PLAIN) return file;
        return file.substring(file.indexOf("\n---\n") + "\n---\n".length());
    }

    private static void assertAllSafe(List<Case> cases) throws IOException {
        JsonNode out = kramdown ? render(cases.stream().map(Case::markdown).toList()) : null;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            List<String[]> htmls = new ArrayList<>();
            if (kramdown) htmls.add(new String[] {"kramdown", out.get(i).get("kramdown").asText()});
            if (kramdown && gfm) htmls.add(new String[] {"kramdown-gfm", out.get(i).get("gfm").asText()});
            htmls.add(new String[] {"commonmark-gfm", COMMONMARK.render(COMMONMARK_PARSER.parse(cases.get(i).markdown()))});
            for (String[] h : htmls) {
                for (String p : problems(cases.get(i), h[1])) {
                    failures.add(h[0] + " | " + abbreviate(cases.get(i).name()) + " | " + p + " | " + abbreviate(h[1]));
                }
            }
        }
        assertThat(failures).as("%d cases", cases.size()).isEmpty();
    }

    /** The title line can be a setext heading (kramdown's auto id on it is harmless), the body a div and paragraphs. */
    private static final Set<String> ALLOWED = Set.of("p", "a", "div", "h2");

    private static List<String> problems(Case c, String html) {
        List<String> problems = new ArrayList<>();
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element e : doc.body().getAllElements()) {
            if (e == doc.body()) continue;
            if (!ALLOWED.contains(e.normalName())) problems.add("element <" + e.normalName() + ">");
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                if (key.startsWith("on")) problems.add("attribute " + key);
                boolean expected = e.normalName().equals("a") && key.equals("href") || e.normalName().equals("h2") && key.equals("id");
                if (!expected) problems.add("attribute " + key + " on <" + e.normalName() + ">");
            }
        }
        List<Element> links = doc.select("a");
        String expectedHref = c.href();
        for (Element a : links) {
            String href = a.attr("href");
            boolean ok = href.startsWith("https://") || href.startsWith("http://") || href.startsWith("/articles/") || href.equals("#");
            if (!ok) problems.add("href " + href);
        }
        int expectedLinks = c.list() ? 2 : 1;
        if (links.size() != expectedLinks) {
            problems.add(links.size() + " links, expected " + expectedLinks);
        } else {
            Element title = links.get(0);
            if (!title.attr("href").equals(expectedHref)) problems.add("title links to " + title.attr("href") + ", not " + expectedHref);
            if (!typographic(title.text()).equals(typographic(c.text()))) {
                problems.add("title text '" + abbreviate(title.text()) + "' is not '" + abbreviate(c.text()) + "'");
            }
        }
        return problems;
    }

    /** kramdown's typography (smart quotes, dashes, ellipsis) undone, whitespace collapsed, as jsoup's text() does. */
    private static String typographic(String s) {
        return s.replace('“', '"').replace('”', '"').replace('‘', '\'').replace('’', '\'')
            .replace("—", "---").replace("–", "--").replace("…", "...").replace("«", "<<").replace("»", ">>")
            .replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }

    private static JsonNode render(List<String> docs) throws IOException {
        return ruby(RUBY, docs);
    }

    private static JsonNode ruby(String script, List<String> docs) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Process p;
        try {
            p = new ProcessBuilder("ruby", "-e", script).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new IOException("cannot run ruby: " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(json.writeValueAsBytes(docs));
        }
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ruby/kramdown did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("ruby/kramdown exited " + p.exitValue() + ": " + new String(stderr.join(), UTF_8).strip());
            }
            return json.readTree(stdout.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String abbreviate(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() <= 300 ? one : one.substring(0, 300) + "…";
    }
}
