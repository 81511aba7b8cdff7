package org.newsvault.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.newsvault.archive.OriginalStore;
import org.newsvault.render.ArchivePaths;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.ArticleFiles;
import org.newsvault.render.ArticleWriter;
import org.newsvault.render.Variant;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.ImageRepository;

/**
 * {@code --format jekyll}: a site {@code jekyll build} can build. Jekyll-variant files go to
 * {@code _posts/<YYYY-MM-DD>-<slug>.md} as they are; plain-variant files get the front matter newsvault
 * would have written for them ({@link ArticleFiles#create}); a front matter that is not valid YAML is
 * repaired ({@link FrontMatterYaml}); every title line is made safe to render
 * ({@link ArticleFiles#withSafeTitleLine}: an older archive's raw title stays text). Names are unique:
 * articles arrive in date order, so the names already used are only needed for the current day, which
 * keeps memory flat. With {@code --images local} the kept images are copied to {@code assets/images/} once per blob
 * ({@link ImageCopies}) and the posts point at them; the article files themselves are never touched.
 */
final class JekyllSink implements ArticleSink {
    private final Path out;
    private final Path posts;
    private final Map<String, String> outletNames;
    private final Set<String> takenToday = new HashSet<>();
    private LocalDate today;
    private long files;
    private long repaired;
    private long pointedLocal;
    /** {@code --images local}: the article's images and the copies made of them; both null for remote images. */
    private final ImageRepository images;
    private final ImageCopies copies;

    JekyllSink(Path out, Map<String, String> outletNames) {
        this(out, outletNames, null, null);
    }

    /** With {@code images} and {@code originals}: {@code --images local}; both null: the posts keep remote images. */
    JekyllSink(Path out, Map<String, String> outletNames, ImageRepository images, OriginalStore originals) {
        this.out = out;
        this.posts = out.resolve("_posts");
        this.outletNames = outletNames;
        this.images = images;
        this.copies = images == null ? null : new ImageCopies(out, originals);
    }

    @Override
    public void accept(ArticleRow row) throws IOException {
        Instant date = row.publishedAt() != null ? row.publishedAt() : row.fetchedAt();
        ArticleFile file = ArticleFiles.withSafeTitleLine(jekyllFile(row));
        String fm = FrontMatterYaml.ensureValid(file.frontMatter(), file.plainTitle(), frontMatterDate(row));
        if (!fm.equals(file.frontMatter())) {
            repaired++;
            file = new ArticleFile(Variant.JEKYLL, fm, file.stamp(), file.title(), file.url(), file.body());
        }
        LocalDate day = LocalDate.ofInstant(date, ZoneOffset.UTC);
        if (!day.equals(today)) {
            today = day;
            takenToday.clear();
        }
        if (copies != null) file = withLocalImages(row, file);
        String name = ArchivePaths.jekyllPostName(date, file.plainTitle(), takenToday);
        takenToday.add(name);
        OutputPaths.write(posts.resolve(name), ArticleWriter.render(file));
        files++;
    }

    private ArticleFile jekyllFile(ArticleRow row) {
        ArticleFile f = row.file();
        if (f.variant() == Variant.JEKYLL) return f;
        String site = outletNames.getOrDefault(row.outletId(), row.outletId());
        try {
            return ArticleFiles.create(Variant.JEKYLL, f.plainTitle(), f.url(), row.author(), site, row.publishedAt(),
                row.fetchedAt(), f.bodyHtml());
        } catch (IllegalArgumentException e) {
            // A stored url that is no longer accepted (an older archive's): keep the file's own lines.
            return new ArticleFile(Variant.JEKYLL, FrontMatterYaml.minimal(f.plainTitle(), frontMatterDate(row)), f.stamp(),
                f.title(), f.url(), "<div>\n" + f.body() + "\n</div>");
        }
    }

    /**
     * The post with its kept images pointed at their copies (the body rewritten on its parsed tree by
     * {@link ImageLinks}); a post without kept images stays byte for byte what a remote export writes.
     */
    private ArticleFile withLocalImages(ArticleRow row, ArticleFile file) throws IOException {
        Map<String, String> hrefs = copies.copy(images.ofArticle(row.id()));
        if (hrefs.isEmpty()) return file;
        java.net.URI base;
        try {
            base = row.canonicalUrl() == null ? null : java.net.URI.create(row.canonicalUrl());
        } catch (IllegalArgumentException e) {
            base = null;
        }
        String body = file.body();
        boolean wrapped = body.startsWith("<div>\n") && body.endsWith("\n</div>");
        String html = wrapped ? body.substring("<div>\n".length(), body.length() - "\n</div>".length()) : body;
        String rewritten = ImageLinks.rewrite(html, base, hrefs::get);
        if (rewritten.equals(html)) return file;
        pointedLocal++;
        return new ArticleFile(file.variant(), file.frontMatter(), file.stamp(), file.title(), file.url(),
            wrapped ? "<div>\n" + rewritten + "\n</div>" : rewritten);
    }

    /** FORMAT.md's front matter date: the publication time, unless there is none or it is after the fetch. */
    private static Instant frontMatterDate(ArticleRow row) {
        Instant p = row.publishedAt();
        return p == null || p.isAfter(row.fetchedAt()) ? row.fetchedAt() : p;
    }

    @Override
    public String finish() throws IOException {
        JekyllSite.write(out);
        return files + " posts" + (repaired > 0 ? ", " + repaired + " front matters made valid YAML" : "")
            + (copies == null ? "" : ", " + copies.summary() + ", " + pointedLocal + " posts pointed at them")
            + ", _config.yml, _layouts/post.html, index.html";
    }
}
