package org.newsvault.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's optional HTTP listener (JDK server, one thread): {@code GET /health} (200 or 503, JSON),
 * {@code GET /metrics} (Prometheus text) and {@code GET /status} (the status JSON). Read-only, no
 * authentication, which is why it binds to loopback unless the user names another address.
 */
public final class HttpEndpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoints.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoints(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static HttpEndpoints start(InetSocketAddress address, Supplier<Health> health, Metrics metrics,
                                      Supplier<String> statusJson) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        server.createContext("/health", ex -> serve(ex, () -> {
            Health h = health.get();
            return new Response(h.ok() ? 200 : 503, "application/json", h.json());
        }));
        server.createContext("/metrics", ex -> serve(ex, () -> new Response(200, Metrics.CONTENT_TYPE, metrics.text())));
        server.createContext("/status", ex -> serve(ex, () -> new Response(200, "application/json", statusJson.get())));
        server.createContext("/", ex -> serve(ex, () -> new Response(404, "text/plain", "try /health, /metrics or /status\n")));
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nv-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        if (!address.getAddress().isLoopbackAddress()) {
            log.warn("health and metrics listen on {}, not only on loopback: they are readable by anyone who can reach it",
                server.getAddress());
        }
        log.info("health and metrics on http://{}:{}/", server.getAddress().getHostString(), server.getAddress().getPort());
        return new HttpEndpoints(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private record Response(int status, String type, String body) {}

    private interface Handler {
        Response handle();
    }

    private static void serve(HttpExchange ex, Handler h) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            Response r;
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                r = new Response(405, "text/plain", "method not allowed\n");
            } else {
                try {
                    r = h.handle();
                } catch (RuntimeException e) {
                    log.warn("{} {}: {}", method, ex.getRequestURI().getPath(), e.toString());
                    r = new Response(500, "text/plain", "internal error\n");
                }
            }
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", r.type().contains("charset") ? r.type() : r.type() + "; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if (method.equals("HEAD")) {
                ex.sendResponseHeaders(r.status(), -1);
            } else {
                ex.sendResponseHeaders(r.status(), body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown(); // never interrupt a handler inside H2
    }
}
