/**
 * The benchmark behind the README's performance claims, runnable by anyone: {@code newsvault bench}. A
 * synthetic outlet on loopback ({@link org.newsvault.bench.OutletServer}) serves realistic Chinese news
 * pages and RSS feeds built from real article bodies; {@link org.newsvault.bench.Benchmark} polls them with
 * the real pipeline on throwaway data directories and measures throughput, the bare-parse ceiling, repeat
 * polls, the effect of a large archive, memory and per-stage costs; {@link org.newsvault.bench.DaemonProbe}
 * measures memory with many configured feeds. Nothing here is used by a normal run.
 */
package org.newsvault.bench;
