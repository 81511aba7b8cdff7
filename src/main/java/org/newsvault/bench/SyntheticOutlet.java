package org.newsvault.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content of the benchmark's outlets, independent of HTTP: {@code feeds} RSS 2.0 feeds of each kind,
 * {@code items} items each, in any number of namespaces (so warm-up, measured runs and crash runs never
 * share an item). Everything is a pure function of (namespace, kind, feed, item), so a page or feed is the
 * same bytes on every request.
 *
 * <p>Every item's body carries a marker naming the item, which makes each item a distinct story for
 * content-hash dedupe: the number of archived articles must equal the number of items served.
 */
final class SyntheticOutlet {
    /** TEASER feeds carry a short description (the pipeline fetches the page); FULL feeds the whole body. */
    enum Kind {
        TEASER, FULL;

        String path() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind of(String path) {
            return valueOf(path.toUpperCase(java.util.Locale.ROOT));
        }
    }

    static final String SITE = "基准新闻网";
    static final Instant BASE = Instant.parse("2024-06-01T00:00:00Z");
    private static final Pattern FEED = Pattern.compile("/([a-z0-9]{1,16})/(teaser|full)/(\\d{1,7})\\.xml");
    private static final Pattern PAGE = Pattern.compile("/([a-z0-9]{1,16})/a/(teaser|full)/(\\d{1,7})/(\\d{1,7})\\.html");
    private static final int RELATED = 8;

    /** A request path resolved to a feed ({@code item} = -1) or a page. */
    record Target(String ns, Kind kind, int feed, int item) {
        boolean isFeed() {
            return item < 0;
        }
    }

    private final Corpus corpus;
    final int feeds;
    final int items;
    /** Pages (and full-text feeds) show pictures ({@link BenchImages}); off for the benchmark's own runs. */
    final boolean images;

    SyntheticOutlet(Corpus corpus, int feeds, int items) {
        this(corpus, feeds, items, false);
    }

    SyntheticOutlet(Corpus corpus, int feeds, int items, boolean images) {
        if (feeds < 1 || items < 1) throw new IllegalArgumentException("feeds and items must be at least 1");
        this.corpus = corpus;
        this.feeds = feeds;
        this.items = items;
        this.images = images;
    }

    static String feedPath(String ns, Kind kind, int feed) {
        return "/" + ns + "/" + kind.path() + "/" + feed + ".xml";
    }

    static String pagePath(String ns, Kind kind, int feed, int item) {
        return "/" + ns + "/a/" + kind.path() + "/" + feed + "/" + item + ".html";
    }

    /** The feed or page a path names, or null when it names neither (404). */
    Target resolve(String path) {
        Matcher m = FEED.matcher(path);
        if (m.matches()) {
            int f = Integer.parseInt(m.group(3));
            return f < feeds ? new Target(m.group(1), Kind.of(m.group(2)), f, -1) : null;
        }
        m = PAGE.matcher(path);
        if (m.matches()) {
            int f = Integer.parseInt(m.group(3)), i = Integer.parseInt(m.group(4));
            return f < feeds && i < items ? new Target(m.group(1), Kind.of(m.group(2)), f, i) : null;
        }
        return null;
    }

    /** Item {@code item} is newer than item {@code item - 1}: feeds list the newest first. */
    Instant published(int feed, int item) {
        return BASE.plusSeconds(60L * ((long) item * feeds + feed));
    }

    Corpus.Story story(Target t) {
        return corpus.story(seed(t));
    }

    /**
     * The story's body with a marker that makes this item's text unique, at the end of the longest and of
     * the first paragraph: an extractor keeps at least one of them (it may drop a lead line, or a long
     * paragraph it takes for a caption or related-story box).
     */
    String body(Target t) {
        String marked = marked(t);
        if (!images) return marked;
        return BenchImages.localize(marked) + BenchImages.figures(t.ns() + "-" + t.kind().path() + "-" + t.feed() + "-"
            + t.item(), t.feed() * 7 + t.item());
    }

    private String marked(Target t) {
        String marker = "（稿件编号 " + t.ns() + "-" + t.kind().path() + "-" + t.feed() + "-" + t.item() + "）";
        Corpus.Story s = story(t);
        String body = s.bodyHtml();
        int first = s.firstParagraphEnd(), longest = s.longestParagraphEnd();
        if (first < 0) return "<p>" + marker + "</p>" + body;
        StringBuilder sb = new StringBuilder(body.length() + 2 * marker.length());
        sb.append(body, 0, first).append(marker);
        if (longest > first) sb.append(body, first, longest).append(marker).append(body, longest, body.length());
        else sb.append(body, first, body.length());
        return sb.toString();
    }

    String page(String base, Target t) {
        List<Corpus.Story> related = new ArrayList<>(RELATED);
        for (int r = 1; r <= RELATED; r++) related.add(corpus.story(seed(t) + r * 37L));
        String page = NewsPage.render(SITE, base + pagePath(t.ns(), t.kind(), t.feed(), t.item()), story(t), body(t),
            published(t.feed(), t.item()), related, seed(t));
        if (!images) return page;
        return page.replaceFirst("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\"><meta property=\"og:image\" content=\""
            + BenchImages.lead(t.feed() * 7 + t.item()) + "\">");
    }

    /** RSS 2.0 with the first {@code count} items of the feed, newest first. */
    String feedXml(String base, String ns, Kind kind, int feed, int count) {
        StringBuilder sb = new StringBuilder(kind == Kind.FULL ? count * 9_000 : count * 600);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"")
            .append(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>").append(SITE).append(' ').append(ns)
            .append('-').append(kind.path()).append('-').append(feed).append("</title><link>").append(base).append("/</link>")
            .append("<description>基准测试用新闻源</description><language>zh-cn</language>\n");
        for (int i = Math.min(count, items) - 1; i >= 0; i--) {
            Target t = new Target(ns, kind, feed, i);
            String link = base + pagePath(ns, kind, feed, i);
            Corpus.Story s = story(t);
            sb.append("<item><title>").append(NewsPage.escape(s.title())).append("</title><link>").append(link)
                .append("</link><guid isPermaLink=\"true\">").append(link).append("</guid><pubDate>")
                .append(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(published(feed, i).atOffset(java.time.ZoneOffset.UTC)))
                .append("</pubDate><dc:creator>").append(SITE).append("记者</dc:creator><description>");
            if (kind == Kind.TEASER) {
                sb.append(NewsPage.escape(s.teaser(80))).append("…</description>");
            } else {
                sb.append(NewsPage.escape(s.teaser(80))).append("</description><content:encoded>")
                    .append(cdata(body(t))).append("</content:encoded>");
            }
            sb.append("</item>\n");
        }
        return sb.append("</channel></rss>\n").toString();
    }

    private static String cdata(String s) {
        return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>";
    }

    private static long seed(Target t) {
        long h = t.ns().hashCode();
        h = h * 31 + t.kind().ordinal();
        h = h * 1_000_003 + t.feed();
        return h * 8_191 + t.item();
    }
}
