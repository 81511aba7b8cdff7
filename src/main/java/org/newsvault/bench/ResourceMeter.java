package org.newsvault.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** CPU and memory of this process, from the JMX beans and (Linux) {@code /proc/self}. */
final class ResourceMeter {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ResourceMeter() {}

    /** CPU time of the whole process (all threads, user + system), or -1 when the JVM does not say. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * Samples the heap in use every few milliseconds, because the pools' peaks are reached at different
     * moments and their sum overstates the real peak.
     */
    static final class HeapSampler implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peak;

        /** Resets the peaks, then samples until closed. */
        HeapSampler() {
            resetPeaks();
            var mem = ManagementFactory.getMemoryMXBean();
            thread = new Thread(() -> {
                while (running) {
                    peak = Math.max(peak, mem.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        /**
         * The sampled peak, the pools' peaks and the RSS high-water mark since this sampler started; with
         * {@code live}, also the heap left after a full collection (call it while the measured objects are open).
         */
        BenchResult.Memory memory(boolean live) {
            long peakNow = peak, pools = poolPeaksBytes(), rss = rssPeakBytes();
            long liveBytes = -1;
            if (live) {
                System.gc();
                liveBytes = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            }
            return new BenchResult.Memory(peakNow, pools, liveBytes, rss, maxHeapBytes());
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    /** Forgets the heap pools' peaks and (where Linux allows) the resident-set high-water mark. */
    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        }
        try {
            // "5" resets VmHWM to the current RSS (Linux 4.0+); harmless where unsupported.
            Files.writeString(CLEAR_REFS, "5", StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            // then the high-water mark covers the whole process lifetime, which only overstates it
        }
    }

    /** Sum of the heap pools' peak usage since the last reset: an upper bound of the peak heap in use. */
    static long poolPeaksBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    /** The system's one-minute load average, or -1 where unavailable. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /** Peak resident set size (VmHWM) in bytes, or -1 off Linux. */
    static long rssPeakBytes() {
        return statusKb("VmHWM:");
    }

    static long rssBytes() {
        return statusKb("VmRSS:");
    }

    private static long statusKb(String key) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
