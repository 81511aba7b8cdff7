package org.newsvault.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TERM and INT stop the daemon and let {@code run} exit 0 (instead of the JVM's 143/130); HUP reloads the
 * config. {@code sun.misc.Signal} is unsupported API: where it is missing or refuses a signal (Windows,
 * {@code -Xrs}), the shutdown hook still stops the daemon and reloads still happen when files change.
 */
final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    static void install(Runnable stop, Runnable reload) {
        handle("TERM", () -> new Thread(stop, "nv-sigterm").start());
        handle("INT", () -> new Thread(stop, "nv-sigint").start());
        handle("HUP", () -> new Thread(reload, "nv-sighup").start());
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
