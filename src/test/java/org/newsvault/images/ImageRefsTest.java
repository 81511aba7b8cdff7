package org.newsvault.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.newsvault.model.ImageRole;
import org.newsvault.sanitize.HtmlSanitizer;

class ImageRefsTest {
    static final URI BASE = URI.create("https://news.example/2024/06/story.html");

    @Test
    void listsBodyImagesPostersAndTheLeadImageOnceEachInOrder() {
        String body = "<p>x</p><figure><img src=\"https://cdn.example/a.jpg\"><figcaption>c</figcaption></figure>"
            + "<img srcset=\"https://cdn.example/b-320.jpg 320w, https://cdn.example/b-1280.jpg 1280w, https://cdn.example/b-640.jpg 640w\">"
            + "<picture><source srcset=\"https://cdn.example/c.webp 1x, https://cdn.example/c@2x.webp 2x\"><img alt=\"c\"></picture>"
            + "<video poster=\"https://cdn.example/v.png\" src=\"https://cdn.example/v.mp4\"></video>"
            + "<img src=\"/relative.gif\"><img src=\"data:image/png;base64,iVBORw0KGgo=\"><img src=\"ftp://x.example/y.png\">"
            + "<img src=\"https://cdn.example/a.jpg#again\">";
        var refs = ImageRefs.of(body, BASE, "https://cdn.example/lead.jpg");
        assertThat(refs).extracting(ImageRef::url, ImageRef::role, ImageRef::position).containsExactly(
            tuple("https://cdn.example/a.jpg", ImageRole.BODY, 0),
            tuple("https://cdn.example/b-1280.jpg", ImageRole.BODY, 1),
            tuple("https://cdn.example/c@2x.webp", ImageRole.BODY, 2),
            tuple("https://cdn.example/v.png", ImageRole.POSTER, 3),
            tuple("https://news.example/relative.gif", ImageRole.BODY, 4),
            tuple("https://cdn.example/lead.jpg", ImageRole.LEAD, 5));
        // A lead image the body shows already is a body image.
        assertThat(ImageRefs.of(body, BASE, "https://cdn.example/a.jpg")).hasSize(5)
            .allMatch(r -> r.role() != ImageRole.LEAD);
        assertThat(ImageRefs.of("", BASE, null)).isEmpty();
        assertThat(ImageRefs.of(null, BASE, "javascript:alert(1)")).isEmpty();
    }

    @Test
    void undoesTheImageProxyAsTheSanitizerWritesIt() {
        String original = "https://cdn.example/photos/a b+c&d%20e.jpg?w=800&h=600&sig=x%2By";
        String proxied = new HtmlSanitizer(true).sanitize("<p>t</p><img src=\"" + original.replace("&", "&amp;")
            + "\">", BASE);
        String src = org.jsoup.Jsoup.parse(proxied).selectFirst("img").attr("src");
        assertThat(src).startsWith(ImageRefs.PROXY_PREFIX);
        String plain = org.jsoup.Jsoup.parse(new HtmlSanitizer(false).sanitize("<p>t</p><img src=\"" + original
            .replace("&", "&amp;") + "\">", BASE)).selectFirst("img").attr("src");
        assertThat(ImageRefs.originalUrl(src)).isEqualTo(plain);
        assertThat(ImageRefs.of(proxied, BASE, null)).extracting(ImageRef::url).containsExactly(plain);
        assertThat(ImageRefs.originalUrl("https://cdn.example/x.png")).isEqualTo("https://cdn.example/x.png");
        assertThat(ImageRefs.originalUrl(ImageRefs.PROXY_PREFIX + "cdn.example/p/q.png")).isEqualTo("https://cdn.example/p/q.png");
    }

    @Test
    void readsTheLeadImageFromThePageHeadOnly() {
        byte[] page = ("<html><head><title>t</title><meta property=\"og:image\" content=\" https://cdn.example/og.jpg \">"
            + "</head><body><meta property=\"og:image\" content=\"https://evil.example/late.jpg\"></body></html>").getBytes();
        assertThat(LeadImage.of(page)).isEqualTo("https://cdn.example/og.jpg");
        assertThat(LeadImage.of("<html><head><link rel=\"image_src\" href=\"/i.png\"></head></html>".getBytes()))
            .isEqualTo("/i.png");
        assertThat(LeadImage.of("<html><head></head><body>no</body></html>".getBytes())).isNull();
        assertThat(LeadImage.of(new byte[0])).isNull();
        // A script comparing before the tag does not hide it; relative URLs resolve against the page.
        assertThat(LeadImage.of(("<html><head><script>if(a<b){x()}</script><!-- <meta property=\"og:image\" content=\"/c.jpg\"> -->"
            + "<META NAME='twitter:image' CONTENT='/t.png?a=1&amp;b=2'></head>").getBytes(), java.net.URI.create("https://n.example/x/y.html")))
            .isEqualTo("https://n.example/t.png?a=1&b=2");
    }
}
