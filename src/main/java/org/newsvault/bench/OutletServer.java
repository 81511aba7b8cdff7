package org.newsvault.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The synthetic outlet on loopback (JDK {@code HttpServer}, no dependency): feeds at
 * {@code /<ns>/<teaser|full>/<n>.xml}, pages at {@code /<ns>/a/<kind>/<n>/<i>.html}, counters at
 * {@code /_stats}. Every response has an ETag and a matching {@code If-None-Match} gets a 304, as from a
 * well-behaved outlet.
 *
 * <p>With {@code grow > 0} a feed reveals {@code grow} more items on every request until it holds all of
 * them, so every poll of a long crash test has new work. The server remembers how many items of each feed
 * it has served, which is what the archive must end up holding.
 */
public final class OutletServer implements AutoCloseable {
    private static final int THREADS = 8;

    /** Counters since start. {@code servedItems}: distinct items that appeared in a feed response. */
    public record Stats(long feedRequests, long notModified, long pageRequests, long servedItems, long bytes) {
        public String json() {
            return "{\"feedRequests\":" + feedRequests + ",\"notModified\":" + notModified + ",\"pageRequests\":"
                + pageRequests + ",\"servedItems\":" + servedItems + ",\"bytes\":" + bytes + "}";
        }

        Stats plus(Stats o) {
            return new Stats(feedRequests + o.feedRequests, notModified + o.notModified, pageRequests + o.pageRequests,
                servedItems + o.servedItems, bytes + o.bytes);
        }

        Stats minus(Stats o) {
            return new Stats(feedRequests - o.feedRequests, notModified - o.notModified, pageRequests - o.pageRequests,
                servedItems - o.servedItems, bytes - o.bytes);
        }
    }

    private final SyntheticOutlet outlet;
    private final int grow;
    private final HttpServer http;
    private final ExecutorService workers;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> windows = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    private final LongAdder feedRequests = new LongAdder(), notModified = new LongAdder(), pageRequests = new LongAdder(),
        bytes = new LongAdder(), servedItems = new LongAdder(), imageRequests = new LongAdder();
    private final String base;

    private final boolean ownsWorkers;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private OutletServer(SyntheticOutlet outlet, int grow, InetAddress address, int port, ExecutorService shared)
        throws IOException {
        this.outlet = outlet;
        this.grow = grow;
        this.http = HttpServer.create(new InetSocketAddress(address, port), 256);
        AtomicInteger n = new AtomicInteger();
        this.ownsWorkers = shared == null;
        this.workers = shared != null ? shared : Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "bench-outlet-" + n.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        http.setExecutor(workers);
        http.createContext("/", this::handle);
        http.start();
        this.base = "http://" + http.getAddress().getAddress().getHostAddress() + ":" + http.getAddress().getPort();
    }

    /**
     * @param grow items a feed reveals per request (0: all at once)
     * @param port 0 for any free port
     */
    public static OutletServer start(Corpus corpus, int feeds, int items, int grow, int port) {
        return start(corpus, feeds, items, grow, port, false);
    }

