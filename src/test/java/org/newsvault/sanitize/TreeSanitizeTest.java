package org.newsvault.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsvault.model.HtmlTrees;
import org.newsvault.model.WorkBudget;

/**
 * Sanitizing a tree ({@link Sanitizer#clean}) is as safe as sanitizing markup, also for trees that later stages
 * edited into shapes no parse gives: raw script text moved out of its element, links nested in links. (Every vector
 * of {@link HtmlSanitizerTest} also runs on the tree and must give the markup path's output.)
 */
class TreeSanitizeTest {
    private static final URI BASE = URI.create("https://example.com/a/page.html");
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    /** {@code html} parsed once, then sanitized as a tree. */
    static String onTree(Sanitizer s, String html, URI base) {
        WorkBudget budget = WorkBudget.standard();
        return s.clean(HtmlTrees.parseFragment(html, base.toString(), budget).body(), base, budget).html();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"script", "style", "xmp", "iframe", "noembed", "noframes"})
    void rawTextLeftOutsideItsElementStaysText(String tag) {
        String payload = "</p><img src=x onerror=alert(1)><script>alert(2)</script><a href=\"javascript:alert(3)\">x</a>";
        Document doc = HtmlTrees.parseFragment("<p>前<" + tag + ">" + payload + "</" + tag + ">后</p>", "",
            WorkBudget.standard());
        // what an extractor's unwrap would leave: the raw data (a DataNode) directly in the paragraph
        doc.body().selectFirst(tag).unwrap();
        String out = sanitizer.clean(doc.body(), BASE, WorkBudget.standard()).html();
        assertThat(UnsafeMarkup.findings(out)).isEmpty();
        assertThat(out).contains("前", "后", "&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void editedNestingKeepsOnlyWhatTheSafelistAdmits() {
        Document doc = HtmlTrees.parseFragment("<p><a href='https://example.com/x'>外</a></p>", "", WorkBudget.standard());
        Element outer = doc.body().selectFirst("a");
        Element inner = outer.appendElement("a").attr("href", "javascript:alert(1)").attr("onclick", "x()");
        inner.appendElement("p").appendElement("svg").appendElement("script").appendText("alert(2)");
        inner.appendElement("img").attr("src", "data:image/svg+xml,<svg onload=alert(3)>");
        String out = sanitizer.clean(doc.body(), BASE, WorkBudget.standard()).html();
        assertThat(UnsafeMarkup.findings(out)).isEmpty();
        assertThat(out).isEqualTo("<p><a href=\"https://example.com/x\">外<a><p></p></a></a></p>");
    }

    @Test
    void theTreeIsTakenAndTheCleanBodyIsANewDocument() {
        Document doc = HtmlTrees.parseFragment("<p onclick=x()>一</p><p>二</p>", "", WorkBudget.standard());
        Element clean = sanitizer.clean(doc.body(), BASE, WorkBudget.standard());
        assertThat(doc.body().childNodeSize()).isZero();
        assertThat(clean.ownerDocument()).isNotSameAs(doc);
        assertThat(clean.html()).isEqualTo("<p>一</p><p>二</p>");
    }

    @Test
    void imagesAreProxiedOnTheTreeToo() {
        assertThat(onTree(new HtmlSanitizer(true), "<img src='/p.jpg'>", BASE))
            .isEqualTo(new HtmlSanitizer(true).sanitize("<img src='/p.jpg'>", BASE))
            .contains("images.weserv.nl");
    }
}
