package org.newsvault.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * Sockets that check their destination in {@code connect()}: the last line of the address policy, below
 * OkHttp, so that no route (an IP-literal host, which OkHttp 4.12 does not pass to {@code Dns}; any future
 * fallback path) reaches an address the policy refuses. Through an HTTP proxy the socket goes to the configured
 * proxy, so those sockets are made with {@code policy == null} and only the {@link ConnectGuard} applies.
 */
final class CheckedSockets extends SocketFactory {
    /** A check before every connect; tests inject one that refuses anything but loopback. */
    @FunctionalInterface
    interface ConnectGuard {
        ConnectGuard NONE = target -> { };

        void check(InetSocketAddress target) throws IOException;
    }

    private final AddressPolicy policy;
    private final ConnectGuard guard;

    CheckedSockets(AddressPolicy policy, ConnectGuard guard) {
        this.policy = policy;
        this.guard = guard;
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public void connect(SocketAddress endpoint, int timeout) throws IOException {
                if (!(endpoint instanceof InetSocketAddress target)) {
                    throw new AddressBlockedException("not an internet address: " + endpoint);
                }
                if (policy != null) policy.check(target);
                guard.check(target);
                super.connect(endpoint, timeout);
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress target, InetSocketAddress local) throws IOException {
        Socket s = createSocket();
        try {
            if (local != null) s.bind(local);
            s.connect(target);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
