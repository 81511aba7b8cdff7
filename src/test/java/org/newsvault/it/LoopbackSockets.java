package org.newsvault.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import javax.net.ServerSocketFactory;

/**
 * Server sockets for a MockWebServer on 127.0.0.2 and up that never ask DNS. MockWebServer's {@code RecordedRequest}
 * looks up the name of the accepted socket's local address on every request ({@code InetAddress.getHostName}); for a
 * loopback address that {@code /etc/hosts} does not list, that is a reverse query to the configured name server,
 * which on this machine now and then answers only after its 5 s retry: the request then reaches the test's
 * dispatcher after the client's 2 s read timeout (it showed as 1–3 of 120 pages timing out, the server seeing them
 * seconds later). An accepted socket here reports its local address with the literal preset as its name, so the
 * lookup never happens.
 */
final class LoopbackSockets extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                Socket s = new Socket() {
                    @Override
                    public InetAddress getLocalAddress() {
                        InetAddress a = super.getLocalAddress();
                        try {
                            return InetAddress.getByAddress(a.getHostAddress(), a.getAddress());
                        } catch (UnknownHostException e) {
                            return a; // not reached: the address has a valid length
                        }
                    }
                };
                implAccept(s);
                return s;
            }
        };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return createServerSocket(port, 50, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return createServerSocket(port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        ServerSocket s = createServerSocket();
        s.bind(new InetSocketAddress(address, port), backlog);
        return s;
    }
}
