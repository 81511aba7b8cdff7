package org.newsvault.watch;

/**
 * The outcome of re-checking one article.
 *
 * @param outcome   what the check found
 * @param status    the article's status after the check ({@code live}, {@code edited}, {@code deleted},
 *                  {@code unreachable})
 * @param revision  the new revision's number when {@code outcome} is EDITED, else 0
 * @param statusChanged true when the check changed the article's status (a status event was recorded)
 * @param detail    one line: the evidence, the error, or what changed; null when nothing to say
 */
public record CheckResult(long articleId, String url, Outcome outcome, String status, int revision,
                          boolean statusChanged, String detail) {
    public enum Outcome {
        /** the article is there as known */ UNCHANGED,
        /** a new revision was stored */ EDITED,
        /** deleted: confirmed now, or still gone */ DELETED,
        /** evidence of deletion not yet confirmed by enough consecutive checks */ MISSING,
        /** a transient failure (timeout, 5xx, DNS, ...) */ UNREACHABLE,
        /** any other failure (4xx other than 404/410/451, body too large, cannot extract or write) */ ERROR
    }

    /** One line for the recheck command: {@code edited  revision 2: title and text changed  https://…}. */
    public String line() {
        String head = String.format("%-11s article %d", outcome.name().toLowerCase(java.util.Locale.ROOT), articleId);
        return head + "  " + url + (detail == null ? "" : "  (" + detail + ")");
    }
}