    /** @param images pages show pictures ({@code bench serve}), which this server answers under {@code /_img/} (no namespace can take that path) */
    public static OutletServer start(Corpus corpus, int feeds, int items, int grow, int port, boolean images) {
        try {
            return new OutletServer(new SyntheticOutlet(corpus, feeds, items, images), grow, InetAddress.getLoopbackAddress(),
                port, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the bench outlet on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * One of many outlets, each on its own loopback address so that per-host politeness sees distinct hosts;
     * they share {@code workers} (not shut down by {@link #close()}) instead of holding eight threads each.
     */
    static OutletServer startOn(SyntheticOutlet outlet, InetAddress loopback, ExecutorService workers) {
        if (!loopback.isLoopbackAddress()) throw new IllegalArgumentException("not a loopback address: " + loopback);
        try {
            return new OutletServer(outlet, 0, loopback, 0, workers);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a bench outlet on " + loopback.getHostAddress() + ": "
                + e.getMessage(), e);
        }
    }

    public String baseUrl() {
        return base;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    String feedUrl(String ns, SyntheticOutlet.Kind kind, int feed) {
        return base + SyntheticOutlet.feedPath(ns, kind, feed);
    }

    SyntheticOutlet outlet() {
        return outlet;
    }

    public Stats stats() {
        return new Stats(feedRequests.sum(), notModified.sum(), pageRequests.sum(), servedItems.sum(), bytes.sum());
    }

    /** CPU time of the server's threads, so the harness can subtract it from the process's. */
    long cpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : threads) {
            long c = mx.getThreadCpuTime(t.getId());
            if (c > 0) sum += c;
        }
        return sum;
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            if (!"GET".equals(ex.getRequestMethod())) {
                send(ex, 405, null, null, new byte[0]);
                return;
            }
            if (path.equals("/_stats")) {
                send(ex, 200, "application/json", null, stats().json().getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (outlet.images && path.startsWith("/_img/")) {
                image(ex, path);
                return;
            }
            SyntheticOutlet.Target t = outlet.resolve(path);
            if (t == null) {
                send(ex, 404, "text/plain", null, "not found\n".getBytes(StandardCharsets.UTF_8));
            } else if (t.isFeed()) {
                feed(ex, t);
            } else {
                pageRequests.increment();
                String etag = "\"p-" + t.ns() + "-" + t.kind().path() + "-" + t.feed() + "-" + t.item() + "\"";
                if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                    notModified.increment();
                    send(ex, 304, null, etag, null);
                } else {
                    send(ex, 200, "text/html; charset=utf-8", etag, outlet.page(base, t).getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (RuntimeException e) {
            // A bug in the generator must show up as a 500 in the harness, not as a hung connection.
            send(ex, 500, "text/plain", null, String.valueOf(e).getBytes(StandardCharsets.UTF_8));
        } finally {
            ex.close();
        }
    }

    /** A picture of {@link BenchImages}; the huge one streamed without a length, as a CDN might. */
    private void image(HttpExchange ex, String path) throws IOException {
        imageRequests.increment();
        if (!BenchImages.serves(path)) {
            send(ex, 404, "text/plain", null, "not found\n".getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/_img/huge.jpg")) {
            ex.getResponseHeaders().set("Content-Type", "image/jpeg");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                BenchImages.writeHuge(out);
            } catch (IOException e) {
                // the archive stops reading at its cap and hangs up: expected
            }
        } else {
            send(ex, 200, BenchImages.type(path), "\"i-" + Integer.toHexString(path.hashCode()) + "\"", BenchImages.bytes(path));
        }
    }

    /** Requests for pictures (any answer). */
    public long imageRequests() {
        return imageRequests.sum();
    }

    private void feed(HttpExchange ex, SyntheticOutlet.Target t) throws IOException {
        feedRequests.increment();
        String key = t.ns() + "/" + t.kind().path() + "/" + t.feed();
        int window = grow <= 0 ? outlet.items
            : windows.computeIfAbsent(key, k -> new AtomicInteger()).updateAndGet(w -> Math.min(outlet.items, w + grow));
        String etag = "\"f-" + key.replace('/', '-') + "-" + window + "\"";
        if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            notModified.increment();
            send(ex, 304, null, etag, null);
            return;
        }
        byte[] body = outlet.feedXml(base, t.ns(), t.kind(), t.feed(), window).getBytes(StandardCharsets.UTF_8);
        AtomicInteger s = served.computeIfAbsent(key, k -> new AtomicInteger());
        int before = s.getAndAccumulate(window, Math::max);
        if (window > before) servedItems.add(window - before);
        send(ex, 200, "application/rss+xml; charset=utf-8", etag, body);
    }

    private void send(HttpExchange ex, int status, String type, String etag, byte[] body) throws IOException {
        if (type != null) ex.getResponseHeaders().set("Content-Type", type);
        if (etag != null) ex.getResponseHeaders().set("ETag", etag);
        ex.getResponseHeaders().set("Cache-Control", "max-age=60");
        if (body == null || status == 304) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        bytes.add(body.length);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        http.stop(0);
        if (ownsWorkers) workers.shutdownNow();
    }
}
