package org.newsvault.bench;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An article page shaped like a real Chinese news site's: a heavy head (meta tags, inline CSS and
 * JSON-LD), header navigation, breadcrumb, the story, share buttons, a most-read sidebar with ad slots,
 * related stories, a long footer and inline scripts. The chrome is what an extractor must discard, and
 * its weight (60–120 KB a page, like DW or BBC Chinese) is what parsing costs. Deterministic per seed, so
 * a page's bytes (and its ETag) never change between requests.
 */
final class NewsPage {
    static final int MIN_BYTES = 60_000;
    static final int SPREAD_BYTES = 60_000;

    private static final String[] SECTIONS = {"首页", "国际", "中国", "港澳台", "亚太", "美洲", "欧洲", "中东", "非洲",
        "经济", "财经", "科技", "健康", "文化", "教育", "体育", "评论", "观点", "专栏", "视频", "图集", "专题", "人权",
        "环境", "军事", "法律", "社会", "娱乐", "旅游", "生活", "深度报道", "事实核查", "新闻简报", "广播节目"};
    private static final String[] FOOTER = {"关于我们", "联系我们", "工作机会", "隐私政策", "使用条款", "Cookie 设置",
        "广告合作", "新闻稿", "订阅电子报", "手机应用", "RSS 订阅", "网站地图", "帮助中心", "无障碍", "版权声明"};
    private static final String[] JS_WORDS = {"window", "document", "push", "config", "dataLayer", "tracker",
        "setTimeout", "querySelector", "addEventListener", "prototype", "length", "function", "return", "var",
        "analytics", "consent", "lazyload", "viewport", "adSlot", "bidder", "gtag", "fbq", "scroll"};

    private NewsPage() {}

