package org.newsvault.render;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchivePathsTest {

    private static final Instant WHEN = Instant.parse("2024-06-21T23:30:00Z");
    private static final Path ROOT = Path.of("/srv/archive");

    @Test
    void articlePathIsOutletYearDateAndUrlHash() {
        Path p = ArchivePaths.articlePath(ROOT, "rfa-mandarin", WHEN, "https://www.rfa.org/a.html", Variant.JEKYLL);
        // sha256("https://www.rfa.org/a.html") starts with these 10 hex digits
        assertThat(p.toString()).isEqualTo("/srv/archive/rfa-mandarin/2024/2024-06-21-"
                + org.newsvault.model.ContentHash.sha256Hex("https://www.rfa.org/a.html").substring(0, 10) + ".md");
        assertThat(p).isEqualTo(ArchivePaths.articlePath(ROOT, "rfa-mandarin", WHEN, "https://www.rfa.org/a.html", Variant.PLAIN));
        assertThat(p).isNotEqualTo(ArchivePaths.articlePath(ROOT, "rfa-mandarin", WHEN, "https://www.rfa.org/b.html", Variant.JEKYLL));
        assertThat(p.getFileName().toString()).matches("2024-06-21-[0-9a-f]{10}\\.md");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../etc", "a/b", "a\\b", "RFA", "rfa mandarin", "rfa.org", "自由亚洲",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    @NullSource
    void articlePathRejectsUnsafeOutletIds(String outletId) {
        assertThatThrownBy(() -> ArchivePaths.articlePath(ROOT, outletId, WHEN, "https://a.example/", Variant.JEKYLL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("outlet id must be");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            朝俄恢复共同防御条约 中国反应低调             | 2024-06-21-朝俄恢复共同防御条约-中国反应低调.md
            俄罗斯朝鲜防务互助意味着什么？               | 2024-06-21-俄罗斯朝鲜防务互助意味着什么.md
            Biden/Xi: Talks in "SF"                   | 2024-06-21-biden-xi-talks-in-sf.md
            ../../etc/passwd                          | 2024-06-21-etc-passwd.md
            '..'                                      | 2024-06-21-5ec1f7e700.md
            '/'                                       | 2024-06-21-8a5edab282.md
            ''                                        | 2024-06-21-e3b0c44298.md
            '😀😀😀'                                   | 2024-06-21-6d76542628.md
            古老板的老巢｜俄罗斯与朝鲜结盟，东北亚局势巨变  | 2024-06-21-古老板的老巢-俄罗斯与朝鲜结盟-东北亚局势巨变.md
            """)
    void jekyllPostNamesAreSafeSlugs(String title, String expected) {
        String name = ArchivePaths.jekyllPostName(WHEN, title, Set.of());
        assertThat(name).startsWith(expected);
        assertSafe(name);
    }

    static Stream<String> hostileTitles() {
        return Stream.of(null, "a/b\\c", "....", "\u0000\u202e", "x".repeat(500), "长".repeat(500), "𠀀".repeat(80), " - - -",
                "C:\\Windows\\x", "a\nb", "CON", ".hidden", "~/x", "%2e%2e%2f");
    }

    @ParameterizedTest
    @MethodSource("hostileTitles")
    void jekyllPostNamesAreAlwaysSafe(String title) {
        String name = ArchivePaths.jekyllPostName(WHEN, title, Set.of());
        assertSafe(name);
        String slug = name.substring("2024-06-21-".length(), name.length() - 3);
        assertThat(slug.codePointCount(0, slug.length())).isBetween(1, 50);
        assertThat(slug).doesNotStartWith("-").doesNotEndWith("-").doesNotContain("--");
    }

    @Test
    void longTitlesAreCutToFiftyCodePoints() {
        String name = ArchivePaths.jekyllPostName(WHEN, "长".repeat(60), Set.of());
        assertThat(name).isEqualTo("2024-06-21-" + "长".repeat(50) + ".md");
        assertThat(ArchivePaths.jekyllPostName(WHEN, "a".repeat(49) + " b", Set.of())).isEqualTo("2024-06-21-" + "a".repeat(49) + ".md");
    }

    @Test
    void takenNamesGetANumber() {
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String n = ArchivePaths.jekyllPostName(WHEN, "Same Title", taken);
            taken.add(n);
            names.add(n);
        }
        assertThat(names).containsExactly("2024-06-21-same-title.md", "2024-06-21-same-title-2.md", "2024-06-21-same-title-3.md");
        assertThat(ArchivePaths.jekyllPostName(WHEN, "same title", Set.of("2024-06-21-Same-Title.md"))).isEqualTo("2024-06-21-same-title-2.md");
    }

    private static void assertSafe(String name) {
        assertThat(name).matches("\\d{4}-\\d{2}-\\d{2}-[^/\\\\.\\s]+\\.md")
                .doesNotContain("..").doesNotContain("/").doesNotContain("\\");
        assertThat(name.getBytes(UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(Path.of("_posts").resolve(name).normalize().getParent()).isEqualTo(Path.of("_posts"));
    }

    @Test
    void listPageFollowsFormat() {
        List<ArchivePaths.ListItem> items = List.of(
                new ArchivePaths.ListItem(Instant.parse("2024-06-20T12:17:04Z"), "俄罗斯朝鲜防务互助意味着什么？", "dw", "2024-06-20-aaaaaaaaaa.md"),
                new ArchivePaths.ListItem(Instant.parse("2024-06-21T16:00:00Z"), "跨日 (UTC+8)", "rfa", "1048575.md"),
                new ArchivePaths.ListItem(Instant.parse("2024-01-05T15:59:59Z"), "一月\n五日", "dw", "a b(1).md"));
        assertThat(ArchivePaths.listPage("德国之声", items)).isEqualTo("""
                德国之声
                ------

                6-22 [跨日 (UTC+8)](/articles/rfa/1048575.md)

                6-20 [俄罗斯朝鲜防务互助意味着什么？](/articles/dw/2024-06-20-aaaaaaaaaa.md)

                1-5 [一月 五日](/articles/dw/a%20b%281%29.md)

                """);
    }

    @Test
    void listPageKeepsTheNewest300() {
        List<ArchivePaths.ListItem> items = new ArrayList<>();
        for (int i = 0; i < 310; i++) {
            items.add(new ArchivePaths.ListItem(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * 24 * i), "t" + i, "dw", i + ".md"));
        }
        String page = ArchivePaths.listPage("DW", items);
        assertThat(page.split("\n\n", -1)).hasSize(302); // header block, 300 entries, trailing ""
        assertThat(page).startsWith("DW\n------\n\n11-5 [t309](/articles/dw/309.md)\n\n").contains("[t10](").doesNotContain("[t9](");
        assertThat(ArchivePaths.listPage("DW", List.of())).isEqualTo("DW\n------\n\n");
    }
}
