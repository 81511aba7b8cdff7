package org.newsvault.fetch;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * One OkHttpClient per proxy, derived from a single base client so that all share its connection pool
 * and dispatcher. Proxy forms: {@code http://host:port}, {@code socks5://host:port} (or {@code socks://}),
 * {@code direct}.
 *
 * <p>A direct client keeps the base client's policy-checked {@code Dns} and sockets. A proxied one connects only
 * to its proxy, so it gets the plain resolver (for an HTTP proxy's own name) and sockets that do not apply the
 * address policy; {@link AddressPolicy#checkHop} checks the target before each request instead.
 */
final class ProxyClients {
    private final OkHttpClient base;
    private final Proxy global;
    private final Dns proxiedDns;
    private final SocketFactory proxiedSockets;
    private final ConcurrentHashMap<Proxy, OkHttpClient> clients = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException when the global proxy is malformed */
    ProxyClients(OkHttpClient base, String globalProxy, Dns proxiedDns, SocketFactory proxiedSockets) {
        this.base = base;
        this.global = globalProxy == null ? Proxy.NO_PROXY : parse(globalProxy);
        this.proxiedDns = proxiedDns;
        this.proxiedSockets = proxiedSockets;
    }

    /** The client for a request's proxy override (null = the global proxy). */
    OkHttpClient forProxy(String override) {
        Proxy proxy = override == null ? global : parse(override);
        return clients.computeIfAbsent(proxy, p -> p.type() == Proxy.Type.DIRECT
            ? base.newBuilder().proxy(p).build()
            : base.newBuilder().proxy(p).dns(proxiedDns).socketFactory(proxiedSockets).build());
    }

    /** True when {@code client} sends through a proxy (which then resolves the target's name). */
    static boolean proxied(OkHttpClient client) {
        return client.proxy() != null && client.proxy().type() != Proxy.Type.DIRECT;
    }

    /**
     * Addresses stay unresolved: an HTTP proxy's host is resolved when connecting, and with SOCKS the
     * target host is resolved by the proxy, so no DNS query leaks around it.
     */
    static Proxy parse(String spec) {
        String s = spec.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("direct") || s.equalsIgnoreCase("none")) {
            return Proxy.NO_PROXY;
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (java.net.URISyntaxException e) {
            throw bad(spec);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Proxy.Type type = switch (scheme) {
            case "http" -> Proxy.Type.HTTP;
            case "socks", "socks5", "socks5h" -> Proxy.Type.SOCKS;
            default -> throw bad(spec);
        };
        if (uri.getHost() == null || uri.getPort() < 1 || uri.getUserInfo() != null
            || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw bad(spec);
        }
        return new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort()));
    }

    private static IllegalArgumentException bad(String spec) {
        return new IllegalArgumentException("unsupported proxy '" + spec
            + "' (expected http://host:port, socks5://host:port or direct)");
    }
}
