package org.newsvault.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Ctrl-C (SIGINT) and SIGTERM for a command that can stop cleanly (import, export, recheck). The first signal only
 * asks the command to stop: its loops see {@link #requested}, finish what is in flight, and the command prints what
 * it did and returns {@link #status} — the work is never cut off by {@code System.exit}. Should it still be running
 * {@link #GRACE} later, or on a second signal, the process ends at once; nothing committed is lost then either (the
 * next start completes half-written articles, as after a crash), but the summary is.
 *
 * <p>Where a signal cannot be handled (no {@code sun.misc.Signal}, {@code -Xrs}), and for SIGHUP (the terminal
 * went away), a shutdown hook asks the command to stop and waits up to {@link #GRACE} for it; the JVM then exits
 * with its own status.
 */
final class Interrupt implements AutoCloseable, BooleanSupplier {
    /** How long a stopping command may take to drain before the process ends anyway. */
    static final Duration GRACE = Duration.ofSeconds(10);
    /** The shell's status for a process ended by SIGINT (128 + 2). */
    static final int STATUS_INT = 130;
    /** ... and by SIGTERM (128 + 15). */
    static final int STATUS_TERM = 143;
    /** The help text's line about interrupts, the same for each command that uses this. */
    static final String HELP = "130 interrupted by Ctrl-C, 143 by SIGTERM (after finishing the work in flight and printing the summary so far)";

    /** How commands get theirs; tests put in one that trips after a number of checks. */
    static volatile Supplier<Interrupt> factory = Interrupt::onSignals;

    private final AtomicReference<String> signal = new AtomicReference<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong tripAfter;
    private AutoCloseable handlers = () -> {};
    private Thread hook;

    private Interrupt(long tripAfter) {
        this.tripAfter = new AtomicLong(tripAfter);
    }

    /** The one a command uses: {@link #factory}'s. */
    static Interrupt open() {
        return factory.get();
    }

    /** Handles INT and TERM (and the shutdown hook) until closed. */
    static Interrupt onSignals() {
        Interrupt i = new Interrupt(-1);
        i.handlers = Signals.handleWhile(i::signalled, "INT", "TERM");
        i.hook = new Thread(() -> {
            i.request("shutdown");
            i.awaitClose();
        }, "nv-interrupt-hook");
        try {
            Runtime.getRuntime().addShutdownHook(i.hook);
        } catch (IllegalStateException e) {
            i.hook = null; // already shutting down
        }
        return i;
    }

    /** For tests: one that asks to stop on the {@code n + 1}-th check, so after {@code n} items, without a signal. */
    static Interrupt afterChecks(long n) {
        return new Interrupt(n);
    }

    /** True once a stop was asked for; the long loops call this once per item. */
    boolean requested() {
        if (signal.get() == null && tripAfter.get() >= 0 && tripAfter.getAndDecrement() <= 0) request("INT");
        return signal.get() != null;
    }

    @Override
    public boolean getAsBoolean() {
        return requested();
    }

    /** The exit status of an interrupted command: 130 for SIGINT, 143 for SIGTERM. */
    int status() {
        return "TERM".equals(signal.get()) ? STATUS_TERM : STATUS_INT;
    }

    /** {@code interrupted by Ctrl-C} or {@code interrupted by SIGTERM}: the start of the summary line. */
    String what() {
        String s = signal.get();
        if ("INT".equals(s)) return "interrupted by Ctrl-C";
        return "TERM".equals(s) ? "interrupted by SIGTERM" : "interrupted (the process is shutting down)";
    }

    void request(String name) {
        signal.compareAndSet(null, name);
    }

    private void signalled(String name) {
        if (!signal.compareAndSet(null, name)) {
            System.err.println("newsvault: stopping now; what was committed is completed at the next start");
            Runtime.getRuntime().halt(status());
        }
        System.err.println("\r\033[Knewsvault: " + what() + "; finishing the work in flight (press Ctrl-C again to stop at once)");
        Thread watchdog = new Thread(() -> {
            if (!awaitClose()) {
                System.err.println("newsvault: still not done after " + GRACE.toSeconds() + " s; stopping now;"
                    + " what was committed is completed at the next start");
                Runtime.getRuntime().halt(status());
            }
        }, "nv-interrupt-grace");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private boolean awaitClose() {
        try {
            return closed.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The command is done (it has printed its summary): signals get their old handlers back. */
    @Override
    public void close() {
        closed.countDown();
        try {
            handlers.close();
        } catch (Exception e) {
            // the old handlers stay replaced; this process ends soon anyway
        }
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running and has just been released
            }
        }
    }
}
