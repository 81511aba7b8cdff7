package org.newsvault.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
 * it, nothing else. Requests wait for their host in a {@link Frontier} (per-host concurrency and gap, priority,
 * round-robin over hosts), never in a thread. Transient failures are retried up to {@link HttpSettings#retries()}
 * times with jittered exponential backoff, each retry queued again with a not-before time; a Retry-After (429/503)
 * pauses that host when it is short, and otherwise is returned as {@link Kind#RATE_LIMITED} with
 * {@link FetchException#retryAfter()} so the scheduler backs off.
 *
 * <p>Create one per process and share it: the per-host limits live in the instance's frontier.
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
    private final Frontier frontier;

    /** Threads sending requests, over all hosts (they never wait for a host: the {@link Frontier} does). */
    public static final int FETCH_THREADS = 16;

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
        this.follower = new RedirectFollower(new BodyReader(settings.maxBodyBytes()), classifier, settings.maxRedirects(), settings.callTimeout(),
            tuning.clock(), policy, tuning.dns());
        this.files = new FileFetcher(settings.maxBodyBytes(), tuning.clock());
        this.backoff = new Backoff(tuning.backoffBase(), tuning.backoffCap(), tuning.jitter());
        this.frontier = new Frontier(FETCH_THREADS, settings.perHostConcurrency(), settings.perHostGap(),
            tuning.ticker(), "nv-fetch");
    }

    /** Reserves every request's start with {@code pacer} too: per-host spacing for several nodes (see {@link HostPacer}). */
    public void pace(HostPacer pacer) {
        frontier.pace(pacer);
    }

    /** The per-host queues: their depth and waits (metrics, status). */
    public java.util.List<Frontier.HostLoad> hostLoads() {
        return frontier.snapshot();
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
        return fetch(request, Priority.PAGE);
    }

    @Override
    public FetchResult fetch(FetchRequest request, Priority priority) throws FetchException {
        CompletableFuture<FetchResult> f = submit(request, priority);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(false); // dropped from its host's queue if not sent yet
            throw new FetchException(Kind.TIMEOUT, request.url(), "interrupted while waiting for "
                + request.url().getHost(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FetchException fe) throw fe;
            throw new FetchException(Kind.IO, request.url(), "internal error: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Queues an http(s) request on its host in the frontier; a {@code file:} URL is read at once, and a request that
     * cannot be sent at all fails at once.
     */
    @Override
    public CompletableFuture<FetchResult> submit(FetchRequest request, Priority priority) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(priority, "priority");
        URI uri = Objects.requireNonNull(request.url(), "request.url");
        long start = System.nanoTime();
        try {
            if ("file".equalsIgnoreCase(uri.getScheme())) {
                if (!request.allowFile()) {
                    throw new FetchException(Kind.BLOCKED, uri, "file: URLs are not allowed here", null);
                }
                return CompletableFuture.completedFuture(files.fetch(uri, start)); // local: nothing to wait for
            }
            return frontier.submit(job(request, uri, start), priority);
        } catch (FetchException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Frontier.Job job(FetchRequest request, URI uri, long start) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
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
        return new HttpJob(client, new RedirectFollower.Chain(url, request, start));
    }

    /**
     * One request in the frontier: each turn one hop. A transient failure with retries left is a turn that is not
     * due before its backoff (or the server's Retry-After, which also pauses that host), so no thread waits for it.
     */
    private final class HttpJob implements Frontier.Job {
        private final OkHttpClient client;
        private final RedirectFollower.Chain chain;
        private int attempt;

        HttpJob(OkHttpClient client, RedirectFollower.Chain chain) {
            this.client = client;
            this.chain = chain;
        }

        @Override
        public String host() {
            return chain.host();
        }

        @Override
        public URI url() {
            return chain.request.url();
        }

        @Override
        public Frontier.Turn run() {
            try {
                FetchResult r = follower.hop(client, chain);
                return r != null ? Frontier.Turn.done(r) : Frontier.Turn.next();
            } catch (FetchException e) {
                if (!e.kind().transientFailure() || attempt >= settings.retries()) {
                    return Frontier.Turn.failed(e);
                }
                Duration wait = e.retryAfter() != null ? e.retryAfter() : backoff.delay(attempt);
                if (wait.compareTo(tuning.maxRetryAfter()) > 0) {
                    return Frontier.Turn.failed(e); // carries retryAfter: the scheduler waits, not the frontier
                }
                attempt++;
                log.debug("retry {} of {} in {}: {}", attempt, chain.request.url(), wait, e.getMessage());
                chain.restart();
                return Frontier.Turn.retryAt(tuning.ticker().nanos() + wait.toNanos(), e.retryAfter() != null);
            }
        }
    }

    /**
     * Stops waiting for hosts: every request that would have to wait for its host's turn (queued behind a gap or a
     * busy host, a retry not yet due), now or later, fails with {@link FetcherStoppedException}; a request whose host
     * may be asked at once is still sent, and requests in flight finish. A stopping daemon calls this first: a host
     * with fifty pages queued behind its gap would otherwise keep its poll running past the stop bound.
     */
    public void stopQueued() {
        frontier.drain();
    }

    /** Stops idle connections and the dispatcher; in-flight fetches fail with a canceled I/O error. */
    @Override
    public void close() {
        frontier.close();
        base.dispatcher().cancelAll();
        base.dispatcher().executorService().shutdown();
        base.connectionPool().evictAll();
    }
}
