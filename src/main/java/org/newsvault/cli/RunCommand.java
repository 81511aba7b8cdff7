package org.newsvault.cli;

import java.util.concurrent.Callable;
import org.newsvault.schedule.Daemon;
import org.newsvault.store.DataLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code newsvault run}: the daemon in the foreground. This class only wires the process to
 * {@link Daemon}: log file, signals (TERM/INT stop, HUP reloads) and a shutdown hook for every other exit.
 */
@Command(name = "run", description = {"Poll every configured feed on its schedule until stopped (SIGTERM or Ctrl-C).",
    "Config changes apply within seconds, or at once on SIGHUP. Logs also go to <data>/logs/newsvault.log.",
    "Exit status: 0 stopped cleanly, 1 could not start (e.g. another newsvault uses the data directory),",
    "2 bad configuration."})
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand
    NewsvaultCommand parent;

    @Override
    public Integer call() throws InterruptedException {
        var settings = parent.pollSettings();
        boolean cluster = !settings.database().embedded();
        if (cluster) {
            // One node of several on a shared database: its own lock (taken by Newsvault.open), log and status files.
            Logging.toFile(settings.data(), settings.node());
        } else {
            // Refuse a second daemon before it attaches to the first one's log file (Newsvault.open checks again).
            DataLock.acquire(settings.data()).close();
            Logging.toFile(settings.data());
        }
        Daemon daemon = Daemon.start(settings, Daemon.Options.DEFAULTS.withCluster(cluster), org.newsvault.web.ReadingRoom::site);
        Signals.install(daemon::stop, daemon::reload);
        Thread hook = new Thread(daemon::stop, "nv-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        daemon.awaitStop();
        log.debug("main thread done");
        return 0;
    }
}
