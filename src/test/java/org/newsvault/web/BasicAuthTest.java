package org.newsvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.ZoneOffset;
import okhttp3.Credentials;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.config.WebSettings;
import org.slf4j.LoggerFactory;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BasicAuthTest {
    static final String HASH = PasswordHash.hash("秘密 pass".toCharArray(), 1000);
    WebFixture fx;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        fx = new WebFixture(dir, "web:\n  user: reader\n  password-hash: \"" + HASH + "\"\n");
    }

    @AfterAll
    void stop() {
        if (fx != null) fx.close();
    }

    @Test
    void keptImagesNeedThePasswordTooAndNoSharedCacheKeepsThem() throws Exception {
        try (Response r = fx.get("/images/" + fx.pngSha)) {
            assertThat(r.code()).isEqualTo(401);
            assertThat(r.body().bytes()).isNotEqualTo(WebFixture.PNG);
        }
        String good = Credentials.basic("reader", "秘密 pass", java.nio.charset.StandardCharsets.UTF_8);
        try (Response r = fx.get("/images/" + fx.pngSha, "Authorization", good)) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Cache-Control")).isEqualTo("private, max-age=31536000, immutable");
            assertThat(r.body().bytes()).isEqualTo(WebFixture.PNG);
        }
    }

    @Test
    void everyPageNeedsThePasswordButHealth() throws Exception {
        for (String path : new String[] {"/", "/article/" + fx.edited, "/status", "/static/style.css", "/nope"}) {
            try (Response r = fx.get(path)) {
                assertThat(r.code()).as(path).isEqualTo(401);
                assertThat(r.header("WWW-Authenticate")).startsWith("Basic realm=\"newsvault\"");
                ReadingRoomTest.pageHeaders(r.headers());
                assertThat(r.body().string()).doesNotContain("修改后的标题");
            }
        }
        String good = Credentials.basic("reader", "秘密 pass", java.nio.charset.StandardCharsets.UTF_8);
        try (Response r = fx.get("/", "Authorization", good)) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().string()).contains("修改后的标题");
            ReadingRoomTest.pageHeaders(r.headers());
        }
        assertThat(fx.page("/article/" + fx.edited, "Authorization", good).status()).isEqualTo(200);
        assertThat(fx.page("/nope", "Authorization", good).status()).isEqualTo(404);
        for (String bad : new String[] {Credentials.basic("reader", "wrong"), Credentials.basic("other", "秘密 pass",
            java.nio.charset.StandardCharsets.UTF_8), "Basic !!!", "Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes()),
            "Bearer x", Credentials.basic("reader", "秘密 pass") /* ISO-8859-1: not the same bytes */}) {
            assertThat(fx.page("/", "Authorization", bad).status()).as(bad).isEqualTo(401);
        }
    }

    @Test
    void passwordHashes() {
        String h = PasswordHash.hash("pw".toCharArray(), 1000);
        assertThat(h).matches(WebSettings.HASH.pattern()).startsWith("pbkdf2-sha256:1000:");
        assertThat(PasswordHash.verify("pw".toCharArray(), h)).isTrue();
        assertThat(PasswordHash.verify("pW".toCharArray(), h)).isFalse();
        assertThat(PasswordHash.verify("pw".toCharArray(), "plain")).isFalse();
        assertThat(PasswordHash.hash("pw".toCharArray(), 1000)).isNotEqualTo(h); // salted
        assertThat(PasswordHash.hash("pw".toCharArray())).startsWith("pbkdf2-sha256:" + PasswordHash.ITERATIONS + ":");
    }

    @Test
    void aNonLoopbackAddressWithoutAPasswordIsWarnedAbout() {
        Logger logger = (Logger) LoggerFactory.getLogger(ReadingRoom.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try {
            ReadingRoom.warnIfOpen("127.0.0.1:8080", WebSettings.DEFAULTS);
            ReadingRoom.warnIfOpen("[::1]:8080", WebSettings.DEFAULTS);
            ReadingRoom.warnIfOpen("0.0.0.0:8080", new WebSettings("u", HASH, false, ZoneOffset.UTC));
            assertThat(seen.list).isEmpty();
            ReadingRoom.warnIfOpen("0.0.0.0:8080", WebSettings.DEFAULTS);
            assertThat(seen.list).hasSize(1);
            assertThat(seen.list.get(0).getLevel()).hasToString("WARN");
            assertThat(seen.list.get(0).getFormattedMessage()).contains("0.0.0.0:8080 without a password");
        } finally {
            logger.detachAppender(seen);
        }
    }
}
