package org.newsvault.export;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.newsvault.Newsvault;
import org.newsvault.model.ContentHash;
import org.newsvault.model.Original;
import org.newsvault.render.ArticleFile;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.NewRevision;
import org.newsvault.store.RevisionRepository;
import org.newsvault.store.StatusEvent;
import org.newsvault.render.ArticleFileReader;
import org.newsvault.store.ArticleQuery;
import org.yaml.snakeyaml.Yaml;

/** The four export formats over the imported seeds. */
class ExporterTest {
    @TempDir
    Path dir;
    Path seeds;

    @BeforeEach
    void importSeeds() throws Exception {
        seeds = TestArchives.seeds(dir.resolve("seeds"));
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            assertThat(Importer.of(nv).run(List.of(seeds), (f, o, r) -> {}).imported()).isEqualTo(5);
        }
    }

    ExportSummary export(ExportFormat format, ArticleQuery q, Path out) throws Exception {
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            return Exporter.of(nv).export(format, q, out, n -> {});
        }
    }

    @Test
    void seedExportGivesTheFiveSeedsBackByteForByte() throws Exception {
        Path out = dir.resolve("out");
        ExportSummary s = export(ExportFormat.SEED, ArticleQuery.ALL, out);
        assertThat(s.articles()).isEqualTo(5);
        for (String name : TestArchives.SEEDS) {
            List<Path> found = TestArchives.files(out).stream().filter(p -> p.getFileName().toString().equals(name)).toList();
            assertThat(found).singleElement().satisfies(p -> assertThat(p).hasBinaryContent(TestArchives.resource("seeds/" + name)));
        }
        assertThat(out.resolve("articles/rfa/000_016469c714a2c238.txt")).exists();
    }

    @Test
    void seedExportWritesListPagesNewestFirstInUtcPlus8() throws Exception {
        Path out = dir.resolve("out");
        export(ExportFormat.SEED, ArticleQuery.ALL, out);
        assertThat(TestArchives.files(out.resolve("lists"))).extracting(p -> p.getFileName().toString())
            .containsExactlyInAnyOrder("自由亚洲电台.md", "德国之声.md", "纽约时报中文网.md", "中国数字时代.md");
        // 000 has no stamp: its fetch date 2024-06-23T01:46Z is 6-23 in UTC+8; 003 is 2023-09-14T14:39Z, 9-14.
        assertThat(Files.readString(out.resolve("lists/自由亚洲电台.md"))).isEqualTo("""
            自由亚洲电台
            ------

            6-23 [朝俄恢复共同防御条约 中国反应低调](/articles/rfa/000_016469c714a2c238.txt)

            9-14 [朝俄加强军事关系　中国态度暧昧含糊](/articles/rfa/003_b2868bf1b7a93490.txt)

            """);
    }

    @Test
    void jekyllExportIsASiteWhoseEveryPostHasValidFrontMatter() throws Exception {
        Path out = dir.resolve("site");
        export(ExportFormat.JEKYLL, ArticleQuery.ALL, out);
        List<Path> posts = TestArchives.files(out.resolve("_posts"));
        assertThat(posts).hasSize(5);
        for (Path p : posts) {
            assertThat(p.getFileName().toString()).matches("\\d{4}-\\d{2}-\\d{2}-[\\p{L}\\p{N}-]+\\.md");
            assertValidPost(Files.readAllBytes(p));
        }
        // the Jekyll-variant seed is exported unchanged
        byte[] seed000 = TestArchives.resource("seeds/000_016469c714a2c238.txt");
        assertThat(posts).anySatisfy(p -> assertThat(p).hasBinaryContent(seed000));
        assertThat(posts).extracting(p -> p.getFileName().toString())
            .contains("2024-06-23-朝俄恢复共同防御条约-中国反应低调.md", "2024-06-20-俄罗斯朝鲜防务互助意味着什么.md");
        Map<String, Object> config = new Yaml().load(Files.readString(out.resolve("_config.yml")));
        assertThat(config).containsKey("defaults");
        assertThat(out.resolve("_layouts/post.html")).exists();
        assertThat(out.resolve("index.html")).exists();
    }

    /** What Jekyll needs of a post: front matter that YAML reads as a mapping, with a title and a timestamp date. */
    static void assertValidPost(byte[] bytes) throws Exception {
        String fm = ArticleFileReader.read(bytes).frontMatter();
        assertThat(fm).isNotNull();
        Object doc = new Yaml().load(fm);
        assertThat(doc).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) doc;
        assertThat(m.get("title")).isInstanceOf(String.class);
        assertThat(m.get("date")).isInstanceOf(java.util.Date.class);
    }

    @Test
    void jsonlHasOneObjectPerArticleWithBodyAndRevisions() throws Exception {
        Path out = dir.resolve("out/archive.jsonl");
        export(ExportFormat.JSONL, ArticleQuery.ALL, out);
        List<String> lines = Files.readAllLines(out, UTF_8);
        assertThat(lines).hasSize(5);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> objects = new ArrayList<>();
        for (String l : lines) objects.add(json.readTree(l));
        JsonNode first = objects.get(0); // oldest first: 003 (2023-09-14)
        assertThat(first.get("outlet").asText()).isEqualTo("rfa");
        assertThat(first.get("title").asText()).isEqualTo("朝俄加强军事关系　中国态度暧昧含糊");
        assertThat(first.get("published").asText()).isEqualTo("2023-09-14T14:39:00Z");
        assertThat(first.get("file").asText()).isEqualTo("rfa/003_b2868bf1b7a93490.txt");
        assertThat(first.get("status").asText()).isEqualTo("live");
        assertThat(first.get("revisions").isArray()).isTrue();
        assertThat(first.get("bodyHtml").asText()).startsWith("<p>近日，朝鲜领导人金正恩高调到访俄罗斯。").doesNotContain("\n");
        assertThat(objects).allSatisfy(o -> assertThat(o.fieldNames()).toIterable().contains("id", "outlet", "url", "title",
            "author", "published", "fetched", "contentHash", "file", "bodyHtml", "status", "revisions"));
        assertThat(objects.get(4).get("published").isNull()).isTrue(); // seed 000, NaN
    }

    /** Records an edit of seed 003 (RFA, article 4) the way a re-check does: a new page original and a new version. */
    static void editSeed003(Newsvault nv) throws Exception {
        ArticleRow a = nv.articles.find(4).orElseThrow();
        assertThat(a.filePath()).isEqualTo("rfa/003_b2868bf1b7a93490.txt");
        byte[] page = "<html><body><p>改过的正文。</p></body></html>".getBytes(UTF_8);
        Original o = nv.originals.save(a.file().url(), 200, List.of(Map.entry("Content-Type", "text/html; charset=utf-8")),
            "text/html; charset=utf-8", page, Instant.parse("2024-07-01T00:00:00Z"), "page");
        ArticleFile edited = new ArticleFile(a.file().variant(), a.file().frontMatter(), a.file().stamp(), "改过的标题",
            a.file().url(), "<p>改过的正文。</p>");
        // watch.RevisionFiles' layout: <file without .md>.revisions/<n>.md
        String base = a.filePath().endsWith(".md") ? a.filePath().substring(0, a.filePath().length() - 3) : a.filePath();
        new RevisionRepository(nv.db).recordEdit(new NewRevision(a.id(), Instant.parse("2024-07-01T00:00:00Z"), "改过的标题",
            ContentHash.ofHtml(edited.bodyHtml()), o.id(), edited, n -> base + ".revisions/" + n + ".md", o.id(), null,
            new StatusEvent(a.id(), Instant.parse("2024-07-01T00:00:00Z"), "edited", 200, null, "revision {n}")),
            Instant.parse("2024-07-01T00:00:01Z"));
    }

    @Test
    void editedArticlesBringTheirVersionsIntoEveryFormat() throws Exception {
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            editSeed003(nv);
        }
        String seed = "003_b2868bf1b7a93490";
        Path jsonl = dir.resolve("a.jsonl");
        export(ExportFormat.JSONL, ArticleQuery.ALL, jsonl);
        JsonNode edited = new ObjectMapper().readTree(Files.readAllLines(jsonl).get(0));
        assertThat(edited.get("status").asText()).isEqualTo("edited");
        assertThat(edited.get("title").asText()).isEqualTo("改过的标题");
        JsonNode r = edited.get("revisions");
        assertThat(r).hasSize(2);
        assertThat(r.get(0).get("n").asInt()).isEqualTo(1);
        assertThat(r.get(0).get("title").asText()).isEqualTo("朝俄加强军事关系　中国态度暧昧含糊");
        assertThat(r.get(0).get("file").asText()).isEqualTo("rfa/" + seed + ".txt.revisions/1.md");
        assertThat(r.get(1).get("fetched").asText()).isEqualTo("2024-07-01T00:00:00Z");
        assertThat(r.get(1).get("originalId").asLong()).isPositive();

        Path out = dir.resolve("seed");
        assertThat(export(ExportFormat.SEED, ArticleQuery.ALL, out).detail()).isEqualTo("5 files, 2 revision files, 4 list pages");
        // the imported bytes live on as version 1; the article file shows the latest version
        assertThat(out.resolve("articles/rfa/" + seed + ".txt.revisions/1.md")).hasBinaryContent(TestArchives.resource("seeds/" + seed + ".txt"));
        assertThat(out.resolve("articles/rfa/" + seed + ".txt")).hasSameBinaryContentAs(out.resolve("articles/rfa/" + seed + ".txt.revisions/2.md"));

        Path warc = dir.resolve("a.warc");
        export(ExportFormat.WARC, ArticleQuery.ALL, warc);
        List<String> revisionFields = new ArrayList<>();
        int responses = 0;
        try (WarcReader reader = new WarcReader(warc)) {
            for (WarcRecord rec : reader) {
                if (rec instanceof WarcResponse) responses++;
                if (rec instanceof WarcMetadata m && m.fields().first("revision").isPresent()) {
                    revisionFields.add(m.fields().first("revision").get() + " " + m.fields().first("file").orElseThrow());
                }
            }
        }
        assertThat(responses).isEqualTo(1);
        assertThat(revisionFields).containsExactly("1 rfa/" + seed + ".txt.revisions/1.md", "2 rfa/" + seed + ".txt.revisions/2.md");
    }

    @ParameterizedTest
    @ValueSource(strings = {"out/archive.warc", "out/archive.warc.gz"})
    void warcHoldsTheImportedFilesAsResourcesLinkedToTheirArticles(String name) throws Exception {
        Path out = dir.resolve(name);
        export(ExportFormat.WARC, ArticleQuery.ALL, out);
        List<String> types = new ArrayList<>();
        List<String> resourceIds = new ArrayList<>();
        List<String> refersTo = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        try (WarcReader reader = new WarcReader(out)) {
            assertThat(reader.compression()).isEqualTo(name.endsWith(".gz") ? WarcCompression.GZIP : WarcCompression.NONE);
            for (WarcRecord r : reader) {
                types.add(r.type());
                assertThat(r.version().toString()).isEqualTo("WARC/1.1");
                if (r instanceof WarcResource res) {
                    resourceIds.add(res.id().toString());
                    assertThat(res.contentType().toString()).startsWith("text/markdown");
                    try (InputStream in = res.body().stream()) {
                        bodies.add(in.readAllBytes());
                    }
                } else if (r instanceof WarcMetadata m) {
                    refersTo.add(m.headers().first("WARC-Refers-To").orElseThrow());
                    assertThat(m.concurrentTo()).hasSize(1);
                    assertThat(m.fields().first("outlet")).isPresent();
                    assertThat(m.fields().first("file")).isPresent();
                    assertThat(m.fields().first("title")).isPresent();
                }
            }
        }
        assertThat(types).containsExactly("warcinfo", "resource", "metadata", "resource", "metadata", "resource", "metadata",
            "resource", "metadata", "resource", "metadata");
        assertThat(refersTo).containsExactlyElementsOf(resourceIds.stream().map(id -> "<" + id + ">").toList());
        for (String seed : TestArchives.SEEDS) {
            assertThat(bodies).anySatisfy(b -> assertThat(b).isEqualTo(TestArchives.resource("seeds/" + seed)));
        }
        if (name.endsWith(".gz")) {
            byte[] head = Files.readAllBytes(out);
            assertThat(head[0] & 0xFF).isEqualTo(0x1F);
            assertThat(head[1] & 0xFF).isEqualTo(0x8B);
        }
    }

    @Test
    void outletAndDatesSelectArticles() throws Exception {
        assertThat(export(ExportFormat.SEED, new ArticleQuery("rfa", null, null), dir.resolve("a")).articles()).isEqualTo(2);
        assertThat(export(ExportFormat.SEED, new ArticleQuery(null, Dates.since("2024-06-20"), Dates.until("2024-06-20")),
            dir.resolve("b")).articles()).isEqualTo(2); // 001 (DW) and 004 (CDT) were published on June 20 (UTC)
        assertThat(export(ExportFormat.SEED, new ArticleQuery(null, Instant.parse("2024-06-21T00:00:00Z"), null),
            dir.resolve("c")).articles()).isEqualTo(2); // 002 and 000
        assertThatThrownBy(() -> export(ExportFormat.SEED, new ArticleQuery("nope", null, null), dir.resolve("d")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void aSecondExportIntoTheSameFolderGivesTheSameFiles() throws Exception {
        Path out = dir.resolve("site");
        export(ExportFormat.JEKYLL, ArticleQuery.ALL, out);
        List<Path> first = TestArchives.files(out);
        export(ExportFormat.JEKYLL, ArticleQuery.ALL, out);
        assertThat(TestArchives.files(out)).isEqualTo(first);
    }

}
