package org.newsvault.export;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.Variant;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Whether an imported file can be kept as it is or must be made safe before anything renders it.
 *
 * <p>Not the sanitizer's safelist: real archives are full of markup it drops that cannot run anything
 * ({@code class}, {@code style}, {@code data-*}, {@code aria-*}, YouTube iframes, inline SVG icons: 1,014 of the
 * 1,503 files of {@code ../shared/corpora/outlets} and the seeds), and an import must reproduce those byte for
 * byte. What is refused is what can run script in the page or take it over: script-bearing elements, event
 * handler attributes, non-web URL schemes ({@code javascript:}, {@code vbscript:}, {@code data:} other than a
 * raster image), {@code srcdoc}, and — checked on the raw text, so that a parser difference (mutation XSS) or a
 * Markdown link outside the HTML cannot hide them — any {@code javascript:}/{@code vbscript:} or
 * {@code on…=} handler anywhere. None of these occurs in the corpus or the seeds.
 *
 * <p>The header lines are judged by what Markdown and YAML would make of them: a title that holds a tag
 * ({@code <img…}), a Kramdown attribute list or Liquid ({@code { }}), a code span, a link of its own
 * ({@code ](}, {@code ][}, {@code ]:} or unbalanced brackets) or a script URL; a URL that could end the link
 * early; a front matter with a YAML tag ({@code !!python/object…}). Balanced brackets such as BBC's
 * {@code [World] 标题} (222 corpus titles) and a lone {@code <} before CJK text are text to Kramdown, and stay.
 */
final class ImportedMarkup {
    private ImportedMarkup() {}

