package org.newsvault.metrics;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.newsvault.config.Listen;

/**
 * The {@code listen:} setting: {@code host:port}, {@code [v6]:port}, or just {@code port} (then loopback).
 * A host is only ever what the user wrote: the default is 127.0.0.1, never all interfaces.
 */
public final class ListenAddress {
    private ListenAddress() {}

    public static InetSocketAddress parse(String listen) {
        Listen spec;
        try {
            spec = Listen.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("listen: " + e.getMessage());
        }
        String host = spec.host().isEmpty() ? "127.0.0.1" : spec.host();
        try {
            return new InetSocketAddress(InetAddress.getByName(host), spec.port());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("listen: unknown host '" + host + "'");
        }
    }
}
