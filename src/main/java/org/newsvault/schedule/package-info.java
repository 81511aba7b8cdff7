/**
 * The daemon ({@code newsvault run}): Quartz jobs, one per enabled feed, each polled through the
 * {@link org.newsvault.poll.FeedRefresher} at the time its last poll recorded ({@link org.newsvault.schedule.NextCheck}:
 * interval with jitter, or backoff); background re-checks of archived articles; config reload without restart;
 * bounded clean shutdown; and the status snapshot {@code newsvault status} reads while the daemon holds the
 * data directory.
 */
package org.newsvault.schedule;
