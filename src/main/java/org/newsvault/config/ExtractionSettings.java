package org.newsvault.config;

/**
 * Rule health ({@code extraction:}): over an outlet's last {@code window} extracted pages, more than
 * {@code staleShare} of them bad flags its extraction rules as stale (see {@code extract.RuleHealth}).
 *
 * @param window     pages judged per outlet, 1–1000
 * @param staleShare the share of bad pages past which the outlet is stale, strictly between 0 and 1
 */
public record ExtractionSettings(int window, double staleShare) {
    public static final int MAX_WINDOW = 1000;
    public static final ExtractionSettings DEFAULTS = new ExtractionSettings(20, 0.5);
}
