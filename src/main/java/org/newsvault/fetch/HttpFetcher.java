package org.newsvault.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.newsvault.config.FeedConfig;
import org.newsvault.config.HttpSettings;
import org.newsvault.config.OutletConfig;
import org.newsvault.fetch.FetchException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Fetcher}: http/https through one shared OkHttpClient, {@code file:} when the request allows
 * it, nothing else. Transient failures are retried up to {@link HttpSettings#retries()} times with
 * jittered exponential backoff; a Retry-After (429/503) is slept through when it is short, and otherwise
 * returned as {@link Kind#RATE_LIMITED} with {@link FetchException#retryAfter()} so the scheduler backs
 * off instead of a worker thread.
 *
 * <p>Create one per process and share it: the per-host limits live in the instance.
 * The body of a result is decompressed while the recorded headers are exactly what the server sent
 * (including any Content-Encoding). On a 304 without validators, the request's validators are echoed.
 * A failure's URL is the hop that failed (the redirect target, when there was one).
 *
 * <p>Every request, redirect hop included, goes through the {@link AddressPolicy}: only public addresses, plus
 * the hosts of configured feeds ({@link #allowHosts}, as written) and the {@code http.allow-private} ranges. A
 * refusal is {@link Kind#BLOCKED} and never retried. Until {@link #allowHosts} is called no host is configured.
 */
public final class HttpFetcher implements Fetcher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);

    private final HttpSettings settings;
    private final Tuning tuning;
    private final OkHttpClient base;
    private final ProxyClients clients;
    private final RedirectFollower follower;
    private final FileFetcher files;
    private final Backoff backoff;
    private final AddressPolicy policy;

    /** @throws IllegalArgumentException when the configured proxy is malformed */
    public HttpFetcher(HttpSettings settings) {
        this(settings, Tuning.DEFAULTS);
    }

    HttpFetcher(HttpSettings settings, Tuning tuning) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        if (settings.maxBodyBytes() <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + settings.maxBodyBytes());
        }
        this.policy = new AddressPolicy(settings.allowPrivateRanges());
        this.base = new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.readTimeout())
            .callTimeout(Duration.ZERO) // RedirectFollower sets each call's share of the budget
            .followRedirects(false)
            .followSslRedirects(false)
            .proxy(java.net.Proxy.NO_PROXY)
            .dns(policy.dns(tuning.dns()))
            .socketFactory(new CheckedSockets(policy, tuning.connectGuard()))
            .addInterceptor(new DefaultHeaders(settings.userAgent() == null || settings.userAgent().isBlank()
                ? HttpSettings.USER_AGENT : settings.userAgent()))
            .build();
        this.clients = new ProxyClients(base, settings.proxy(), tuning.dns(),
            new CheckedSockets(null, tuning.connectGuard()));
        FailureClassifier classifier = new FailureClassifier(settings, tuning.clock());
        this.follower = new RedirectFollower(new HostLimiter(settings.perHostConcurrency(), settings.perHostGap()),
            new BodyReader(settings.maxBodyBytes()), classifier, settings.maxRedirects(), settings.callTimeout(),
            tuning.clock(), policy, tuning.dns());
        this.files = new FileFetcher(settings.maxBodyBytes(), tuning.clock());
        this.backoff = new Backoff(tuning.backoffBase(), tuning.backoffCap(), tuning.jitter());
    }

    /**
     * The hosts fetched even when they resolve to a loopback or private address: the hosts of the configured
     * feeds, compared as written (a local mirror serving its feed and pages). Replaces the previous set; call it
     * on every config load.
     */
    public void allowHosts(Collection<String> hosts) {
        policy.allowHosts(hosts);
    }

    /** The hosts of every http(s) feed of {@code outlets}, enabled or not: what {@link #allowHosts} takes. */
    public static Set<String> feedHosts(List<OutletConfig> outlets) {
        Set<String> hosts = new LinkedHashSet<>();
        for (OutletConfig o : outlets) {
            for (FeedConfig f : o.feeds()) {
                HttpUrl u = f.url() == null ? null : HttpUrl.parse(f.url().trim());
                if (u != null) hosts.add(u.host());
            }
        }
        return hosts;
    }

    @Override
    public FetchResult fetch(FetchRequest request) throws FetchException {
        Objects.requireNonNull(request, "request");
        URI uri = Objects.requireNonNull(request.url(), "request.url");
        long start = System.nanoTime();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            if (!request.allowFile()) {
                throw new FetchException(Kind.BLOCKED, uri, "file: URLs are not allowed here", null);
            }
            return files.fetch(uri, start);
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(Kind.BLOCKED, uri,
                scheme.isEmpty() ? "URL has no scheme" : scheme + ": URLs are not fetched", null);
        }
        HttpUrl url = HttpUrl.parse(uri.toString());
        if (url == null) {
            throw new FetchException(Kind.BLOCKED, uri, "not a valid URL", null);
        }
        OkHttpClient client;
        try {
            client = clients.forProxy(request.proxy());
        } catch (IllegalArgumentException e) {
            throw new FetchException(Kind.BLOCKED, uri, e.getMessage(), e);
        }
        return withRetries(client, url, request, start);
    }

    private FetchResult withRetries(OkHttpClient client, HttpUrl url, FetchRequest request, long start)
        throws FetchException {
        for (int attempt = 0; ; attempt++) {
            try {
                return follower.fetch(client, url, request, start);
            } catch (FetchException e) {
                if (!e.kind().transientFailure() || attempt >= settings.retries()
                    || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                Duration wait = e.retryAfter() != null ? e.retryAfter() : backoff.delay(attempt);
                if (wait.compareTo(tuning.maxRetryAfter()) > 0) {
                    throw e; // carries retryAfter: the scheduler waits, not this thread
                }
                log.debug("retry {} of {} in {}: {}", attempt + 1, request.url(), wait, e.getMessage());
                try {
                    tuning.sleeper().sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Stops idle connections and the dispatcher; in-flight fetches fail with a canceled I/O error. */
    @Override
    public void close() {
        base.dispatcher().cancelAll();
        base.dispatcher().executorService().shutdown();
        base.connectionPool().evictAll();
    }
}
