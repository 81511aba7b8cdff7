package org.newsvault.fetch;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import org.newsvault.config.Cidr;

/**
 * Which addresses newsvault may connect to (SSRF): any public address; a non-public one (loopback, private,
 * link-local, CGNAT, multicast, unspecified, broadcast, reserved, and IPv6 forms embedding one of those) only
 * for a host the configuration names as written (the host of a configured feed) or inside an
 * {@code http.allow-private} range.
 *
 * <p>The decision is made on the addresses actually connected to: {@link #dns} checks what OkHttp will
 * connect to (so a name that resolves differently the second time gains nothing), {@link #check(InetSocketAddress)}
 * is called by every socket before it connects (IP-literal hosts never reach {@code Dns} in OkHttp 4.12), and
 * {@link #checkHop} refuses literals and odd numeric spellings before a request is sent at all. Through a proxy
 * the proxy resolves the name; then {@link #checkHop} resolves it here first and refuses it if any address is
 * not allowed.
 */
final class AddressPolicy {
    static final String HINT = "(not a configured feed host; see http.allow-private)";

    private static final Pattern CANONICAL_V4 =
        Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern NUMERIC_PART = Pattern.compile("0[xX][0-9A-Fa-f]*|\\d+");

    private final List<Cidr> allowPrivate;
    private volatile Set<String> hosts = Set.of();
    /** Non-public addresses a configured host resolved to (or is): the socket check lets these through. */
    private final Map<InetAddress, String> approved = new ConcurrentHashMap<>();

    AddressPolicy(List<Cidr> allowPrivate) {
        this.allowPrivate = List.copyOf(allowPrivate);
    }

    /** Replaces the hosts allowed as written (on every config load). Hosts are compared as OkHttp writes them. */
    void allowHosts(Collection<String> configured) {
        Set<String> next = new HashSet<>();
        for (String h : configured) {
            String c = canonicalHost(h);
            if (c != null) next.add(c);
        }
        hosts = Set.copyOf(next);
        approved.values().removeIf(h -> !next.contains(h));
        for (String h : next) {
            InetAddress literal = literal(h);
            if (literal != null) approved.put(literal, h);
        }
    }

    Set<String> allowedHosts() {
        return hosts;
    }

    /** The host as {@link HttpUrl#host()} gives it (lower case, IPv6 without brackets), or null. */
    static String canonicalHost(String host) {
        if (host == null || host.isBlank()) return null;
        String h = host.trim();
        if (h.contains(":") && !h.startsWith("[")) h = "[" + h + "]";
        HttpUrl u = HttpUrl.parse("http://" + h + "/");
        return u == null ? null : u.host();
    }

    /**
     * Before a hop is sent: refuses IP literals and numeric spellings that are not allowed and, when a proxy will
     * resolve the name, the name if it resolves here to an address that is not allowed.
     */
    void checkHop(String host, boolean proxied, Dns resolver) throws UnknownHostException {
        if (hosts.contains(host)) return;
        refuseOddNumeric(host);
        InetAddress literal = literal(host);
        if (literal != null) {
            String why = refusal(literal);
            if (why != null) throw new AddressBlockedException(literal.getHostAddress() + " is " + why + " " + HINT);
            return;
        }
        if (!proxied) return; // the Dns wrapper checks what OkHttp connects to
        List<InetAddress> resolved;
        try {
            resolved = resolver.lookup(host);
        } catch (UnknownHostException e) {
            return; // only the proxy can resolve it; its network is its own
        }
        for (InetAddress a : resolved) {
            String why = refusal(a);
            if (why != null) throw resolvesTo(host, a, why);
        }
    }

    /** OkHttp's name resolution through this policy: a configured host as it resolves, others only to allowed addresses. */
    Dns dns(Dns delegate) {
        return host -> {
            if (hosts.contains(host)) {
                List<InetAddress> all = delegate.lookup(host);
                for (InetAddress a : all) {
                    if (refusal(a) != null) approved.put(a, host);
                }
                return all;
            }
            refuseOddNumeric(host);
            List<InetAddress> all = delegate.lookup(host);
            List<InetAddress> ok = new ArrayList<>(all.size());
            AddressBlockedException first = null;
            for (InetAddress a : all) {
                String why = refusal(a);
                if (why == null) {
                    ok.add(a);
                } else if (first == null) {
                    first = resolvesTo(host, a, why);
                }
            }
            if (ok.isEmpty()) throw first != null ? first : new UnknownHostException(host);
            return ok;
        };
    }

    /** Called by every socket before it connects (a direct connection: the address is the server's). */
    void check(InetSocketAddress target) throws AddressBlockedException {
        InetAddress a = target.getAddress();
        if (a == null) throw new AddressBlockedException(target.getHostString() + " was not resolved before connecting");
        if (approved.containsKey(a)) return;
        String why = refusal(a);
        if (why != null) throw new AddressBlockedException(a.getHostAddress() + " is " + why + " " + HINT);
    }

    /** Why {@code a} may not be connected to (e.g. "a loopback address"), or null when it may. */
    String refusal(InetAddress a) {
        String why = rule(a);
        if (why == null || inAllowedRange(a)) return null;
        return why;
    }

    private boolean inAllowedRange(InetAddress a) {
        InetAddress embedded = embeddedV4(a.getAddress());
        for (Cidr c : allowPrivate) {
            if (c.contains(a) || (embedded != null && c.contains(embedded))) return true;
        }
        return false;
    }

    private static AddressBlockedException resolvesTo(String host, InetAddress a, String why) {
        return new AddressBlockedException(host + " resolves to " + a.getHostAddress() + ", " + why + " " + HINT);
    }

