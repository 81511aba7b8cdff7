package org.newsvault.cli;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.newsvault.Newsvault;
import org.newsvault.config.Settings;
import org.newsvault.metrics.HttpEndpoints;
import org.newsvault.metrics.ListenAddress;
import org.newsvault.schedule.Daemon;
import org.newsvault.schedule.StatusSnapshot;
import org.newsvault.web.ReadingRoom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code newsvault serve}: the reading room without polling, e.g. on a copied archive. It opens the archive like
 * every reading command (alone, or through the running daemon), so it can run beside {@code newsvault run}
 * on another address.
 */
@Command(name = "serve", description = {"Serve the reading room (browse, read, changes, feeds) without polling,",
    "on the config's listen address or --listen (default 127.0.0.1:8080), until stopped (Ctrl-C).",
    "Works alone or while `newsvault run` is running (then on another address).",
    "Exit status: 0 stopped, 1 could not start, 2 bad configuration."})
public final class ServeCommand implements Callable<Integer> {
    static final String DEFAULT_LISTEN = "127.0.0.1:8080";

    @ParentCommand
    NewsvaultCommand parent;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "address to listen on (default: the config's listen, else "
        + DEFAULT_LISTEN + ")")
    String listen;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = parent.settings();
        String where = listen != null ? listen : settings.listen() != null ? settings.listen() : DEFAULT_LISTEN;
        InetSocketAddress address = ListenAddress.parse(where);
        CountDownLatch stop = new CountDownLatch(1);
        try (Newsvault nv = Newsvault.open(settings); Search search = Search.open(nv)) {
            Supplier<StatusSnapshot> status = () -> status(nv, settings);
            try (HttpEndpoints http = HttpEndpoints.start(address, ReadingRoom.site(nv, status,
                inner -> HttpEndpoints.handler(null, null, () -> status.get().toJson(), inner), where, search.query()))) {
                InetSocketAddress a = http.address();
                System.out.println("reading room on http://" + hostForUrl(a) + ":" + a.getPort() + "/"
                    + (nv.alone() ? "" : " (through the running daemon)") + "; Ctrl-C stops");
                Signals.install(stop::countDown, () -> { });
                Thread hook = new Thread(stop::countDown, "nv-serve-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                stop.await();
            }
        }
        return 0;
    }

    /**
     * The search of this process: alone, an index of its own that follows the archive (as the daemon's does);
     * through the daemon, the daemon's index read-only (it follows the daemon's commits). None when neither opens.
     */
    record Search(org.newsvault.search.LiveIndex live, org.newsvault.search.SearchIndex reader) implements AutoCloseable {
        static Search open(Newsvault nv) {
            if (nv.alone()) {
                return new Search(org.newsvault.search.LiveIndex.start(nv.db, nv.settings.searchIndex(), nv.clock).orElse(null), null);
            }
            try {
                return new Search(null, org.newsvault.search.SearchIndex.openReadOnly(
                    nv.settings.searchIndex(), nv.clock));
            } catch (org.newsvault.search.SearchException e) {
                org.slf4j.LoggerFactory.getLogger(ServeCommand.class).warn("search unavailable: {}", e.getMessage());
                return new Search(null, null);
            }
        }

        java.util.function.Function<org.newsvault.search.SearchQuery, org.newsvault.search.SearchResult> query() {
            if (live != null) return q -> live.index().search(q);
            if (reader != null) return reader::search;
            return null;
        }

        @Override
        public void close() {
            if (live != null) live.close();
            if (reader != null) reader.close();
        }
    }

    /** Alone: from the feeds table (no schedule runs); through the daemon: the status file it keeps. */
    static StatusSnapshot status(Newsvault nv, Settings settings) {
        Instant now = Instant.now();
        if (nv.alone()) return StatusLoader.stopped(StatusSnapshot.of(settings, nv.feeds.all(), now, false, f -> Optional.empty()));
        return StatusLoader.rejoin(settings, StatusSnapshot.read(Daemon.statusFile(settings.data())).orElse(null), now);
    }

    private static String hostForUrl(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return h.contains(":") ? "[" + h + "]" : h;
    }
}
