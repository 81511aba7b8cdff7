package org.newsvault.fetch;

import java.time.Duration;

/**
 * Per-host spacing beyond this process: before a request to a host starts, the frontier reserves its start with the
 * pacer, which answers how long to wait first. Several nodes sharing the work reserve in their shared database, so
 * the cluster as a whole keeps a host's gap (not N nodes times its rate). The frontier asks on a worker, outside its
 * lock, and a request told to wait goes back to its host's queue until then, so a slow or waiting host never stalls
 * another. {@link #LOCAL}: the frontier's own gap alone (one process).
 */
@FunctionalInterface
public interface HostPacer {
    HostPacer LOCAL = (host, gap) -> Duration.ZERO;

    /**
     * Reserves the next start of a request to {@code host}, at least {@code gap} after the start reserved before it
     * (by any process).
     *
     * @return how long from now the reserved start is (zero: now)
     * @throws RuntimeException when it cannot reserve; the frontier then goes by its own gap alone
     */
    Duration reserve(String host, Duration gap);
}
