package org.newsvault.metrics;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's optional HTTP listener (Jetty 12 core, a small pool): {@code GET /health} (200 or 503, JSON),
 * {@code GET /metrics} (Prometheus text) and {@code GET /status} (the status JSON); every other path goes to
 * the {@code site} handler (the reading room) when there is one, else 404. The endpoints are read-only and
 * unauthenticated unless the site wraps them ({@link #handler}), which is why the listener binds to loopback
 * unless the user names another address.
 */
public final class HttpEndpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoints.class);
    /** On every response of the endpoints themselves: none of them is a page, nothing may load or frame it. */
    public static final Map<String, String> STRICT_HEADERS = Map.of(
        "Content-Security-Policy", "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        "X-Content-Type-Options", "nosniff",
        "Referrer-Policy", "no-referrer");

    private final Server server;
    private final ServerConnector connector;

    private HttpEndpoints(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** The endpoints alone (404 elsewhere), as the daemon served them before the reading room. */
    public static HttpEndpoints start(InetSocketAddress address, Supplier<Health> health, Metrics metrics,
                                      Supplier<String> statusJson) {
        return start(address, handler(health, metrics, statusJson, null));
    }

    /**
     * The endpoints in front of {@code site}: {@code /health} and {@code /metrics} only when {@code health} /
     * {@code metrics} are given (the daemon's; {@code serve} has no scheduler), {@code /status} when
     * {@code statusJson} is.
     */
    public static Handler handler(Supplier<Health> health, Metrics metrics, Supplier<String> statusJson, Handler site) {
        return new Endpoints(health, metrics, statusJson, site);
    }

    /** Listens on {@code address} with {@code root} handling every request. */
    public static HttpEndpoints start(InetSocketAddress address, Handler root) {
        QueuedThreadPool pool = new QueuedThreadPool(8, 2);
        pool.setName("nv-http");
        pool.setDaemon(true);
        // Stopping waits this long for a handler to finish before interrupting it: an interrupt inside H2 closes its file.
        pool.setStopTimeout(5_000);
        Server server = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        server.addConnector(connector);
        server.setHandler(root);
        server.setErrorHandler(new PlainErrors());
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the bind failed: nothing runs
            }
            throw new IllegalStateException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        InetSocketAddress bound = new InetSocketAddress(address.getAddress(), connector.getLocalPort());
        if (!address.getAddress().isLoopbackAddress()) {
            log.warn("health and metrics listen on {}, not only on loopback: they are readable by anyone who can reach it",
                bound);
        }
        log.info("listening on http://{}:{}/", bound.getHostString(), bound.getPort());
        return new HttpEndpoints(server, connector);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    /** Writes a small text or JSON response (HEAD: its headers only). */
    public static void respond(Request req, Response res, Callback cb, int status, String type, String body,
                               Map<String, String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        res.setStatus(status);
        headers.forEach((k, v) -> res.getHeaders().put(k, v));
        res.getHeaders().put(HttpHeader.CONTENT_TYPE, type.contains("charset") ? type : type + "; charset=utf-8");
        res.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        res.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        if (req.getMethod().equals("HEAD")) res.write(true, null, cb);
        else res.write(true, ByteBuffer.wrap(bytes), cb);
    }

    private static final class Endpoints extends Handler.Wrapper {
        private final Supplier<Health> health;
        private final Metrics metrics;
        private final Supplier<String> statusJson;

        Endpoints(Supplier<Health> health, Metrics metrics, Supplier<String> statusJson, Handler site) {
            super(site);
            this.health = health;
            this.metrics = metrics;
            this.statusJson = statusJson;
        }

        @Override
        public boolean handle(Request req, Response res, Callback cb) throws Exception {
            String path = Request.getPathInContext(req);
            Supplier<String[]> h = switch (path) {
                case "/health" -> health == null ? null : () -> {
                    Health x = health.get();
                    return new String[] {x.ok() ? "200" : "503", "application/json", x.json()};
                };
                case "/metrics" -> metrics == null ? null : () -> new String[] {"200", Metrics.CONTENT_TYPE, metrics.text()};
                case "/status" -> statusJson == null ? null : () -> new String[] {"200", "application/json", statusJson.get()};
                default -> null;
            };
            if (h == null) {
                if (getHandler() != null && getHandler().handle(req, res, cb)) return true;
                respond(req, res, cb, 404, "text/plain", "try /health, /metrics or /status\n", STRICT_HEADERS);
                return true;
            }
            String method = req.getMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                res.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                respond(req, res, cb, 405, "text/plain", "method not allowed\n", STRICT_HEADERS);
                return true;
            }
            String[] r;
            try {
                r = h.get();
            } catch (RuntimeException e) {
                log.warn("{} {}: {}", method, path, e.toString());
                r = new String[] {"500", "text/plain", "internal error\n"};
            }
            respond(req, res, cb, Integer.parseInt(r[0]), r[1], r[2], STRICT_HEADERS);
            return true;
        }
    }

    /** Jetty's own errors (a malformed request, a handler that threw): one line of text, no stack trace, the strict headers. */
    private static final class PlainErrors implements Request.Handler {
        @Override
        public boolean handle(Request req, Response res, Callback cb) {
            Object s = req.getAttribute(org.eclipse.jetty.server.handler.ErrorHandler.ERROR_STATUS);
            int status = s instanceof Integer i ? i : 500;
            Object x = req.getAttribute(org.eclipse.jetty.server.handler.ErrorHandler.ERROR_EXCEPTION);
            if (x instanceof Throwable t && status >= 500) log.warn("{} {}: {}", req.getMethod(), Request.getPathInContext(req), t.toString());
            respond(req, res, cb, status, "text/plain", status + " " + HttpStatus.getMessage(status) + "\n", STRICT_HEADERS);
            return true;
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("http listener stop: {}", e.toString());
        }
    }
}
