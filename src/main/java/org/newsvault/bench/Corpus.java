package org.newsvault.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Real article bodies the synthetic outlet wraps into pages and feeds: the Jekyll feed items of
 * {@code ../shared/corpora/outlets/*}{@code /feed-items-nodebe4/*.md} when that folder exists, else the small
 * sample shipped in {@code src/main/resources/bench/}. Bodies too short to count as full text are skipped,
 * so full-text feed items are never mistaken for teasers (which would make the feed-only phase fetch pages).
 */
public final class Corpus {
    /** Where the shared corpora live relative to the repository root (the usual working directory). */
    public static final Path DEFAULT_DIR = Path.of("..", "shared", "corpora", "outlets");
    /** Enough distinct stories for variety; more only costs memory in the bench process. */
    static final int MAX_STORIES = 400;
    static final int MIN_TEXT_CHARS = 450;

    /**
     * One article: plain-text title, the body HTML on one line, its visible text, and where the {@code </p>}
     * of its longest paragraph and of its first paragraph start (-1 when it has none).
     */
    public record Story(String title, String bodyHtml, String text, int longestParagraphEnd, int firstParagraphEnd) {
        private static final Pattern PARAGRAPH = Pattern.compile("<p[\\s>].*?</p>", Pattern.DOTALL);

        Story(String title, String bodyHtml) {
            this(title, bodyHtml, bodyHtml.replaceAll("<[^>]*>", "").replaceAll("\\s+", " ").trim(), longestParagraph(bodyHtml),
                firstParagraph(bodyHtml));
        }

        private static int firstParagraph(String html) {
            Matcher m = PARAGRAPH.matcher(html);
            return m.find() ? m.end() - "</p>".length() : -1;
        }

        private static int longestParagraph(String html) {
            Matcher m = PARAGRAPH.matcher(html);
            int end = -1, best = -1;
            while (m.find()) {
                int len = visibleLength(m.group());
                if (len > best) {
                    best = len;
                    end = m.end() - "</p>".length();
                }
            }
            return end;
        }

        /** The first {@code chars} characters of the visible text. */
        public String teaser(int chars) {
            return text.length() <= chars ? text : text.substring(0, chars);
        }
    }

    private final List<Story> stories;
    private final String origin;

    private Corpus(List<Story> stories, String origin) {
        if (stories.isEmpty()) throw new IllegalStateException("bench corpus " + origin + " holds no usable article");
        this.stories = List.copyOf(stories);
        this.origin = origin;
    }

    public static Corpus load(Path dir) {
        if (dir != null && Files.isDirectory(dir)) {
            List<Path> files = corpusFiles(dir);
            if (!files.isEmpty()) return fromFiles(files, dir.toString());
        }
        return bundled();
    }

    /** The sample inside the jar. */
    public static Corpus bundled() {
        List<Story> out = new ArrayList<>();
        for (String name : resource("stories.txt").lines().map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            Story s = parse(resource(name));
            if (s != null) out.add(s);
        }
        return new Corpus(out, "bundled sample");
    }

    public int size() {
        return stories.size();
    }

    public Story story(long n) {
        return stories.get((int) Math.floorMod(n, (long) stories.size()));
    }

    public String origin() {
        return origin;
    }

    private static List<Path> corpusFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> outlets = Files.list(dir)) {
            for (Path o : outlets.sorted().toList()) {
                Path items = o.resolve("feed-items-nodebe4");
                if (!Files.isDirectory(items)) continue;
                try (Stream<Path> md = Files.list(items)) {
                    out.addAll(md.filter(p -> p.toString().endsWith(".md")).sorted().toList());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bench corpus " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static Corpus fromFiles(List<Path> files, String origin) {
        // Take every k-th file so the sample mixes outlets and years instead of one outlet's first items.
        int step = Math.max(1, files.size() / (MAX_STORIES * 2));
        List<Story> out = new ArrayList<>();
        for (int i = 0; i < files.size() && out.size() < MAX_STORIES; i += step) {
            try {
                Story s = parse(Files.readString(files.get(i), StandardCharsets.UTF_8));
                if (s != null) out.add(s);
            } catch (IOException | RuntimeException e) {
                // A malformed corpus file just doesn't contribute.
            }
        }
        return out.isEmpty() ? bundled() : new Corpus(out, origin + " (" + out.size() + " stories)");
    }

    /** Title from the front matter; body = the lines between {@code <div>} and {@code </div>}. */
    static Story parse(String text) {
        List<String> lines = text.lines().toList();
        String title = null;
        int open = -1, close = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (title == null && l.startsWith("title: ")) title = unquote(l.substring(7).trim());
            if (open < 0 && l.equals("<div>")) open = i;
            if (l.equals("</div>")) close = i;
        }
        if (title == null || open < 0 || close <= open + 1) return null;
        String body = String.join("", lines.subList(open + 1, close)).trim();
        if (visibleLength(body) < MIN_TEXT_CHARS || body.endsWith("…")) return null;
        return new Story(title, body);
    }

    static int visibleLength(String html) {
        return html.replaceAll("<[^>]*>", "").replaceAll("\\s+", "").length();
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
        return s.replace("\\\"", "\"");
    }

    private static String resource(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) throw new IllegalStateException("bench sample /bench/" + name + " missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bench sample " + name + ": " + e.getMessage(), e);
        }
    }
}
