package org.newsvault.watch;

/**
 * One version of an article as re-checks compare it.
 *
 * @param title       the title the page gives (extracted), or null (unknown, or a version kept from a feed)
 * @param cleanBody   the sanitized body as it would be archived, or null when no body was found
 * @param text        the body's visible text without noise ({@link NoiseFilter}); "" when none
 * @param fingerprint SHA-256 of {@code text}: equal fingerprints mean no edit
 * @param pageText    all visible text of the page including its {@code <title>}, normalised; used to
 *                    see whether the article's title is still there
 * @param fromPage    true when read from an article page, false when taken from the archived body (an
 *                    article whose text came from its feed, before its page was first re-checked)
 * @param contentHash {@link org.newsvault.model.ContentHash} of {@code cleanBody}, or null when there is none
 */
record PageVersion(String title, String cleanBody, String text, String fingerprint, String pageText, boolean fromPage,
                   String contentHash) {
    PageVersion(String title, String cleanBody, String text, String fingerprint, String pageText, boolean fromPage) {
        this(title, cleanBody, text, fingerprint, pageText, fromPage, null);
    }

    boolean found() {
        return cleanBody != null && !text.isEmpty();
    }
}
