/**
 * What the running daemon reports about itself: Prometheus metrics fed from each poll's
 * {@link org.newsvault.poll.FeedReport} plus archive counts read at scrape time, and an optional loopback HTTP
 * listener serving {@code /health}, {@code /metrics} and {@code /status}.
 */
package org.newsvault.metrics;
