package org.newsvault.model;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Article URLs in the two forms newsvault needs.
 *
 * <p>{@link #whatwg} is the form written into article files: what a browser's (or Node's)
 * {@code new URL(u).href} gives for an http(s) URL, so that our title lines match the ones the
 * existing archives' writers produced. {@link #canonical} is only a dedupe key and is never written.
 *
 * <p>Known difference from the WHATWG standard: non-ASCII host names go through
 * {@link IDN#toASCII} (IDNA2003), so the few IDNA2008-only characters (ß, ς, ZWJ, ZWNJ) are mapped
 * ({@code faß.de} becomes {@code fass.de}, a browser gives {@code xn--fa-hia.de}).
 */
public final class Urls {
    private Urls() {}

    /** Beyond this a "URL" is hostile or broken; refusing it bounds the work per item. */
    static final int MAX_LENGTH = 16_384;

    private static final String FRAGMENT_SET = " \"<>`";
    private static final String QUERY_SET = " \"#<>'";          // the "special-query" set: http(s) only
    private static final String PATH_SET = " \"#<>?`{}";
    private static final String USERINFO_SET = " \"#<>?`{}/:;=@[\\]^|";
    private static final String FORBIDDEN_DOMAIN = " #%/:<>?@[\\]^|";

    /**
     * Only parameters whose sole purpose is click tracking. {@code from}, {@code ref} and
     * {@code spm} stay: some sites route on them, and a false merge of two articles loses one,
     * whereas a missed duplicate is still caught by the content hash.
     */
    private static final Set<String> TRACKING_PARAMS = Set.of(
            "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid");

    /**
     * The WHATWG serialisation of an absolute http(s) URL: lower-case scheme and host, IDN host in
     * punycode, IPv4/IPv6 hosts in normal form, default port dropped, {@code .}/{@code ..} path
     * segments resolved, characters outside the per-component allowed sets percent-encoded as
     * UTF-8 (upper-case hex), existing {@code %XX} escapes kept as written, empty path as {@code /}.
     * Nothing is decoded and the query is not reordered.
     *
     * @throws IllegalArgumentException naming why the text is not an http(s) URL
     */
    public static String whatwg(String url) {
        return parse(url).serialize();
    }

    /**
     * The dedupe key: {@link #whatwg} with {@code https} for {@code http} (outlets serve the same
     * article on both), without fragment, without {@code utm_*} and the click-id parameters in
     * {@link #TRACKING_PARAMS}, and without an empty {@code ?}. Host ({@code www.} included), path
     * and the order of the remaining parameters are kept.
     *
     * @throws IllegalArgumentException naming why the text is not an http(s) URL
     */
    public static String canonical(String url) {
        Parsed p = parse(url);
        String query = p.query == null ? null : withoutTracking(p.query);
        String port = p.port;
        if (p.scheme.equals("http") && "443".equals(port)) {
            port = null; // http on 443 is https's default port once the scheme is unified
        }
        return new Parsed("https", p.userinfo, p.host, port, p.path,
                query == null || query.isEmpty() ? null : query, null).serialize();
    }

    private static String withoutTracking(String query) {
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (pair.isEmpty() || name.startsWith("utm_") || TRACKING_PARAMS.contains(name)) {
                continue;
            }
            if (kept.length() > 0) kept.append('&');
            kept.append(pair);
        }
        return kept.toString();
    }

    private record Parsed(String scheme, String userinfo, String host, String port, String path,
                          String query, String fragment) {
        String serialize() {
            StringBuilder sb = new StringBuilder(scheme).append("://");
            if (!userinfo.isEmpty()) sb.append(userinfo).append('@');
            sb.append(host);
            if (port != null) sb.append(':').append(port);
            sb.append(path);
            if (query != null) sb.append('?').append(query);
            if (fragment != null) sb.append('#').append(fragment);
            return sb.toString();
        }
    }

    private static Parsed parse(String input) {
        if (input == null) throw new IllegalArgumentException("URL is missing");
        if (input.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("URL is longer than " + MAX_LENGTH + " characters");
        }
        String s = trimC0AndSpace(input).replaceAll("[\t\n\r]", "");
        int colon = s.indexOf(':');
        if (colon <= 0 || !s.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new IllegalArgumentException("not an absolute URL: " + abbreviate(input));
        }
        String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme " + scheme + " is not http or https: " + abbreviate(input));
        }
        int i = colon + 1;
        while (i < s.length() && (s.charAt(i) == '/' || s.charAt(i) == '\\')) i++;
        int authorityEnd = indexOfAny(s, "/\\?#", i);
        String authority = s.substring(i, authorityEnd);

        int at = authority.lastIndexOf('@');
        String userinfo = at < 0 ? "" : userinfo(authority.substring(0, at));
        String hostPort = authority.substring(at + 1);
        int portColon = hostPort.startsWith("[") ? hostPort.indexOf(':', Math.max(0, hostPort.indexOf(']')))
                                                 : hostPort.indexOf(':');
        String rawHost = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
        String host = UrlHost.parse(rawHost, input);
        String port = portColon < 0 ? null : port(hostPort.substring(portColon + 1), scheme, input);

        int queryStart = s.indexOf('?', authorityEnd);
        int hash = s.indexOf('#', authorityEnd);
        if (queryStart > hash && hash >= 0) queryStart = -1;
        int pathEnd = queryStart >= 0 ? queryStart : hash >= 0 ? hash : s.length();
        String path = path(s.substring(authorityEnd, pathEnd));
        String query = queryStart < 0 ? null
                : encode(s.substring(queryStart + 1, hash >= 0 ? hash : s.length()), QUERY_SET);
        String fragment = hash < 0 ? null : encode(s.substring(hash + 1), FRAGMENT_SET);
        return new Parsed(scheme, userinfo, host, port, path, query, fragment);
    }

    private static String userinfo(String raw) {
        int c = raw.indexOf(':');
        String user = encode(c < 0 ? raw : raw.substring(0, c), USERINFO_SET);
        String pass = c < 0 ? "" : encode(raw.substring(c + 1), USERINFO_SET);
        if (user.isEmpty() && pass.isEmpty()) return "";
        return pass.isEmpty() ? user : user + ":" + pass;
    }

    private static String port(String raw, String scheme, String input) {
        if (raw.isEmpty()) return null;
        if (!raw.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException("port '" + abbreviate(raw) + "' is not a number: " + abbreviate(input));
        }
        String digits = raw.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
            throw new IllegalArgumentException("port " + abbreviate(raw) + " is out of range: " + abbreviate(input));
        }
        boolean isDefault = scheme.equals("http") ? digits.equals("80") : digits.equals("443");
        return isDefault ? null : digits;
    }

    /** The path after the host, with {@code .}/{@code ..} resolved as the WHATWG path state does. */
    private static String path(String raw) {
        String p = raw.replace('\\', '/');
        if (p.startsWith("/")) p = p.substring(1);
        List<String> out = new ArrayList<>();
        String[] segments = p.split("/", -1);
        for (int k = 0; k < segments.length; k++) {
            String seg = segments[k];
            boolean last = k == segments.length - 1;
            String lower = seg.toLowerCase(Locale.ROOT);
            boolean dot = lower.equals(".") || lower.equals("%2e");
            boolean dotDot = lower.equals("..") || lower.equals(".%2e") || lower.equals("%2e.") || lower.equals("%2e%2e");
            if (dotDot) {
                if (!out.isEmpty()) out.remove(out.size() - 1);
                if (last) out.add("");
            } else if (dot) {
                if (last) out.add("");
            } else {
                out.add(encode(seg, PATH_SET));
            }
        }
        return "/" + String.join("/", out);
    }

    /** Percent-encodes C0 controls, everything above U+007E and the given ASCII characters. */
    static String encode(String s, String set) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            boolean escape = cp < 0x20 || cp > 0x7E || set.indexOf(cp) >= 0;
            if (escape && sb == null) sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            if (escape) {
                String one = Character.isSurrogate((char) cp) ? "\uFFFD" : new String(Character.toChars(cp));
                for (byte b : one.getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                      .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            } else if (sb != null) {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        return sb == null ? s : sb.toString();
    }

    private static String trimC0AndSpace(String s) {
        int b = 0, e = s.length();
        while (b < e && s.charAt(b) <= ' ') b++;
        while (e > b && s.charAt(e - 1) <= ' ') e--;
        return s.substring(b, e);
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) return i;
        }
        return s.length();
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("[\\p{Cntrl}]", "?");
        return one.length() <= 200 ? one : one.substring(0, 200) + "…";
    }

    /** The WHATWG host parser for special schemes: domain (with IDNA), IPv4 or bracketed IPv6. */
    private static final class UrlHost {
        static String parse(String raw, String input) {
            if (raw.isEmpty()) throw new IllegalArgumentException("URL has no host: " + abbreviate(input));
            if (raw.startsWith("[")) {
                if (!raw.endsWith("]")) throw new IllegalArgumentException("unclosed IPv6 host: " + abbreviate(input));
                return "[" + Ipv6.serialize(Ipv6.parse(raw.substring(1, raw.length() - 1), input)) + "]";
            }
            String domain = percentDecode(raw);
            String ascii;
            if (domain.chars().allMatch(ch -> ch < 0x80)) {
                ascii = domain.toLowerCase(Locale.ROOT);
            } else {
                try {
                    ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("host is not a valid domain name (" + e.getMessage()
                            + "): " + abbreviate(input));
                }
            }
            if (ascii.isEmpty()) throw new IllegalArgumentException("URL has no host: " + abbreviate(input));
            for (int i = 0; i < ascii.length(); i++) {
                char ch = ascii.charAt(i);
                if (ch <= 0x1F || ch == 0x7F || ch > 0x7F || FORBIDDEN_DOMAIN.indexOf(ch) >= 0) {
                    throw new IllegalArgumentException("host contains forbidden character '" + abbreviate(String.valueOf(ch))
                            + "': " + abbreviate(input));
                }
            }
            return Ipv4.endsInANumber(ascii) ? Ipv4.parse(ascii, input) : ascii;
        }

        private static String percentDecode(String s) {
            if (s.indexOf('%') < 0) return s;
            byte[] in = s.getBytes(StandardCharsets.UTF_8);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
            for (int i = 0; i < in.length; i++) {
                if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                    out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                    i += 2;
                } else {
                    out.write(in[i]);
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        private static int hex(byte b) {
            return b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
        }
    }

    /** WHATWG IPv4 host parsing: {@code 0x7f.1} is {@code 127.0.0.1}. */
    private static final class Ipv4 {
        static boolean endsInANumber(String host) {
            List<String> parts = new ArrayList<>(List.of(host.split("\\.", -1)));
            if (parts.get(parts.size() - 1).isEmpty()) {
                if (parts.size() == 1) return false;
                parts.remove(parts.size() - 1);
            }
            String last = parts.get(parts.size() - 1);
            return (!last.isEmpty() && last.chars().allMatch(ch -> ch >= '0' && ch <= '9')) || number(last) >= 0;
        }

        static String parse(String host, String input) {
            List<String> parts = new ArrayList<>(List.of(host.split("\\.", -1)));
            if (parts.get(parts.size() - 1).isEmpty() && parts.size() > 1) parts.remove(parts.size() - 1);
            if (parts.size() > 4) throw new IllegalArgumentException("IPv4 host has more than four parts: " + abbreviate(input));
            long[] n = new long[parts.size()];
            for (int i = 0; i < n.length; i++) {
                n[i] = number(parts.get(i));
                if (n[i] < 0) throw new IllegalArgumentException("host looks like IPv4 but is not: " + abbreviate(input));
                if (i < n.length - 1 && n[i] > 255) throw new IllegalArgumentException("IPv4 part out of range: " + abbreviate(input));
            }
            long last = n[n.length - 1];
            if (last >= 1L << (8 * (5 - n.length))) throw new IllegalArgumentException("IPv4 host out of range: " + abbreviate(input));
            long ip = last;
            for (int i = 0; i < n.length - 1; i++) ip += n[i] << (8 * (3 - i));
            return (ip >> 24 & 255) + "." + (ip >> 16 & 255) + "." + (ip >> 8 & 255) + "." + (ip & 255);
        }

        /** The number a part denotes (decimal, 0x hex, 0 octal), or -1 when it is not one. */
        static long number(String part) {
            if (part.isEmpty()) return -1;
            int radix = 10;
            String digits = part;
            if (part.length() >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
                radix = 16;
                digits = part.substring(2);
            } else if (part.length() >= 2 && part.startsWith("0")) {
                radix = 8;
                digits = part.substring(1);
            }
            if (digits.isEmpty()) return 0;
            int r = radix;
            if (!digits.chars().allMatch(ch -> ch < 0x80 && Character.digit(ch, r) >= 0)) return -1;
            String significant = digits.replaceFirst("^0+(?=.)", "");
            return significant.length() > 12 ? Long.MAX_VALUE / 2 : Long.parseLong(significant, radix);
        }
    }

    /** WHATWG IPv6 parsing and serialisation (longest zero run compressed, lower-case hex). */
    private static final class Ipv6 {
        static int[] parse(String s, String input) {
            IllegalArgumentException bad = new IllegalArgumentException("invalid IPv6 host: " + abbreviate(input));
            int[] address = new int[8];
            int piece = 0, compress = -1, i = 0, n = s.length();
            if (n > 0 && s.charAt(0) == ':') {
                if (!s.startsWith("::")) throw bad;
                i = 2;
                compress = ++piece;
            }
            while (i < n) {
                if (piece == 8) throw bad;
                if (s.charAt(i) == ':') {
                    if (compress >= 0) throw bad;
                    i++;
                    compress = ++piece;
                    continue;
                }
                int value = 0, length = 0;
                while (length < 4 && i < n && isHex(s.charAt(i))) {
                    value = value * 16 + Character.digit(s.charAt(i), 16);
                    i++;
                    length++;
                }
                if (i < n && s.charAt(i) == '.') {
                    if (length == 0 || piece > 6) throw bad;
                    i -= length;
                    int seen = 0;
                    while (i < n) {
                        if (seen > 0) {
                            if (s.charAt(i) != '.' || seen >= 4) throw bad;
                            i++;
                        }
                        if (i >= n || s.charAt(i) < '0' || s.charAt(i) > '9') throw bad;
                        int v = -1;
                        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                            if (v == 0) throw bad;
                            v = (v < 0 ? 0 : v * 10) + (s.charAt(i) - '0');
                            if (v > 255) throw bad;
                            i++;
                        }
                        address[piece] = address[piece] * 0x100 + v;
                        seen++;
                        if (seen == 2 || seen == 4) piece++;
                    }
                    if (seen != 4) throw bad;
                    break;
                }
                if (i < n) {
                    if (s.charAt(i) != ':') throw bad;
                    i++;
                    if (i == n) throw bad;
                }
                address[piece++] = value;
            }
            if (compress >= 0) {
                int swaps = piece - compress;
                piece = 7;
                while (piece != 0 && swaps > 0) {
                    int t = address[piece];
                    address[piece] = address[compress + swaps - 1];
                    address[compress + swaps - 1] = t;
                    piece--;
                    swaps--;
                }
            } else if (piece != 8) {
                throw bad;
            }
            return address;
        }

        private static boolean isHex(char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }

        static String serialize(int[] pieces) {
            int bestStart = -1, bestLen = 1;
            for (int i = 0; i < 8; ) {
                if (pieces[i] != 0) { i++; continue; }
                int j = i;
                while (j < 8 && pieces[j] == 0) j++;
                if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
                i = j;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    sb.append(i == 0 ? "::" : ":");
                    i += bestLen - 1;
                    continue;
                }
                sb.append(Integer.toHexString(pieces[i]));
                if (i < 7) sb.append(':');
            }
            return sb.toString();
        }
    }
}
