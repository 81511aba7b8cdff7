package org.newsvault.render;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArticleWriterTest {

    private static final ArticleFile PLAIN = new ArticleFile(Variant.PLAIN, null, "1718885824000", "标题", "https://a.example/", "<p>x</p>");
    private static final ArticleFile JEKYLL = new ArticleFile(Variant.JEKYLL, "layout: post\nk: v", "NaN", "t", "https://a.example/", "<div>\n<p>x</p>\n</div>");

    @TempDir
    Path dir;

    @Test
    void rendersPlainExactly() {
        assertThat(new String(ArticleWriter.render(PLAIN), UTF_8))
                .isEqualTo("<!--1718885824000-->\n[标题](https://a.example/)\n------\n\n<p>x</p>\n");
    }

    @Test
    void rendersJekyllExactly() {
        assertThat(new String(ArticleWriter.render(JEKYLL), UTF_8))
                .isEqualTo("---\nlayout: post\nk: v\n---\n<!--NaN-->\n[t](https://a.example/)\n------\n\n<div>\n<p>x</p>\n</div>\n");
    }

    static Stream<Arguments> unwritable() {
        return Stream.of(
                Arguments.of(new ArticleFile(Variant.PLAIN, null, "1.5", "t", "u", "b"), "stamp must be epoch millis or NaN"),
                Arguments.of(new ArticleFile(Variant.PLAIN, null, "1", "t\nx", "u", "b"), "title contains a line break"),
                Arguments.of(new ArticleFile(Variant.PLAIN, null, "1", "t", "u\r", "b"), "url contains a line break"),
                Arguments.of(new ArticleFile(Variant.PLAIN, null, "1", "t", "u", "b\r\n"), "article files use LF line endings only"),
                Arguments.of(new ArticleFile(Variant.PLAIN, "k: v", "1", "t", "u", "b"), "a PLAIN file has no front matter"),
                Arguments.of(new ArticleFile(Variant.JEKYLL, null, "1", "t", "u", "b"), "a JEKYLL file needs front matter"),
                Arguments.of(new ArticleFile(Variant.JEKYLL, "a: b\n---\nc: d", "1", "t", "u", "b"), "front matter must not contain a --- line"),
                Arguments.of(new ArticleFile(Variant.JEKYLL, "a: b\n", "1", "t", "u", "b"), "front matter must not contain a --- line"),
                Arguments.of(new ArticleFile(Variant.PLAIN, null, "1", "t", "u", null), "body is missing"));
    }

    @ParameterizedTest
    @MethodSource("unwritable")
    void refusesValuesThatWouldNotReadBack(ArticleFile f, String reason) {
        assertThatThrownBy(() -> ArticleWriter.render(f)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(reason);
    }

    @Test
    void writeAtomicallyCreatesParentsAndLeavesNoTempFile() throws Exception {
        Path target = dir.resolve("rfa/2024/2024-06-21-0123456789.md");
        ArticleWriter.writeAtomically(target, PLAIN);
        assertThat(Files.readAllBytes(target)).isEqualTo(ArticleWriter.render(PLAIN));
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertThat(s).containsExactly(target);
        }
    }

    @Test
    void writeAtomicallyReplacesAnExistingFile() throws Exception {
        Path target = dir.resolve("a.md");
        Files.writeString(target, "old content that is longer than the new one ......................................");
        ArticleWriter.writeAtomically(target, JEKYLL);
        assertThat(Files.readAllBytes(target)).isEqualTo(ArticleWriter.render(JEKYLL));
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(target);
        }
    }

    @Test
    void failedWriteThrowsOneLineAndCleansUp() throws Exception {
        Path target = dir.resolve("taken");
        Files.createDirectories(target.resolve("child")); // a non-empty directory cannot be replaced by a file
        assertThatThrownBy(() -> ArticleWriter.writeAtomically(target, PLAIN))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write " + target + ": ")
                .extracting(Throwable::getMessage).asString().doesNotContain("\n");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(target);
        }
    }

    @Test
    void invalidValuesNeverTouchTheDisk() {
        Path target = dir.resolve("x.md");
        ArticleFile bad = new ArticleFile(Variant.PLAIN, null, "x", "t", "u", "b");
        assertThatThrownBy(() -> ArticleWriter.writeAtomically(target, bad)).isInstanceOf(IllegalArgumentException.class);
        assertThat(target).doesNotExist();
    }
}
