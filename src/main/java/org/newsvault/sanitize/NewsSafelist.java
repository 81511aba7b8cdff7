package org.newsvault.sanitize;

import org.jsoup.safety.Safelist;

/**
 * The sanitizer's policy as data: which tags and attributes an archived article may keep.
 *
 * <p>Decisions: {@code style} is dropped everywhere (CSS can hide text, load tracking URLs and, in old
 * engines, run script; a CSS sanitizer is not worth it for the grey captions some outlets use).
 * {@code class} and {@code id} are dropped (no DOM clobbering, no page CSS hooks) except
 * {@code class} on {@code blockquote}, which the pre-pass reduces to {@code twitter-tweet}.
 * {@code srcset} and {@code <picture>} are not kept: the pre-pass picks one image into {@code src},
 * so every image URL passes one protocol check and one proxy rewrite. {@code video}/{@code audio}
 * keep plain http(s) sources and a poster: media files are content, not code. Links keep the descriptive
 * keywords of their {@code rel} ({@link HtmlSanitizer#SAFE_REL}; {@code opener} goes) and get no
 * {@code target}, so no {@code noopener} has to be enforced.
 * Tags not listed are unwrapped by the {@code Cleaner} (their text stays); tags whose content must
 * go too are removed by the pre-pass in {@link HtmlSanitizer}.
 */
final class NewsSafelist {
    private static final String[] WEB = {"http", "https"};

    private NewsSafelist() {}

    static Safelist build() {
        return new Safelist()
                .addTags("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
                        "b", "strong", "i", "em", "u", "s", "strike", "del", "ins", "sub", "sup",
                        "small", "big", "mark", "q", "cite", "abbr", "dfn", "code", "pre", "kbd",
                        "samp", "var", "tt", "bdi", "bdo", "wbr", "ruby", "rt", "rp",
                        "span", "div", "section", "article",
                        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "figure", "figcaption",
                        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "col", "colgroup",
                        "img", "a", "time", "address", "video", "audio", "source")
                .addAttributes(":all", "lang", "dir")
                .addAttributes("a", "href", "title", "rel")
                .addAttributes("img", "src", "alt", "title", "width", "height")
                .addAttributes("time", "datetime")
                .addAttributes("abbr", "title")
                .addAttributes("dfn", "title")
                .addAttributes("blockquote", "cite", "class")
                .addAttributes("q", "cite")
                .addAttributes("del", "cite", "datetime")
                .addAttributes("ins", "cite", "datetime")
                .addAttributes("ol", "start", "type", "reversed")
                .addAttributes("ul", "type")
                .addAttributes("li", "value")
                .addAttributes("th", "colspan", "rowspan", "scope", "abbr")
                .addAttributes("td", "colspan", "rowspan")
                .addAttributes("col", "span")
                .addAttributes("colgroup", "span")
                .addAttributes("video", "src", "poster", "controls", "width", "height")
                .addAttributes("audio", "src", "controls")
                .addAttributes("source", "src", "type")
                .addProtocols("a", "href", "http", "https", "mailto")
                .addProtocols("img", "src", "http", "https", "data")
                .addProtocols("blockquote", "cite", WEB)
                .addProtocols("q", "cite", WEB)
                .addProtocols("del", "cite", WEB)
                .addProtocols("ins", "cite", WEB)
                .addProtocols("video", "src", WEB)
                .addProtocols("video", "poster", WEB)
                .addProtocols("audio", "src", WEB)
                .addProtocols("source", "src", WEB)
                .preserveRelativeLinks(false);
    }
}
