package org.newsvault.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ImageLinksTest {
    static final Map<String, String> LOCAL = Map.of(
        "https://cdn.example/a.jpg", "/images/aaa",
        "https://cdn.example/big.jpg", "/images/bbb",
        "https://cdn.example/poster.png", "/images/ccc");

    static String rewrite(String html) {
        return ImageLinks.rewrite(html, URI.create("https://news.example/2024/story.html"), LOCAL::get);
    }

    @Test
    void aStoredImagePointsAtItsCopyAndLosesItsSrcset() {
        String out = rewrite("<p>x</p><img src=\"https://cdn.example/a.jpg\" srcset=\"https://cdn.example/a2.jpg 2x\" sizes=\"50vw\" alt=\"图\">");
        Element img = Jsoup.parseBodyFragment(out).selectFirst("img");
        assertThat(img.attr("src")).isEqualTo("/images/aaa");
        assertThat(img.hasAttr("srcset")).isFalse();
        assertThat(img.hasAttr("sizes")).isFalse();
        assertThat(img.attr("alt")).isEqualTo("图");
    }

    @Test
    void anImageNotStoredKeepsItsRemoteUrlAndTheBodyIsUntouched() {
        String html = "<p>a &amp; b</p><img src=\"https://cdn.example/other.jpg\" srcset=\"https://cdn.example/o2.jpg 2x\">";
        assertThat(rewrite(html)).isSameAs(html);
    }

    @Test
    void theWidestSrcsetCandidateOrAPictureSourceCounts() {
        String out = rewrite("<img src=\"https://cdn.example/small.jpg\" srcset=\"https://cdn.example/small.jpg 300w,"
            + " https://cdn.example/big.jpg 1200w\">"
            + "<picture><source srcset=\"https://cdn.example/a.jpg\" type=\"image/webp\"><img src=\"https://cdn.example/x.jpg\"></picture>");
        var doc = Jsoup.parseBodyFragment(out);
        assertThat(doc.select("img").eachAttr("src")).containsExactly("/images/bbb", "/images/aaa");
        assertThat(doc.select("source")).isEmpty();
        assertThat(doc.select("[srcset]")).isEmpty();
    }

    @Test
    void relativeUrlsResolveAgainstTheArticleAndPostersAreRewritten() {
        String out = ImageLinks.rewrite("<img src=\"../a.jpg\"><video poster=\"/poster.png\" src=\"https://cdn.example/v.mp4\"></video>",
            URI.create("https://cdn.example/x/story.html"), LOCAL::get);
        var doc = Jsoup.parseBodyFragment(out);
        assertThat(doc.selectFirst("img").attr("src")).isEqualTo("/images/aaa");
        assertThat(doc.selectFirst("video").attr("poster")).isEqualTo("/images/ccc");
        assertThat(doc.selectFirst("video").attr("src")).isEqualTo("https://cdn.example/v.mp4");
    }

    @Test
    void hostileMarkupStaysInertText() {
        // the rewrite sets attribute values through the tree: a quote in a stored URL cannot open an attribute
        String out = ImageLinks.rewrite("<img src=\"https://cdn.example/a.jpg\"><p>&lt;script&gt;</p>", null,
            u -> "/images/\"><script>x</script>");
        var doc = Jsoup.parseBodyFragment(out);
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("img")).hasSize(1);
        assertThat(doc.select("p").text()).isEqualTo("<script>");
    }

    @Test
    void srcsetCandidatesAreParsedLikeABrowser() {
        assertThat(ImageLinks.srcset("a.jpg 1x, b.jpg 2x")).containsExactly("a.jpg", "b.jpg");
        assertThat(ImageLinks.srcset("https://x.example/i.jpg?w=1,2 300w,https://x.example/j.jpg 600w"))
            .containsExactly("https://x.example/i.jpg?w=1,2", "https://x.example/j.jpg");
        assertThat(ImageLinks.srcset("a.jpg,b.jpg")).containsExactly("a.jpg,b.jpg");
        assertThat(ImageLinks.srcset("a.jpg, b.jpg")).containsExactly("a.jpg", "b.jpg");
        assertThat(ImageLinks.srcset("")).isEmpty();
        assertThat(ImageLinks.srcset(" , ,")).isEmpty();
    }

    @Test
    void everyUrlImageRefsListsIsFoundAgainEvenBehindTheImageProxy() {
        String body = "<img src=\"https://images.weserv.nl/?url=cdn.example/p%20q/a.jpg%3Fw%3D1%26h%3D2\">"
            + "<img src=\"/rel/b.png#frag\"><img srcset=\"https://cdn.example/s1.jpg 1x, https://cdn.example/s2.jpg 2x\">"
            + "<video poster=\"https://cdn.example/p.gif\"></video>";
        URI base = URI.create("https://news.example/2024/story.html");
        var refs = org.newsvault.images.ImageRefs.of(body, base, null);
        assertThat(refs).hasSize(4);
        Map<String, String> local = new java.util.HashMap<>();
        for (var r : refs) local.put(r.url(), "/images/" + r.position());
        var doc = Jsoup.parseBodyFragment(ImageLinks.rewrite(body, base, local::get));
        assertThat(doc.select("img").eachAttr("src")).containsExactly("/images/0", "/images/1", "/images/2");
        assertThat(doc.selectFirst("video").attr("poster")).isEqualTo("/images/3");
    }
}
