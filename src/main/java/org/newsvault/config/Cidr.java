package org.newsvault.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An address range of {@code http.allow-private}: {@code 10.1.0.0/16}, {@code fd00::/8}, or a single address
 * ({@code 192.168.1.20} = /32). Parsed without DNS: only address literals are accepted.
 *
 * @param network the first address of the range (host bits zero)
 * @param bits    prefix length
 */
public record Cidr(InetAddress network, int bits) {
    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** @throws IllegalArgumentException with a message for the user when {@code text} is not a CIDR */
    public static Cidr parse(String text) {
        String s = text == null ? "" : text.trim();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (!V4.matcher(addr).matches() && !V6.matcher(addr).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an address range like 10.0.0.0/8 or fd00::/8");
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(addr); // a literal: no DNS query
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address range like 10.0.0.0/8 or fd00::/8");
        }
        int max = a.getAddress().length * 8;
        int bits = max;
        if (slash >= 0) {
            String b = s.substring(slash + 1);
            if (!b.matches("\\d{1,3}") || Integer.parseInt(b) > max) {
                throw new IllegalArgumentException("'" + text + "': the prefix length must be 0 to " + max);
            }
            bits = Integer.parseInt(b);
        }
        byte[] masked = mask(a.getAddress(), bits);
        try {
            InetAddress network = InetAddress.getByAddress(masked);
            if (!network.equals(a)) {
                throw new IllegalArgumentException("'" + text + "' has bits set after the prefix; did you mean "
                    + network.getHostAddress() + "/" + bits + "?");
            }
            return new Cidr(network, bits);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address range", e);
        }
    }

    /** True when {@code a} is of the same family and inside the range. */
    public boolean contains(InetAddress a) {
        byte[] x = a.getAddress();
        byte[] n = network.getAddress();
        return x.length == n.length && java.util.Arrays.equals(mask(x, bits), n);
    }

    private static byte[] mask(byte[] addr, int bits) {
        byte[] out = addr.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + bits;
    }
}
