package org.newsvault.metrics;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The {@code listen:} setting: {@code host:port}, {@code [v6]:port}, or just {@code port} (then loopback).
 * A host is only ever what the user wrote: the default is 127.0.0.1, never all interfaces.
 */
public final class ListenAddress {
    private ListenAddress() {}

    public static InetSocketAddress parse(String listen) {
        String s = listen.trim();
        String host = "127.0.0.1";
        String port = s;
        int colon = s.lastIndexOf(':');
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0 || colon < end) throw bad(listen);
            host = s.substring(1, end);
            port = s.substring(end + 2);
        } else if (colon >= 0) {
            if (s.indexOf(':') != colon) throw bad(listen);
            if (colon > 0) host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw bad(listen);
        }
        if (p < 0 || p > 65535) throw bad(listen);
        try {
            return new InetSocketAddress(InetAddress.getByName(host), p);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("listen: unknown host '" + host + "'");
        }
    }

    private static IllegalArgumentException bad(String listen) {
        return new IllegalArgumentException("listen: '" + listen + "' must look like 127.0.0.1:9090 or 9090");
    }
}
