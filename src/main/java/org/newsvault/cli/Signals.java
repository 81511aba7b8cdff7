package org.newsvault.cli;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TERM and INT stop the daemon and let {@code run} exit 0 (instead of the JVM's 143/130); HUP reloads the
 * config. {@code sun.misc.Signal} is unsupported API: where it is missing or refuses a signal (Windows,
 * {@code -Xrs}), the shutdown hook still stops the daemon and reloads still happen when files change.
 * {@link #handleWhile} gives a command that stops cleanly ({@link Interrupt}) the same signals for its duration.
 */
final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    static void install(Runnable stop, Runnable reload) {
        handle("TERM", () -> new Thread(stop, "nv-sigterm").start());
        handle("INT", () -> new Thread(stop, "nv-sigint").start());
        handle("HUP", () -> new Thread(reload, "nv-sighup").start());
    }

    /**
     * Hands each of {@code names} to {@code action} (called with the name, on the JVM's signal thread: keep it short)
     * until the returned handle is closed, which puts the previous handlers back. A signal that cannot be handled
     * keeps its default: the JVM shuts down, and the caller's shutdown hook has to do.
     */
    @SuppressWarnings("restriction")
    static AutoCloseable handleWhile(java.util.function.Consumer<String> action, String... names) {
        List<Runnable> restore = new ArrayList<>();
        for (String name : names) {
            try {
                sun.misc.Signal sig = new sun.misc.Signal(name);
                sun.misc.SignalHandler old = sun.misc.Signal.handle(sig, s -> action.accept(name));
                restore.add(() -> sun.misc.Signal.handle(sig, old));
            } catch (Throwable e) {
                log.debug("cannot handle SIG{}: {}", name, e.toString());
            }
        }
        return () -> {
            for (Runnable r : restore) {
                try {
                    r.run();
                } catch (Throwable e) {
                    log.debug("cannot restore a signal handler: {}", e.toString());
                }
            }
        };
    }

    @SuppressWarnings("restriction")
    private static void handle(String name, Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                log.info("SIG{} received", name);
                action.run();
            });
        } catch (Throwable e) {
            log.debug("cannot handle SIG{}: {}", name, e.toString());
        }
    }
}
