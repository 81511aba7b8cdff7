package org.newsvault.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints a {@link BenchResult} as a small table, or writes it as JSON. */
public final class BenchReport {
    private BenchReport() {}

    public static void print(BenchResult r, PrintStream out) {
        var s = r.setup();
        if (r.pipeline() == null && r.polite() != null) {
            out.printf("newsvault bench (polite phase only): %d cores, max heap %s%n", s.cores(), Targets.mb(s.maxHeapBytes()));
        } else if (r.pipeline() != null) {
            out.printf("newsvault bench: %d feeds x %d items of each kind, %,d archived in the large run, %d cores,"
                + " %d entry threads, max heap %s%n", s.feeds(), s.items(), s.archiveSize(), s.cores(), s.entryThreads(),
                Targets.mb(s.maxHeapBytes()));
        } else {
            out.printf("newsvault bench: %d cores, max heap %s%n", s.cores(), Targets.mb(s.maxHeapBytes()));
        }
        out.printf("%s; corpus: %s; system load at start %.1f%n", s.java(), s.corpus(), s.loadAverage());
        if (s.loadAverage() > s.cores()) {
            out.printf("WARNING: the load average exceeds the cores: other work shares the CPUs and these numbers understate newsvault%n");
        }
        out.println();
        if (r.pipeline() != null) {
            out.printf("%-58s %7s %8s %8s %9s %11s %9s%n", "phase", "items", "wall s", "cpu s", "rate/s", "cpu ms/item",
                "outlet s");
            for (var p : new BenchResult.Phase[] {r.pipeline(), r.ceiling(), r.feedOnly(), r.largeArchive()}) {
                if (p == null) continue;
                out.printf("%-58s %7d %8.2f %8.2f %9.0f %11.2f %9.2f%n", cut(p.name(), 58), p.items(), p.wallSeconds(),
                    p.cpuSeconds(), p.perSecond(), p.cpuMillisPerItem(), p.outletCpuSeconds());
            }
            out.printf("%npipeline / ceiling: %s; large / empty archive, worst round: %s%n", Targets.pct(r.pipelineToCeiling()),
                Targets.pct(r.largeToEmpty()));
            for (var round : r.largeRounds()) {
                out.printf("  round %d: empty %.0f/s, large %.0f/s = %s%n", round.round(), round.empty().perSecond(),
                    round.large().perSecond(), Targets.pct(round.largeToEmpty()));
            }
            var rp = r.repeat();
            out.printf("repeat poll: %d/%d feeds not modified (%d answered 304), %d page requests, %d new, %.2f s wall,"
                + " %.2f s cpu%n", rp.conditionalHits(), rp.feeds(), rp.notModified(), rp.pageRequests(), rp.archived(),
                rp.wallSeconds(), rp.cpuSeconds());
            out.printf("prefill: %,d rows in %.1f s%n", r.prefill().rows(), r.prefill().seconds());
            out.printf("memory while polling (bench process, outlet included): %s%n", memory(r.memory()));
        }
        if (r.polite() != null) {
            var p = r.polite();
            if (r.pipeline() != null) out.println();
            out.printf("polite phase: %d hosts (own loopback address each) x %d teaser pages, per-host %d, gap %.0f ms%n",
                p.hosts(), p.pagesPerHost(), p.perHost(), p.gapSeconds() * 1000);
            out.printf("  politeness off: %d articles in %.2f s%n", p.unpolite().items(), p.unpolite().wallSeconds());
            if (p.finished()) {
                out.printf("  polite:         %d articles in %.2f s = %.2fx the bound of %.2f s%n", p.polite().items(),
                    p.polite().wallSeconds(), p.ratio(), p.boundSeconds());
            } else {
                out.printf("  polite:         did not finish within %s s (%,d of %,d pages fetched); bound %.2f s%n",
                    Targets.secs(p.limitSeconds()), p.pagesFetched(), (long) p.hosts() * p.pagesPerHost(), p.boundSeconds());
            }
        }
        if (!r.stages().isEmpty()) {
            out.printf("%nper-stage cost, one thread, ms per article:%n");
            for (var c : r.stages()) out.printf("  %-55s %7.2f%n", c.stage(), c.millisPerItem());
        }
        if (r.daemon() != null) {
            var d = r.daemon();
            out.printf("daemon probe: %,d feeds, %,d archived in %.1f s; second poll %d/%d not modified in %.1f s%n"
                + "memory: %s%n", d.feeds(), d.archived(), d.firstPollSeconds(), d.conditionalHits(), d.feeds(),
                d.secondPollSeconds(), memory(d.memory()));
        }
        out.printf("%ntargets:%n");
        for (var t : r.targets()) {
            out.printf("  [%s] %s: %s (goal %s)%n", t.met() ? " ok " : "MISS", t.claim(), t.measured(), t.goal());
        }
    }

    public static void writeJson(BenchResult r, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), r);
    }

    private static String memory(BenchResult.Memory m) {
        return "peak heap " + Targets.mb(m.peakHeapBytes()) + " (pool peaks " + Targets.mb(m.poolPeaksBytes()) + ")"
            + (m.liveHeapBytes() >= 0 ? ", live heap after GC " + Targets.mb(m.liveHeapBytes()) : "") + ", peak RSS "
            + Targets.mb(m.rssPeakBytes()) + ", max heap " + Targets.mb(m.maxHeapBytes());
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
