package org.newsvault.poll;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of polling one feed: what the CLI prints as one line and what metrics count.
 *
 * @param result           NEW (archived at least one), UNCHANGED (nothing new), FAILED (the feed itself failed)
 * @param archived         new articles written
 * @param duplicates       items that were the same story as an archived article under another URL
 * @param known            items already archived under this URL (no page fetch)
 * @param notModified      the feed answered 304 or had the same body hash as last time
 * @param extractionFailed items whose page could not be fetched or extracted
 * @param itemErrors       one line per item that failed (why)
 * @param error            the feed's failure, one line, or null
 * @param fetchTime        time spent fetching the feed
 * @param bytes            bytes received for the feed and its pages
 * @param revised          known articles given a better-sourced current version (own site, page for a teaser)
 */
public record FeedReport(String outletId, String feedUrl, Result result, int archived, int duplicates, int known,
                         boolean notModified, int extractionFailed, List<String> itemErrors, String error,
                         Duration fetchTime, long bytes, int revised) {
    /** FAILED also when items could not be made permanent (a file or database write failed); see FeedRefresher. */
    public enum Result { NEW, UNCHANGED, FAILED }

    public FeedReport {
        itemErrors = List.copyOf(itemErrors);
    }

    public FeedReport(String outletId, String feedUrl, Result result, int archived, int duplicates, int known,
                      boolean notModified, int extractionFailed, List<String> itemErrors, String error,
                      Duration fetchTime, long bytes) {
        this(outletId, feedUrl, result, archived, duplicates, known, notModified, extractionFailed, itemErrors, error,
            fetchTime, bytes, 0);
    }

    /** The line the poll command prints: {@code outlet feed: new 3 (2 duplicate, 1 failed item)}. */
    public String line() {
        String head = outletId + " " + feedUrl + ": ";
        return switch (result) {
            case FAILED -> head + "failed: " + error + (archived > 0 ? " (new " + archived + ")" : "");
            case UNCHANGED -> head + "unchanged" + (notModified ? " (not modified)" : "") + details();
            case NEW -> head + "new " + archived + details();
        };
    }

    private String details() {
        StringBuilder sb = new StringBuilder();
        if (duplicates > 0) sb.append(", ").append(duplicates).append(" duplicate");
        if (revised > 0) sb.append(", ").append(revised).append(" revised");
        if (!itemErrors.isEmpty()) sb.append(", ").append(itemErrors.size()).append(" failed item");
        return sb.length() == 0 ? "" : " (" + sb.substring(2) + ")";
    }
}