    /** Elements that run code, load active content into the page, or redirect or re-base it. */
    private static final Set<String> EXECUTABLE_TAGS = Set.of("script", "object", "embed", "applet", "base", "meta",
        "frameset", "portal", "form", "isindex", "xml", "import", "handler", "listener");
    /** Attributes that hold a URL a browser follows or loads. */
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "data", "poster",
        "cite", "background", "lowsrc", "dynsrc", "longdesc", "codebase", "classid", "manifest", "xlink:href", "ping",
        "icon", "profile", "usemap", "archive");
    private static final Set<String> WEB_SCHEMES = Set.of("http", "https", "mailto", "tel", "ftp", "news");
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):");
    private static final Pattern RASTER_DATA = Pattern.compile("^data:image/(png|gif|jpe?g|webp|bmp|avif);");
    private static final Pattern TAG_START = Pattern.compile("<[A-Za-z/!?]");

    /**
     * Why {@code bodyHtml} must be sanitized before it is rendered, or null when it can be kept byte for byte.
     * Every import runs this on every file, so the raw checks are single passes (a regex over the 12 MB of the
     * corpus took three times as long as parsing it).
     */
    static String unsafeBody(String bodyHtml) {
        return unsafeBody(bodyHtml, Jsoup.parseBodyFragment(bodyHtml).body());
    }

    /** {@link #unsafeBody(String)} on a body already parsed: {@code parsed} is {@code Jsoup.parseBodyFragment(bodyHtml).body()}. */
    static String unsafeBody(String bodyHtml, Element parsed) {
        String word = scriptWord(bodyHtml);
        if (word != null) return "'" + word + "'";
        if (hasRawHandler(bodyHtml)) return "an event handler attribute";
        for (Element e : parsed.getAllElements()) {
            String tag = e.normalName();
            if (EXECUTABLE_TAGS.contains(tag) || tag.endsWith(":script")) return "<" + tag + ">";
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith("on") && name.length() > 2) return "a " + name + " attribute";
                if (name.equals("srcdoc") || name.equals("formaction")) return "a " + name + " attribute";
                if (URL_ATTRIBUTES.contains(name) || name.endsWith(":href") || name.equals("srcset")) {
                    String reason = unsafeUrl(tag, name, a.getValue());
                    if (reason != null) return reason;
                }
            }
        }
        return null;
    }

    /** What {@link #scriptWord} looks for, first found first reported. */
    static final List<String> SCRIPT_WORDS = List.of("javascript:", "vbscript:", "livescript:", "expression(", "-moz-binding");
    private static final char[][] SCRIPT_CHARS = SCRIPT_WORDS.stream().map(String::toCharArray).toArray(char[][]::new);

    /**
     * The first of {@link #SCRIPT_WORDS} (in that order) that {@link #squeeze}{@code (html)} contains, or null. One
     * pass without building the squeezed copy: the last characters it would hold are kept in a ring, and each word
     * is compared there when its last character arrives. (Five {@code contains} on the copy of a CJK body cost more
     * than parsing it.)
     */
    static String scriptWord(String html) {
        char[] ring = new char[16];
        int count = 0;
        boolean[] found = new boolean[SCRIPT_CHARS.length];
        for (int i = 0, n = html.length(); i < n; i++) {
            char c = html.charAt(i);
            if (ignored(c)) continue;
            if (c >= 'A' && c <= 'Z') c += 32;
            ring[count++ & 15] = c;
            if (c != ':' && c != '(' && c != 'g') continue;
            for (int w = 0; w < SCRIPT_CHARS.length; w++) {
                if (!found[w] && endsWith(ring, count, SCRIPT_CHARS[w])) {
                    if (w == 0) return SCRIPT_WORDS.get(0);
                    found[w] = true;
                }
            }
        }
        for (int w = 0; w < found.length; w++) if (found[w]) return SCRIPT_WORDS.get(w);
        return null;
    }

    private static boolean endsWith(char[] ring, int count, char[] word) {
        int len = word.length;
        if (count < len || ring[(count - 1) & 15] != word[len - 1]) return false;
        for (int k = 0; k < len - 1; k++) if (ring[(count - len + k) & 15] != word[k]) return false;
        return true;
    }

    /** {@code s} without the characters browsers ignore inside a URL scheme, ASCII letters in lower case. */
    static String squeeze(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (ignored(c)) continue;
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }

    private static boolean ignored(char c) {
        return c <= ' ' || (c >= 0x7F && c <= 0x9F) || c == 0xAD || (c >= 0x200B && c <= 0x200F)
            || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF;
    }

    /**
     * An {@code on…=} attribute anywhere between a {@code <} and the next {@code >} of the raw text, including
     * inside attribute values: what a browser re-parses differently from jsoup ({@code <noscript>}, {@code <svg>}
     * tricks) then still cannot carry a handler past this check.
     */
    static boolean hasRawHandler(String html) {
        boolean inTag = false;
        int n = html.length();
        for (int i = 0; i < n; i++) {
            char c = html.charAt(i);
            if (c == '<') {
                inTag = true;
            } else if (c == '>') {
                inTag = false;
            } else if (inTag && (c <= ' ' || c == '/' || c == '"' || c == '\'' || c == '`') && i + 3 < n
                && (html.charAt(i + 1) | 0x20) == 'o' && (html.charAt(i + 2) | 0x20) == 'n') {
                int j = i + 3;
                while (j < n && isAsciiLetter(html.charAt(j))) j++;
                if (j == i + 3) continue;
                while (j < n && html.charAt(j) <= ' ') j++;
                if (j < n && html.charAt(j) == '=') return true;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String unsafeUrl(String tag, String attribute, String value) {
        String v = squeeze(value);
        if (attribute.equals("srcset")) {
            for (String candidate : v.split(",")) {
                if (candidate.startsWith("data:") && !RASTER_DATA.matcher(candidate).find()) return "a data: URL in srcset";
            }
            return null;
        }
        var m = SCHEME.matcher(v);
        if (!m.find()) return null; // relative
        String scheme = m.group(1);
        if (WEB_SCHEMES.contains(scheme)) return null;
        if (scheme.equals("data") && (tag.equals("img") || tag.equals("source")) && RASTER_DATA.matcher(v).find()) return null;
        return "a " + scheme + ": URL in " + tag + " " + attribute;
    }

    /**
     * Why the header lines of {@code f} must be written anew ({@code ArticleFiles.create}) rather than kept, or
     * null when they are harmless as they stand.
     */
    static String unsafeHeader(ArticleFile f) {
        String t = f.title();
        if (TAG_START.matcher(t).find()) return "markup in the title";
        for (char c : new char[] {'{', '}', '`'}) {
            if (t.indexOf(c) >= 0) return "'" + c + "' in the title";
        }
        if (t.contains("](") || t.contains("][") || t.contains("]:") || !balanced(t) || t.endsWith("\\")) {
            return "a link in the title";
        }
        String squeezed = squeeze(t);
        if (squeezed.contains("javascript:") || squeezed.contains("vbscript:")) return "a script URL in the title";
        if (f.url().chars().anyMatch(c -> c <= ' ' || "<>\"'`()[]{}\\".indexOf(c) >= 0)) return "markup in the URL";
        if (f.variant() == Variant.JEKYLL && f.frontMatter() != null && hasYamlTag(f.frontMatter())) {
            return "a YAML tag in the front matter";
        }
        return null;
    }

    private static boolean balanced(String t) {
        int depth = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static final Pattern TAG_IN_TEXT = Pattern.compile("(?m)(:\\s+|^\\s*-\\s+|[\\[{,]\\s*)!");

    /**
     * True when a YAML loader would construct something other than plain values: any explicit tag. A front
     * matter that is not valid YAML at all (older writers' {@code author: 记者: 张三}) is judged by its text, since
     * no loader reads it — the export repairs those ({@link FrontMatterYaml}).
     */
    static boolean hasYamlTag(String frontMatter) {
        // Every YAML tag starts with '!' (the loader below cost a tenth of reading a file).
        if (frontMatter.indexOf('!') < 0) return false;
        try {
            for (Event e : new Yaml(new SafeConstructor(new LoaderOptions())).parse(new java.io.StringReader(frontMatter))) {
                if (e instanceof ScalarEvent s && s.getTag() != null) return true;
                if (e instanceof CollectionStartEvent c && c.getTag() != null) return true;
            }
            return false;
        } catch (RuntimeException e) {
            return TAG_IN_TEXT.matcher(frontMatter).find();
        }
    }
}
