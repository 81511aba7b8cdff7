package org.newsvault.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The fixture files under {@code src/test/resources/render/}. */
final class Fixtures {
    private Fixtures() {}

    static final List<String> SEEDS = List.of(
            "seeds/000_016469c714a2c238.txt",
            "seeds/001_3facb4a6a5838063.txt",
            "seeds/002_6c8018e4e619dbc1.txt",
            "seeds/003_b2868bf1b7a93490.txt",
            "seeds/004_e53f636a1fba136f.txt");

    /** Files of the older Jekyll writer (no {@code comments: True}), from news-beyond-wall (MIT). */
    static final List<String> OLDER = List.of(
            "older/bbc-zhongwen-2014-09-24-69d39a0106.md",
            "older/bbc-zhongwen-2020-09-03-470663ba38.md",
            "older/bbc-zhongwen-2021-01-07-d12c373884.md",
            "older/dw-chinese-2020-07-22-c7d542ddae.md",
            "older/dw-chinese-2021-01-26-2621ef125b.md",
            "older/voa-chinese-2020-07-18-fff3dabaaf.md");

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/render/" + name)) {
            if (in == null) throw new IllegalStateException("missing fixture " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }
}
