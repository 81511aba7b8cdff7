// The per-insert cost of the store alone: no network, no parsing, no files. Runs against any newsvault jar,
// so two jars can be compared in the same minutes:
//   java -cp target/newsvault.jar bench/StoreInsert.java [ROWS] [PER_COMMIT] [BODY_CHARS] [PREFILL]
// Inserts ROWS articles (default 4,000) with their own sighting, PER_COMMIT rows per transaction (default 8,
// what the entry pool's group commit gathers), each with a body of about BODY_CHARS characters (default 8,000,
// Chinese and markup like the bench's articles) and a random content hash, after PREFILL rows (default 0) of
// the same kind. Prints the wall time and the inserting thread's CPU time per insert, for each half (the first
// half warms up the JIT), and the database file's size.
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.newsvault.render.ArticleFile;
import org.newsvault.render.Variant;
import org.newsvault.store.ArticleRepository;
import org.newsvault.store.ArticleRow;
import org.newsvault.store.Database;
import org.newsvault.store.OutletRepository;

public class StoreInsert {
    /** MARK=1: each batch's "file written" marks are committed after it, as the poll does once per feed. */
    static final boolean MARK = "1".equals(System.getenv("MARK"));

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
        int perCommit = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int bodyChars = args.length > 2 ? Integer.parseInt(args[2]) : 8_000;
        int prefill = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Path dir = Files.createTempDirectory("store-insert");
        Random random = new Random(11);
        StringBuilder para = new StringBuilder();
        while (para.length() < bodyChars) para.append("<p>新闻正文：过去多年的一篇报道，记者在现场。Reporting from the scene, 2024.</p>\n");
        String body = para.substring(0, bodyChars);
        var cpu = ManagementFactory.getThreadMXBean();
        try (Database db = Database.open(dir)) {
            new OutletRepository(db).upsert("bench", "Bench");
            var articles = new ArticleRepository(db);
            Instant now = Instant.now();
            int n = 0;
            for (int i = 0; i < prefill; i += 1_000) n = insert(articles, n, Math.min(1_000, prefill - i), 1_000, body, random, now);
            for (int half = 0; half < 2; half++) {
                long wall = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
                int count = rows / 2;
                n = insert(articles, n, count, perCommit, body, random, now);
                System.out.printf("%s half %d: %d inserts, %d per commit, body %d chars: wall %.0f us, cpu %.0f us per insert%n",
                    half == 0 ? "warm-up" : "measured", half + 1, count, perCommit, bodyChars,
                    (System.nanoTime() - wall) / 1e3 / count, (cpu.getCurrentThreadCpuTime() - c0) / 1e3 / count);
            }
        }
        System.out.printf("database file: %.1f MB%n", Files.size(dir.resolve("newsvault.mv.db")) / 1e6);
    }

    private static int insert(ArticleRepository articles, int n, int count, int perCommit, String body, Random random,
                              Instant now) {
        byte[] hash = new byte[32];
        for (int done = 0; done < count; ) {
            List<ArticleRow> batch = new ArrayList<>();
            for (int k = 0; k < perCommit && done < count; k++, done++, n++) {
                random.nextBytes(hash);
                String url = "https://www.example-" + (n % 20) + ".com/news/" + Long.toHexString(random.nextLong()) + "/" + n;
                String title = "标题 " + n;
                var file = new ArticleFile(Variant.JEKYLL, "layout: post\ntitle: \"" + title + "\"\ndate: 2024-06-20", String.valueOf(now.toEpochMilli()),
                    title, url, body + n);
                batch.add(new ArticleRow(0, "bench", null, null, url, title, "基准", now, now, HexFormat.of().formatHex(hash), file,
                    "bench/2024/" + n + ".md", false, null, "poll", "live"));
            }
            List<ArticleRepository.WrittenFile> marks = new ArrayList<>();
            var claims = articles.claimAll(batch, now, List.of());
            for (int k = 0; k < claims.size(); k++) {
                if (claims.get(k).error() != null) throw claims.get(k).error();
                marks.add(ArticleRepository.WrittenFile.of(claims.get(k).id(), batch.get(k)));
            }
            if (MARK) articles.markWritten(marks);
        }
        return n;
    }
}
