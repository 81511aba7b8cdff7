package org.newsvault.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.newsvault.Newsvault;
import org.newsvault.images.ImageRef;
import org.newsvault.images.ImageRefs;
import org.newsvault.model.ContentHash;
import org.newsvault.model.ImageRole;
import org.newsvault.model.ImageState;
import org.newsvault.render.ArticleFileReader;
import org.newsvault.store.ArticleQuery;
import org.newsvault.store.ArticleRow;

/**
 * The exports of an archive whose images are kept: the five seeds imported, and every image their bodies reference
 * kept through the real {@code OriginalStore} (one of them gone at the outlet), the way the image worker leaves them.
 */
class ExportImagesTest {
    @TempDir
    Path dir;
    /** Original URL → the bytes kept for it. */
    final Map<String, byte[]> kept = new LinkedHashMap<>();
    final Map<String, org.newsvault.model.Original> originals = new HashMap<>();
    /** The articles with at least one kept image. */
    final Set<Long> pointed = new HashSet<>();
    String goneUrl;
    long articlesWithImages;

    @BeforeEach
    void archiveWithImages() throws Exception {
        Path seeds = TestArchives.seeds(dir.resolve("seeds"));
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            assertThat(Importer.of(nv).run(List.of(seeds), (f, o, r) -> {}).imported()).isEqualTo(5);
            List<ArticleRow> rows = new ArrayList<>();
            nv.articles.stream(ArticleQuery.ALL, rows::add);
            Instant now = Instant.parse("2024-07-01T00:00:00Z");
            String[] formats = {"png", "jpg", "gif"};
            String[] types = {"image/png", "image/jpeg", "image/gif"};
            int n = 0;
            for (ArticleRow row : rows) {
                List<ImageRef> refs = ImageRefs.of(row.file().bodyHtml(), URI.create(row.canonicalUrl()), null);
                if (!refs.isEmpty()) articlesWithImages++;
                for (ImageRef ref : refs) {
                    if (goneUrl == null && n == 2) {
                        goneUrl = ref.url();
                        TestImages.unstored(nv.db, row.id(), ref.url(), ref.role(), ref.position(), ImageState.GONE, 0, "HTTP 404", now);
                        n++;
                        continue;
                    }
                    // an image two articles show (RFA's zoom icon) is kept once, with one original row
                    byte[] bytes = kept.computeIfAbsent(ref.url(), u -> TestImages.image(formats[kept.size() % 3], kept.size()));
                    String type = types[java.util.Arrays.asList(formats).indexOf(format(bytes))];
                    org.newsvault.model.Original o = originals.get(ref.url());
                    if (o == null) {
                        originals.put(ref.url(), TestImages.stored(nv.db, nv.originals, row.id(), ref.url(), ref.role(), ref.position(),
                            bytes, type, now));
                    } else {
                        TestImages.storedAgain(nv.db, row.id(), o, ref.role(), ref.position(), type, now);
                    }
                    pointed.add(row.id());
                    n++;
                }
            }
        }
        assertThat(goneUrl).isNotNull();
        assertThat(kept).hasSizeGreaterThan(5);
    }

    private static String format(byte[] b) {
        if (b[0] == (byte) 0x89) return "png";
        if (b[0] == (byte) 0xFF) return "jpg";
        return "gif";
    }

    ExportSummary export(ExportFormat format, Path out, ImageMode mode) throws Exception {
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            return Exporter.of(nv).export(format, ArticleQuery.ALL, out, false, n -> {}, () -> false, mode);
        }
    }

    /** Each post's image sources, resolved the way a browser reading the built site resolves them. */
    static Map<Path, List<String>> postImages(Path site) throws Exception {
        Map<Path, List<String>> out = new LinkedHashMap<>();
        for (Path p : TestArchives.files(site.resolve("_posts"))) {
            String body = ArticleFileReader.read(Files.readAllBytes(p)).bodyHtml();
            out.put(p, Jsoup.parseBodyFragment(body).select("img").eachAttr("src"));
        }
        return out;
    }

    @Test
    void jekyllWithLocalImagesCopiesEachKeptImageOnceAndThePostsShowOnlyTheCopies() throws Exception {
        Path site = dir.resolve("site");
        ExportSummary s = export(ExportFormat.JEKYLL, site, ImageMode.LOCAL);
        assertThat(s.detail()).contains(kept.size() + " images copied").contains(pointed.size() + " posts pointed at them");
        List<Path> files = TestArchives.files(site.resolve("assets/images"));
        assertThat(files).hasSize(kept.size());
        for (Path f : files) {
            String sha = f.getFileName().toString().replaceFirst("\\.[a-z]+$", "");
            assertThat(f.getParent().getFileName().toString()).isEqualTo(sha.substring(0, 2));
            assertThat(ContentHash.sha256Hex(Files.readAllBytes(f))).isEqualTo(sha);
        }
        Set<String> shown = new HashSet<>();
        for (var e : postImages(site).entrySet()) {
            ExporterTest.assertValidPost(Files.readAllBytes(e.getKey()));
            for (String src : e.getValue()) {
                if (src.equals(goneUrl) || ImageRefs.originalUrl(src).equals(goneUrl)) continue;
                // the post is built to /YYYY/MM/DD/<title>.html (JekyllSite's permalink): its images are three levels up
                assertThat(src).as(e.getKey().toString()).startsWith("../../../assets/images/");
                Path file = site.resolve("2024/06/23").resolve(src).normalize();
                assertThat(file).as(src).exists();
                shown.add(ContentHash.sha256Hex(Files.readAllBytes(file)));
            }
        }
        Set<String> keptShas = new HashSet<>();
        for (byte[] b : kept.values()) keptShas.add(ContentHash.sha256Hex(b));
        assertThat(shown).isEqualTo(keptShas);
        // the gone image stays the outlet's (through the proxy the archive had it under)
        assertThat(postImages(site).values().stream().flatMap(List::stream).filter(u -> u.startsWith("http")).map(ImageRefs::originalUrl))
            .containsExactly(goneUrl);
        assertThat(Files.readString(site.resolve("_config.yml"))).contains("permalink: /:year/:month/:day/:title.html");
    }

    @Test
    void theDefaultJekyllExportKeepsRemoteImagesAndPostsWithoutKeptImagesAreUnchanged() throws Exception {
        Path remote = dir.resolve("remote");
        Path local = dir.resolve("local");
        export(ExportFormat.JEKYLL, remote, ImageMode.REMOTE);
        export(ExportFormat.JEKYLL, local, ImageMode.LOCAL);
        assertThat(remote.resolve("assets")).doesNotExist();
        Map<String, byte[]> before = new HashMap<>();
        for (Path p : TestArchives.files(remote.resolve("_posts"))) before.put(p.getFileName().toString(), Files.readAllBytes(p));
        assertThat(postImages(remote).values().stream().flatMap(List::stream)).noneMatch(u -> u.contains("assets/"));
        int same = 0;
        for (Path p : TestArchives.files(local.resolve("_posts"))) {
            byte[] l = Files.readAllBytes(p);
            if (java.util.Arrays.equals(l, before.get(p.getFileName().toString()))) same++;
            else {
                // only image attributes differ: the text of the post is the same
                String a = Jsoup.parse(ArticleFileReader.read(l).bodyHtml()).text();
                String b = Jsoup.parse(ArticleFileReader.read(before.get(p.getFileName().toString())).bodyHtml()).text();
                assertThat(a).isEqualTo(b);
                assertThat(ArticleFileReader.read(l).frontMatter()).isEqualTo(ArticleFileReader.read(before.get(p.getFileName().toString())).frontMatter());
            }
        }
        assertThat(same).isEqualTo(5 - pointed.size());
    }

    @Test
    void theSeedExportStaysTheArticleFilesByteForByte() throws Exception {
        Path out = dir.resolve("out");
        export(ExportFormat.SEED, out, ImageMode.REMOTE);
        for (String name : TestArchives.SEEDS) {
            assertThat(TestArchives.files(out).stream().filter(p -> p.getFileName().toString().equals(name)))
                .singleElement().satisfies(p -> assertThat(p).hasBinaryContent(TestArchives.resource("seeds/" + name)));
        }
        assertThat(out.resolve("assets")).doesNotExist();
        assertThatThrownBy(() -> export(ExportFormat.SEED, dir.resolve("out2"), ImageMode.LOCAL))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--images local is for --format jekyll");
        assertThat(dir.resolve("out2")).doesNotExist();
    }

    @Test
    void aDamagedBlobOrAnUnknownTypeStaysRemoteAndNamesComeOnlyFromTheSha() throws Exception {
        String damagedUrl;
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            damagedUrl = kept.keySet().iterator().next();
            Path blob = nv.originals.blobPath(ContentHash.sha256Hex(kept.get(damagedUrl)));
            byte[] gz = Files.readAllBytes(blob);
            Files.write(blob, java.util.Arrays.copyOf(gz, gz.length / 2));
            // a row claiming SVG (which the worker never stores) for a blob that exists: not copied, not pointed at
            List<ArticleRow> rows = new ArrayList<>();
            nv.articles.stream(ArticleQuery.ALL, rows::add);
            TestImages.stored(nv.db, nv.originals, rows.get(0).id(), "https://evil.example/x\"/../../a.svg", ImageRole.BODY, 50,
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(), "image/svg+xml",
                Instant.now());
        }
        Path site = dir.resolve("site");
        ExportSummary s = export(ExportFormat.JEKYLL, site, ImageMode.LOCAL);
        assertThat(s.detail()).contains((kept.size() - 1) + " images copied").contains("unreadable");
        for (Path f : TestArchives.files(site)) {
            String rel = site.relativize(f).toString();
            assertThat(rel).matches("_posts/.*\\.md|assets/images/[0-9a-f]{2}/[0-9a-f]{64}\\.(png|jpg|gif)|_config\\.yml|_layouts/post\\.html"
                + "|index\\.html|\\.newsvault-export");
        }
        assertThat(postImages(site).values().stream().flatMap(List::stream).map(ImageRefs::originalUrl)).contains(damagedUrl);
    }

    @Test
    void jsonlListsEveryImageWithItsState() throws Exception {
        Path out = dir.resolve("a.jsonl");
        export(ExportFormat.JSONL, out, ImageMode.REMOTE);
        List<JsonNode> images = new ArrayList<>();
        for (String line : Files.readAllLines(out)) new ObjectMapper().readTree(line).get("images").forEach(images::add);
        assertThat(images).hasSize(kept.size() + 1 + 1); // the zoom icon is listed by both articles showing it
        JsonNode gone = images.stream().filter(i -> i.get("url").asText().equals(goneUrl)).findFirst().orElseThrow();
        assertThat(gone.get("state").asText()).isEqualTo("gone");
        assertThat(gone.get("reason").asText()).isEqualTo("HTTP 404");
        assertThat(gone.get("sha256").isNull()).isTrue();
        for (JsonNode i : images) {
            assertThat(i.fieldNames()).toIterable().containsExactly("url", "role", "state", "sha256", "contentType", "bytes", "reason");
            if (i.get("state").asText().equals("stored")) {
                byte[] b = kept.get(i.get("url").asText());
                assertThat(i.get("sha256").asText()).isEqualTo(ContentHash.sha256Hex(b));
                assertThat(i.get("bytes").asLong()).isEqualTo(b.length);
                assertThat(i.get("contentType").asText()).startsWith("image/");
                assertThat(i.get("role").asText()).isEqualTo("body");
            }
        }
    }

    @Test
    void warcHoldsEachImageResponseOnceAndTheArticlesReferToThem() throws Exception {
        Path out = dir.resolve("a.warc.gz");
        export(ExportFormat.WARC, out, ImageMode.REMOTE);
        Map<String, String> imageRecords = new HashMap<>(); // record id -> url
        List<String> responseUrls = new ArrayList<>();
        List<String> referred = new ArrayList<>();
        try (WarcReader reader = new WarcReader(out)) {
            for (WarcRecord r : reader) {
                if (r instanceof WarcResponse res) {
                    HttpResponse http = res.http();
                    assertThat(http.status()).isEqualTo(200);
                    responseUrls.add(res.target());
                    imageRecords.put("<" + res.id() + ">", res.target());
                    byte[] body;
                    try (InputStream in = http.body().stream()) {
                        body = in.readAllBytes();
                    }
                    assertThat(body).isEqualTo(kept.get(res.target()));
                    assertThat(http.headers().first("Content-Type").orElseThrow()).startsWith("image/");
                    assertThat(res.payloadDigest().orElseThrow().hex()).isEqualTo(ContentHash.sha256Hex(body));
                } else if (r instanceof WarcMetadata m) {
                    for (String f : m.fields().all("image")) {
                        if (f.contains("state=stored")) {
                            String record = f.substring(f.indexOf("record=") + "record=".length());
                            assertThat(imageRecords).as("written before it is referred to").containsKey(record);
                            assertThat(f).startsWith(imageRecords.get(record) + " ");
                            referred.add(imageRecords.get(record));
                        } else {
                            assertThat(f).isEqualTo(goneUrl + " role=body state=gone reason=HTTP 404");
                        }
                    }
                }
            }
        }
        assertThat(responseUrls).containsExactlyInAnyOrderElementsOf(kept.keySet());
        assertThat(new HashSet<>(referred)).isEqualTo(kept.keySet());
        assertThat(referred).hasSize(kept.size() + 1);
    }

    @Test
    void theCliTakesImagesLocalForJekyllOnly() throws Exception {
        Path config = dir.resolve("cli.yaml");
        Files.writeString(config, "data: " + dir.resolve("data") + "\narchive: " + dir.resolve("archive") + "\noutlets: []\n");
        Path site = dir.resolve("cli-site");
        assertThat(org.newsvault.cli.NewsvaultCommand.execute("--config", config.toString(), "export", "--format", "jekyll",
            "--images", "local", "--out", site.toString())).isZero();
        assertThat(TestArchives.files(site.resolve("assets/images"))).hasSize(kept.size());
        assertThat(org.newsvault.cli.NewsvaultCommand.execute("--config", config.toString(), "export", "--format", "seed",
            "--images", "local", "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(org.newsvault.cli.NewsvaultCommand.execute("--config", config.toString(), "export", "--format", "jekyll",
            "--images", "elsewhere", "--out", dir.resolve("y").toString())).isEqualTo(2);
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(dir.resolve("y")).doesNotExist();
    }

}