    /**
     * @param related titles and teaser texts of other stories, for the sidebar and related list
     */
    static String render(String site, String url, Corpus.Story story, String bodyHtml, Instant published,
                         List<Corpus.Story> related, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int target = MIN_BYTES + rnd.nextInt(SPREAD_BYTES);
        StringBuilder head = new StringBuilder(8_192);
        String title = escape(story.title());
        head.append("<!DOCTYPE html>\n<html lang=\"zh-Hans\" dir=\"ltr\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .append("<title>").append(title).append(" - ").append(site).append("</title>")
            .append("<meta name=\"description\" content=\"").append(escape(story.teaser(90))).append("\">")
            .append("<meta property=\"og:type\" content=\"article\"><meta property=\"og:title\" content=\"").append(title)
            .append("\"><meta property=\"og:url\" content=\"").append(url).append("\">")
            .append("<meta property=\"og:site_name\" content=\"").append(site).append("\">")
            .append("<meta property=\"article:published_time\" content=\"").append(published).append("\">")
            .append("<meta name=\"twitter:card\" content=\"summary_large_image\">")
            .append("<link rel=\"canonical\" href=\"").append(url).append("\">")
            .append("<link rel=\"stylesheet\" href=\"/static/css/main.").append(Long.toHexString(seed & 0xffffff)).append(".css\">")
            .append("<link rel=\"preload\" as=\"font\" href=\"/static/fonts/NotoSansSC.woff2\" crossorigin>")
            .append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",")
            .append("\"headline\":\"").append(title.replace("\"", "\\\"")).append("\",\"datePublished\":\"").append(published)
            .append("\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"").append(site).append("\"}}</script>");

        StringBuilder top = new StringBuilder(8_192);
        top.append("</head><body class=\"article-page\"><div id=\"cookie-banner\" class=\"consent\">本网站使用 Cookie 以改善您的体验。")
            .append("<button>接受</button><button>设置</button></div><header class=\"site-header\"><a class=\"logo\" href=\"/\">")
            .append(site).append("</a><nav class=\"main-nav\" aria-label=\"主导航\"><ul>");
        for (int i = 0; i < SECTIONS.length; i++) {
            top.append("<li class=\"nav-item\"><a href=\"/zh/section/").append(i).append("\">").append(SECTIONS[i]).append("</a></li>");
        }
        top.append("</ul></nav><form class=\"search\" action=\"/search\"><input name=\"q\" placeholder=\"搜索\"></form></header>")
            .append("<div class=\"breadcrumb\"><a href=\"/\">首页</a> › <a href=\"/zh/section/1\">")
            .append(SECTIONS[1 + rnd.nextInt(8)]).append("</a></div><main id=\"main\"><article class=\"story\"><header><h1 class=\"headline\">")
            .append(title).append("</h1><div class=\"byline\"><span class=\"author\">").append(site).append("记者</span> ")
            .append("<time datetime=\"").append(published).append("\">").append(published.toString(), 0, 10).append("</time></div></header>")
            .append("<div class=\"story-body\" itemprop=\"articleBody\">").append(bodyHtml).append("</div>")
            .append("<div class=\"share\"><span>分享到：</span><a href=\"#\">微博</a><a href=\"#\">微信</a><a href=\"#\">Facebook</a>")
            .append("<a href=\"#\">Twitter</a><a href=\"#\">电邮</a></div><div class=\"tags\">");
        for (int i = 0; i < 4; i++) top.append("<a class=\"tag\" href=\"/zh/tag/").append(rnd.nextInt(500)).append("\">").append(SECTIONS[rnd.nextInt(SECTIONS.length)]).append("</a>");
        top.append("</div></article><aside class=\"sidebar\"><section class=\"most-read\"><h2>热门阅读</h2><ol>");
        for (int i = 0; i < Math.min(10, related.size()); i++) {
            top.append("<li><a href=\"/zh/a-").append(rnd.nextInt(1_000_000)).append("\">").append(escape(related.get(i).title())).append("</a></li>");
        }
        top.append("</ol></section><div class=\"ad-slot\" id=\"ad-rail-1\"><script>window.adSlots=window.adSlots||[];adSlots.push('rail-1')</script></div>")
            .append("</aside><section class=\"related\"><h2>相关新闻</h2><ul>");
        for (int i = 0; i < related.size(); i++) {
            Corpus.Story r = related.get(i);
            top.append("<li class=\"card\"><a href=\"/zh/a-").append(rnd.nextInt(1_000_000)).append("\"><img src=\"/img/")
                .append(rnd.nextInt(1_000_000)).append("_303.jpg\" alt=\"\" loading=\"lazy\"><h3>").append(escape(r.title()))
                .append("</h3><p>").append(escape(r.teaser(60))).append("</p></a></li>");
        }
        top.append("</ul></section></main><footer class=\"site-footer\"><ul>");
        for (int i = 0; i < 4; i++) {
            for (String f : FOOTER) top.append("<li><a href=\"/zh/info/").append(i).append('-').append(f.length()).append("\">").append(f).append("</a></li>");
        }
        top.append("</ul><p class=\"copyright\">© ").append(published.toString(), 0, 4).append(' ').append(site)
            .append(" 版权所有。未经许可，不得转载。</p></footer>");

        // The remaining weight is CSS and script, as on real pages, split between head and body end.
        int used = utf8Length(head) + utf8Length(top) + 64;
        int filler = Math.max(2_000, target - used);
        StringBuilder page = new StringBuilder(target + 1_024);
        page.append(head).append("<style>");
        css(page, filler / 3, rnd);
        page.append("</style>").append(top);
        int scripts = 2 + rnd.nextInt(4);
        for (int s = 0; s < scripts; s++) {
            page.append("<script>");
            js(page, (filler - filler / 3) / scripts, rnd);
            page.append("</script>");
        }
        return page.append("</body></html>\n").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void css(StringBuilder sb, int bytes, SplittableRandom rnd) {
        int end = sb.length() + bytes;
        while (sb.length() < end) {
            sb.append(".c-").append(Integer.toString(rnd.nextInt(1 << 20), 36)).append(" .e").append(rnd.nextInt(100))
                .append("{margin:0 ").append(rnd.nextInt(24)).append("px;padding:").append(rnd.nextInt(12))
                .append("px;color:#").append(Integer.toHexString(0x100000 + rnd.nextInt(0xefffff)))
                .append(";font-size:").append(12 + rnd.nextInt(12)).append("px}");
        }
    }

    private static void js(StringBuilder sb, int bytes, SplittableRandom rnd) {
        int end = sb.length() + bytes;
        while (sb.length() < end) {
            String a = JS_WORDS[rnd.nextInt(JS_WORDS.length)], b = JS_WORDS[rnd.nextInt(JS_WORDS.length)];
            sb.append("function ").append(a).append('_').append(Integer.toString(rnd.nextInt(1 << 16), 36))
                .append("(e,t){var n=e&&e.").append(b).append(";if(!n)return t;for(var r=0;r<n.length;r++){t.push(n[r]*")
                .append(rnd.nextInt(97)).append(")}return ").append(a).append(".").append(b).append("=t}");
        }
    }

    private static int utf8Length(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
