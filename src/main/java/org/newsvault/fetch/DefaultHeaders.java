package org.newsvault.fetch;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the headers every request carries. Setting Accept-Encoding here turns off OkHttp's transparent
 * gzip on purpose: {@link BodyReader} decompresses itself so that the size cap counts decompressed bytes
 * and the recorded headers stay as the server sent them.
 */
final class DefaultHeaders implements Interceptor {
    static final String ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
        + "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.8";

    private final String userAgent;

    DefaultHeaders(String userAgent) {
        this.userAgent = userAgent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Request.Builder b = request.newBuilder().header("User-Agent", userAgent);
        if (request.header("Accept") == null) {
            b.header("Accept", ACCEPT);
        }
        if (request.header("Accept-Encoding") == null) {
            b.header("Accept-Encoding", "gzip");
        }
        return chain.proceed(b.build());
    }
}
