package org.newsvault.render;

import java.time.Instant;

/** PLACEHOLDER until the render branch lands. */
public final class ArticleFiles {
    public static ArticleFile create(Variant v, String title, String url, String author, String site, Instant published,
                                     Instant fetchedAt, String bodyHtml) {
        String line = bodyHtml.lines().map(String::trim).reduce("", String::concat);
        String fm = "layout: post\ntitle: \"" + title.replace("\"", "\\\"") + "\"\ndate: " + (published == null ? fetchedAt : published)
            + "\nauthor: " + author + "\nfrom: " + url + "\ntags: [ " + site + " ]\ncomments: True\ncategories: [ " + site + " ]";
        return new ArticleFile(v, v == Variant.JEKYLL ? fm : null, published == null ? "NaN" : "" + published.toEpochMilli(),
            title.trim(), url, v == Variant.JEKYLL ? "<div>\n" + line + "\n</div>" : line);
    }
}
