package org.newsvault.config;

/**
 * The {@code listen:} setting as written: {@code port}, {@code host:port}, {@code :port} or {@code [v6]:port}, port
 * 0–65535 (0: any free port). Split here only, without a name lookup, so that config loading (every command) and the
 * daemon's bind read the same syntax; an empty host means "not given" (the daemon then binds loopback).
 */
public record Listen(String host, int port) {

    /** @throws IllegalArgumentException with a message that names what is wrong, without the key */
    public static Listen parse(String listen) {
        String s = listen.trim();
        String host = "";
        String port = s;
        int colon = s.lastIndexOf(':');
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0 || colon != end + 1) throw bad(listen);
            host = s.substring(1, end);
            port = s.substring(colon + 1);
        } else if (colon >= 0) {
            if (s.indexOf(':') != colon) throw bad(listen);
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        if (host.contains(" ") || host.contains("/")) throw bad(listen);
        if (!port.matches("[0-9]{1,5}")) throw bad(listen);
        int p = Integer.parseInt(port);
        if (p > 65535) throw new IllegalArgumentException("port " + p + " is out of range (0-65535)");
        return new Listen(host, p);
    }

    private static IllegalArgumentException bad(String listen) {
        return new IllegalArgumentException("'" + listen + "' must look like 127.0.0.1:9090, [::1]:9090 or 9090");
    }
}
