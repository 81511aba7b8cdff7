package org.newsvault.render;

/**
 * Everything needed to write one article file byte for byte, in either {@link Variant}.
 * The store keeps these six values per article, so an imported file is reproduced exactly and a
 * polled article is rendered the same way every time.
 *
 * <p>File = (JEKYLL only: {@code "---\n" + frontMatter + "\n---\n"})
 * + {@code "<!--" + stamp + "-->\n"} + {@code "[" + title + "](" + url + ")\n"} + {@code "------\n\n"}
 * + body + {@code "\n"}.
 *
 * @param variant     which shape
 * @param frontMatter JEKYLL: the exact lines between the two {@code ---} fences, joined by LF, no
 *                    trailing LF; PLAIN: null
 * @param stamp       what stands between {@code <!--} and {@code -->}: epoch millis or {@code NaN}
 * @param title       the link text as it stands in the title line: for new articles the trimmed title
 *                    escaped by {@link MarkdownText#escapeLinkText} (ordinary titles: unchanged), for
 *                    imported files as the file has it; {@link #plainTitle} is the text it stands for
 * @param url         the URL as it stands in the title line (WHATWG-normalised and
 *                    {@link MarkdownText#linkDestination}-encoded for new articles)
 * @param body        the exact text after the blank line that follows {@code ------}, without the
 *                    file's final LF. New JEKYLL files: {@code "<div>\n" + oneLine + "\n</div>"};
 *                    new PLAIN files: the one line.
 */
public record ArticleFile(Variant variant, String frontMatter, String stamp, String title, String url, String body) {

    /** The article HTML: the body without the JEKYLL {@code <div>} wrapper lines. */
    public String bodyHtml() {
        if (variant == Variant.JEKYLL && body.startsWith("<div>\n") && body.endsWith("\n</div>")) {
            return body.substring("<div>\n".length(), body.length() - "\n</div>".length());
        }
        return body;
    }

    /** The title as text (for the database, JSONL, WARC, the terminal): {@link #title} with its Markdown escapes undone. */
    public String plainTitle() {
        return MarkdownText.unescapeLinkText(title);
    }

    /** True when the stamp is {@code NaN}: the item had no usable publication date. */
    public boolean undated() {
        return "NaN".equals(stamp);
    }
}