    /**
     * Hosts made only of numbers that are not plain a.b.c.d ({@code 0x7f000003}, {@code 2130706435}, {@code 127.1},
     * {@code 0177.0.0.1}): resolvers disagree on what they mean (inet_aton reads octal and hex, Java reads
     * {@code 0177} as 177), so what would be checked might not be what is connected to. No real site is named so.
     */
    private static void refuseOddNumeric(String host) throws AddressBlockedException {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty() || CANONICAL_V4.matcher(host).matches()) return;
        String[] parts = h.split("\\.", -1);
        for (String p : parts) {
            if (!NUMERIC_PART.matcher(p).matches()) return;
        }
        InetAddress meant = inetAton(parts);
        throw new AddressBlockedException(host + " is a non-standard spelling of an IP address"
            + (meant == null ? "" : " (" + meant.getHostAddress() + " to most resolvers)")
            + "; only a.b.c.d is fetched " + HINT);
    }

    /** What the C library's inet_aton makes of numeric parts, or null when it rejects them. */
    static InetAddress inetAton(String[] parts) {
        if (parts.length < 1 || parts.length > 4) return null;
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            try {
                if (p.startsWith("0x") || p.startsWith("0X")) v[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
                else if (p.length() > 1 && p.startsWith("0")) v[i] = Long.parseLong(p.substring(1), 8);
                else v[i] = Long.parseLong(p);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        long value = 0;
        for (int i = 0; i < v.length - 1; i++) {
            if (v[i] > 255) return null;
            value |= v[i] << (24 - 8 * i);
        }
        long last = v[v.length - 1];
        if (last >= (1L << (8 * (5 - v.length)))) return null;
        value |= last;
        byte[] b = {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The address a host names literally (a.b.c.d, or IPv6 as OkHttp writes it), without DNS; else null. */
    static InetAddress literal(String host) {
        if (!CANONICAL_V4.matcher(host).matches() && !host.contains(":")) return null;
        try {
            return InetAddress.getByName(host.startsWith("[") ? host : host.contains(":") ? "[" + host + "]" : host);
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Why an address is not public ("a loopback address", ...), or null for a public one. IPv6 forms that carry an
     * IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are judged by the address they carry.
     */
    static String rule(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) return ruleV4(b);
        InetAddress embedded = embeddedV4(b);
        if (embedded != null) {
            String inner = ruleV4(embedded.getAddress());
            if (inner != null) return "an IPv6 form of " + embedded.getHostAddress() + ", " + inner;
            if (isZero(b, 0, 12)) return "a deprecated IPv4-compatible IPv6 address";
            return null;
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (isZero(b, 0, 16)) return "the unspecified address";
        if (isZero(b, 0, 15) && b[15] == 1) return "a loopback address";
        if ((b0 & 0xfe) == 0xfc) return "a private address (unique local, fc00::/7)";
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) return "a link-local address";
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) return "a private address (site-local, fec0::/10)";
        if (b0 == 0xff) return "a multicast address";
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0 && b[5] == 1) {
            return "a private address (local-use NAT64, 64:ff9b:1::/48)";
        }
        if (b0 == 0x01 && b1 == 0 && isZero(b, 2, 8)) return "a reserved address (discard-only, 100::/64)";
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return "a reserved address (documentation, 2001:db8::/32)";
        }
        return null;
    }

    private static String ruleV4(byte[] b) {
        int a = b[0] & 0xff;
        int c = b[1] & 0xff;
        int d = b[2] & 0xff;
        if (a == 0) return isZero(b, 0, 4) ? "the unspecified address" : "an unspecified address (0.0.0.0/8)";
        if (a == 127) return "a loopback address";
        if (a == 10 || (a == 172 && (c & 0xf0) == 16) || (a == 192 && c == 168)) return "a private address";
        if (a == 100 && (c & 0xc0) == 64) return "a CGNAT address (100.64.0.0/10)";
        if (a == 169 && c == 254) return "a link-local address";
        if (a >= 224 && a < 240) return "a multicast address";
        if ((b[0] & b[1] & b[2] & b[3] & 0xff) == 0xff) return "the broadcast address";
        if (a >= 240) return "a reserved address (240.0.0.0/4)";
        if (a == 192 && c == 0 && (d == 0 || d == 2)) return "a reserved address (192.0." + d + ".0/24)";
        if (a == 198 && (c == 18 || c == 19)) return "a reserved address (benchmarking, 198.18.0.0/15)";
        if ((a == 198 && c == 51 && d == 100) || (a == 203 && c == 0 && d == 113)) {
            return "a reserved address (documentation)";
        }
        return null;
    }

    /** The IPv4 address inside an IPv6 one (mapped, compatible, NAT64 64:ff9b::/96, 6to4, Teredo), or null. */
    static InetAddress embeddedV4(byte[] b) {
        if (b.length != 16) return null;
        byte[] v4 = null;
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            v4 = slice(b, 12); // ::ffff:a.b.c.d
        } else if (isZero(b, 0, 12) && !(isZero(b, 12, 15) && ((b[15] & 0xff) <= 1))) {
            v4 = slice(b, 12); // ::a.b.c.d (not :: or ::1)
        } else if (b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
            && isZero(b, 4, 12)) {
            v4 = slice(b, 12); // 64:ff9b::a.b.c.d
        } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            v4 = slice(b, 2); // 2002:aabb:ccdd::
        } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
            v4 = slice(b, 12); // Teredo: the client's address, inverted
            for (int i = 0; i < 4; i++) v4[i] = (byte) ~v4[i];
        }
        if (v4 == null) return null;
        try {
            return Inet4Address.getByAddress(v4);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] slice(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) return false;
        }
        return true;
    }
}
