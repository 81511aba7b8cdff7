package org.newsvault.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.newsvault.bench.Corpus;
import org.newsvault.bench.OutletServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code newsvault bench serve}: the benchmark's synthetic outlet as a separate process, for the crash
 * test and the daemon memory probe (which must not count the outlet's memory as newsvault's).
 */
@Command(name = "serve", description = {"Serve the synthetic bench outlet on loopback until killed.",
    "Feeds: http://127.0.0.1:PORT/<ns>/<teaser|full>/<n>.xml (any lower-case ns); counters at /_stats."})
public final class BenchServeCommand implements Callable<Integer> {
    @Option(names = "--feeds", paramLabel = "N", description = "feeds of each kind (default: ${DEFAULT-VALUE})")
    int feeds = 20;

    @Option(names = "--items", paramLabel = "M", description = "items per feed (default: ${DEFAULT-VALUE})")
    int items = 100;

    @Option(names = "--grow", paramLabel = "K", description = "a feed reveals K more items per request; 0 = all at once (default: ${DEFAULT-VALUE})")
    int grow;

    @Option(names = "--port", description = "port on 127.0.0.1, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--port-file", paramLabel = "FILE", description = "write the port here once listening")
    Path portFile;

    @Option(names = "--corpus", paramLabel = "DIR", description = "outlet corpora (default: ${DEFAULT-VALUE}; a bundled sample when absent)")
    Path corpus = Corpus.DEFAULT_DIR;

    @Option(names = "--images", description = "pages with pictures under /_img/: each its own JPEG, one of three shared"
        + " PNGs, a lead GIF (og:image), and every fifth an SVG, an 11 MB JPEG and a missing one (404)")
    boolean images;

    @Override
    public Integer call() throws Exception {
        OutletServer server = OutletServer.start(Corpus.load(corpus), feeds, items, grow, port, images);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        if (portFile != null) {
            // Written whole and renamed, so a watcher never reads half a number.
            Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(tmp, String.valueOf(server.port()), StandardCharsets.UTF_8);
            Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println("bench outlet on " + server.baseUrl() + " (" + feeds + " feeds x " + items + " items"
            + (grow > 0 ? ", growing by " + grow : "") + ")");
        System.out.flush();
        new CountDownLatch(1).await();
        return 0;
    }
}
