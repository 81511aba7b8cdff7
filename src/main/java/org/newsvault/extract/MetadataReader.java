package org.newsvault.extract;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Title, author and publication time from a page's own metadata: Open Graph and article meta tags,
 * schema.org JSON-LD, then the visible page ({@code <h1>}, {@code <title>} minus its site-name part,
 * bylines, {@code <time datetime>}). Times without a zone are read in UTC+8 on Chinese pages (the
 * outlets' local time) and in UTC elsewhere.
 */
final class MetadataReader {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();
    private static final int MAX_JSON_LD = 512 * 1024;
    private static final Pattern ARTICLE_TYPE = Pattern.compile(
            ".*(Article|Posting|Report|NewsArticle|BlogPosting|WebPage).*");
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\-–—»:/\\\\]{1,2}\\s+|\\s*[｜—－]\\s*");
    private static final Pattern CHINESE_SITE_SUFFIX = Pattern.compile(
            "\\s*[-_|｜—－]\\s*[\\p{IsHan}A-Za-z0-9]{1,10}(网|報|报|台|社|新闻|新聞|频道|頻道|网站|在线|中文网)$");
    private static final Pattern AUTHOR_LABEL = Pattern.compile("^(作者|記者|记者|文)\\s*[：:]\\s*");
    private static final Pattern NOT_A_NAME = Pattern.compile("版权|版權|责任编辑|責任編輯|来源|來源|授权|未知");
    private static final String[] PUBLISHED_META = {
        "meta[property=article:published_time]", "meta[name=article:published_time]",
        "meta[itemprop=datePublished]", "meta[property=og:published_time]", "meta[name=pubdate]",
        "meta[name=publishdate]", "meta[name=publish-date]", "meta[name=parsely-pub-date]",
        "meta[name=sailthru.date]", "meta[name=dc.date.issued]", "meta[name=DC.date.issued]",
        "meta[name=dcterms.created]", "meta[name=date]"};
    private static final String[] AUTHOR_META = {
        "meta[name=author]", "meta[property=article:author]", "meta[name=article:author]", "meta[name=byl]",
        "meta[name=dc.creator]", "meta[name=DC.creator]", "meta[name=parsely-author]", "meta[name=sailthru.author]"};

    /*
     * The meta selectors all need a <meta> element: they are parsed once and tried on the page's meta
     * elements only (listed once per page), not each in a walk over the whole document. Same matches,
     * same order.
     */
    private static final Map<String, Evaluator> SELECTORS = new ConcurrentHashMap<>();
    private static final Pattern CDATA_WRAPPER = Pattern.compile("^\\s*<!\\[CDATA\\[|]]>\\s*$");
    private static final Evaluator JSON_LD = QueryParser.parse("script[type=application/ld+json]");
    private static final Evaluator AUTHOR_ELEMENT = QueryParser.parse("[rel=author], [itemprop=author], .byline, .author-name");

    private MetadataReader() {}

    static Metadata read(Document doc) {
        JsonLd ld = jsonLd(doc);
        ZoneId zone = isChinese(doc) ? ZoneOffset.ofHours(8) : ZoneOffset.UTC;
        List<Element> metas = metas(doc);
        return new Metadata(title(doc, metas, ld), author(doc, metas, ld), published(doc, metas, ld, zone));
    }

    /** The page's {@code <meta>} elements in document order. */
    private static List<Element> metas(Document doc) {
        return doc.getElementsByTag("meta");
    }

    static String title(Document doc, JsonLd ld) {
        return title(doc, metas(doc), ld);
    }

    private static String title(Document doc, List<Element> metas, JsonLd ld) {
        String og = meta(doc, metas, "meta[property=og:title]", "meta[name=og:title]", "meta[name=twitter:title]");
        if (og != null) {
            return withoutChineseSiteSuffix(withoutSiteName(og, meta(doc, metas, "meta[property=og:site_name]")));
        }
        if (ld.headline != null) return ld.headline;
        var h1s = doc.select("h1");
        if (h1s.size() == 1) {
            String h1 = h1s.first().text();
            if (h1.length() >= 4 && h1.length() <= 200) return h1;
        }
        String title = doc.title().trim();
        return title.isEmpty() ? null : withoutChineseSiteSuffix(cleanDocumentTitle(title));
    }

    /** "标题-新华网", "标题_凤凰网": Chinese titles often glue the site name on without spaces. */
    static String withoutChineseSiteSuffix(String title) {
        String stripped = CHINESE_SITE_SUFFIX.matcher(title).replaceFirst("");
        return stripped.length() >= 4 ? stripped : title;
    }

    /** "Headline - Site", "Site | Headline", "标题_频道_网站": the longest part is the headline. */
    static String cleanDocumentTitle(String title) {
        String[] parts = TITLE_SEPARATOR.split(title);
        if (parts.length < 2 && TextStats.cjkCount(title) > 0) parts = title.split("_");
        if (parts.length < 2) return title;
        String best = "";
        for (String p : parts) if (p.trim().length() > best.length()) best = p.trim();
        return best.length() * 5 >= title.length() * 2 ? best : title;
    }

    private static String withoutSiteName(String title, String siteName) {
        if (siteName == null) return title;
        String[] parts = TITLE_SEPARATOR.split(title);
        if (parts.length > 1 && parts[parts.length - 1].trim().equalsIgnoreCase(siteName.trim())) {
            return title.substring(0, title.length() - parts[parts.length - 1].length()).replaceAll(
                    "[\\s|\\-–—»:_｜—－]+$", "");
        }
        if (title.endsWith("_" + siteName)) return title.substring(0, title.length() - siteName.length() - 1);
        return title;
    }

    static String author(Document doc, JsonLd ld) {
        return author(doc, metas(doc), ld);
    }

    private static String author(Document doc, List<Element> metas, JsonLd ld) {
        for (String selector : AUTHOR_META) {
            String v = plausibleAuthor(meta(doc, metas, selector));
            if (v != null) return v;
        }
        String fromLd = plausibleAuthor(ld.author);
        if (fromLd != null) return fromLd;
        // In document order, as select() lists them; only elements with attributes can match.
        for (Element e = doc; e != null; e = Dom.next(e, doc, false)) {
            if (e.attributesSize() == 0 || !AUTHOR_ELEMENT.matches(doc, e)) continue;
            String text = plausibleAuthor(e.text());
            if (text != null) return text;
        }
        return null;
    }

    /**
     * The name with an "作者：" or "By" label removed, or null for what CMS templates put in author
     * fields instead of a name (URLs, e-mail placeholders, ids, copyright or editor lines).
     */
    static String plausibleAuthor(String raw) {
        if (raw == null) return null;
        String s = AUTHOR_LABEL.matcher(raw.trim()).replaceFirst("").trim();
        if (s.isEmpty() || s.length() > 60 || s.contains("@") || s.contains("http") || s.matches("[\\d\\s]+")
                || NOT_A_NAME.matcher(s).find()) {
            return null;
        }
        return s;
    }

    static Instant published(Document doc, JsonLd ld, ZoneId zone) {
        return published(doc, metas(doc), ld, zone);
    }

    private static Instant published(Document doc, List<Element> metas, JsonLd ld, ZoneId zone) {
        // The first candidate that parses wins; later ones (a walk over the page) only when needed.
        for (String selector : PUBLISHED_META) {
            Instant t = Dates.parse(meta(doc, metas, selector), zone);
            if (t != null) return t;
        }
        Instant fromLd = Dates.parse(ld.published, zone);
        if (fromLd != null) return fromLd;
        for (Element time : doc.select("time[pubdate][datetime], [itemprop=datePublished][datetime], time[datetime]")) {
            Instant t = Dates.parse(time.attr("datetime"), zone);
            if (t != null) return t;
        }
        return null;
    }

    private static boolean isChinese(Document doc) {
        String lang = doc.getElementsByTag("html").attr("lang").toLowerCase();
        if (lang.startsWith("zh")) return true;
        if (!lang.isEmpty()) return false;
        String title = doc.title();
        return TextStats.cjkCount(title) * 2 > title.length();
    }

    private static String meta(Document doc, List<Element> metas, String... selectors) {
        for (String selector : selectors) {
            Evaluator evaluator = SELECTORS.computeIfAbsent(selector, QueryParser::parse);
            for (Element m : metas) {
                if (!evaluator.matches(doc, m)) continue;
                String v = m.attr("content").trim();
                if (!v.isEmpty()) return v.length() > 500 ? v.substring(0, 500) : v;
            }
        }
        return null;
    }

    /** The fields of the first schema.org article object found in JSON-LD scripts. */
    record JsonLd(String headline, String author, String published) {}

    static JsonLd jsonLd(Document doc) {
        for (Element script : doc.getElementsByTag("script")) {
            if (!JSON_LD.matches(doc, script)) continue;
            String data = CDATA_WRAPPER.matcher(script.data()).replaceAll("");
            if (data.length() > MAX_JSON_LD) continue;
            try {
                JsonLd found = find(JSON.readTree(data), 0);
                if (found != null) return found;
            } catch (Exception e) {
                // Pages ship broken JSON-LD often enough; the other metadata sources still apply.
            }
        }
        return new JsonLd(null, null, null);
    }

    private static JsonLd find(JsonNode node, int depth) {
        if (node == null || depth > 4) return null;
        if (node.isArray()) {
            for (JsonNode n : node) {
                JsonLd f = find(n, depth + 1);
                if (f != null) return f;
            }
            return null;
        }
        if (!node.isObject()) return null;
        if (node.has("@graph")) return find(node.get("@graph"), depth + 1);
        String type = node.path("@type").isArray() ? node.path("@type").toString() : node.path("@type").asText("");
        if (!ARTICLE_TYPE.matcher(type).matches() && !node.has("datePublished")) return null;
        String headline = text(node.get("headline"));
        if (headline == null) headline = text(node.get("name"));
        return new JsonLd(headline, names(node.get("author")), text(node.get("datePublished")));
    }

    private static String names(JsonNode author) {
        if (author == null) return null;
        if (author.isTextual()) return text(author);
        if (author.isObject()) return text(author.get("name"));
        if (author.isArray()) {
            List<String> names = new ArrayList<>();
            for (JsonNode a : author) {
                String n = a.isTextual() ? text(a) : text(a.get("name"));
                if (n != null) names.add(n);
            }
            return names.isEmpty() ? null : String.join(", ", names);
        }
        return null;
    }

    private static String text(JsonNode n) {
        if (n == null || !n.isTextual()) return null;
        String s = org.jsoup.parser.Parser.unescapeEntities(n.asText(), false).trim();
        return s.isEmpty() ? null : s;
    }
}
