package org.newsvault.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnsTest {
    @Test
    void cutKeepsWhatFitsAndMarksWhatDoesNot() {
        assertThat(Columns.cut(null, 5)).isNull();
        assertThat(Columns.cut("abcde", 5)).isEqualTo("abcde");
        assertThat(Columns.cut("abcdef", 5)).isEqualTo("abcd…").hasSize(5);
        assertThat(Columns.cut("标".repeat(5000), Columns.TITLE)).hasSize(Columns.TITLE).endsWith("…");
    }

    @Test
    void cutNeverSplitsASurrogatePair() {
        String s = "abc" + "😀".repeat(3); // each emoji is two chars
        String cut = Columns.cut(s, 5);
        assertThat(cut).isEqualTo("abc…");
        assertThat(cut.codePoints().allMatch(Character::isValidCodePoint)).isTrue();
        assertThat(Columns.cut(s, 6)).isEqualTo("abc😀…").hasSize(6);
    }

    @Test
    void rowsCutTheirMetadataColumns() {
        var f = new org.newsvault.render.ArticleFile(org.newsvault.render.Variant.PLAIN, null, "NaN", "t",
            "https://x.example/a", "<p>x</p>");
        ArticleRow r = new ArticleRow(0, "o", null, "g".repeat(5000), "https://x.example/a", "t".repeat(4001),
            "a".repeat(1001), null, java.time.Instant.EPOCH, "0".repeat(64), f, "o/a.md", false, null, "poll", "live");
        assertThat(r.guid()).hasSize(Columns.GUID).endsWith("…");
        assertThat(r.title()).hasSize(Columns.TITLE).endsWith("…");
        assertThat(r.author()).hasSize(Columns.AUTHOR).endsWith("…");
        assertThat(r.bodyKind()).isEqualTo(ArticleRow.FULL);
    }
}
