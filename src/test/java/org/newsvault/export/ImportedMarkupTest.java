package org.newsvault.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-pass raw checks of {@link ImportedMarkup} decide exactly as their plain definitions. */
class ImportedMarkupTest {
    /** The definition {@link ImportedMarkup#scriptWord} replaces: the first word the squeezed text contains. */
    static String reference(String html) {
        String squeezed = ImportedMarkup.squeeze(html);
        for (String w : ImportedMarkup.SCRIPT_WORDS) if (squeezed.contains(w)) return w;
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<p>正文</p>", "javascript:", "JaVaScRiPt:alert(1)", "java\u200Bscript:", "java\tscr\nipt :",
        "java\u00ADscript\u0085:", "vbscript:", "VBScript\u3000:", "livescript:", "vbscript: then javascript:",
        "-moz-binding then expression(", "expression(", "expr expression(", "exprexpression(", "expressio(n(",
        "-moz-bindin", "--moz-binding", "-MOZ-\u2060BINDING", "javascript", "avascript:", "jjavascript:", "x:g(",
        "<a href=\"jav&#x61;script:x\">", "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "ｊａｖａｓｃｒｉｐｔ：", "javascriptː", "\uFEFFjavascript\uFEFF:"})
    void scriptWordIsTheFirstWordOfTheSqueezedText(String html) {
        assertThat(ImportedMarkup.scriptWord(html)).as(html).isEqualTo(reference(html));
    }

    @Test
    void scriptWordAgreesOnRandomMixturesOfTheWordsAndIgnoredCharacters() {
        String alphabet = "javscriptlexpon:(-mzbdgJAVSCRIPT \t\n\u00AD\u200B\u2060\uFEFF\u0085正文<>=\"'";
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(40);
            for (int i = 0; i < len; i++) {
                if (random.nextInt(8) == 0) {
                    String w = ImportedMarkup.SCRIPT_WORDS.get(random.nextInt(ImportedMarkup.SCRIPT_WORDS.size()));
                    sb.append(w, 0, 1 + random.nextInt(w.length()));
                } else {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String html = sb.toString();
            assertThat(ImportedMarkup.scriptWord(html)).as(html).isEqualTo(reference(html));
        }
    }

    @Test
    void scriptWordFindsNothingInTheSeedsAndTheCorpus() throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        if (Files.isDirectory(TestArchives.CORPUS)) {
            try (var walk = Files.walk(TestArchives.CORPUS)) {
                walk.filter(p -> p.toString().endsWith(".md")).sorted().limit(300).forEach(files::add);
            }
        }
        for (String seed : TestArchives.SEEDS) {
            assertThat(ImportedMarkup.scriptWord(new String(TestArchives.resource("seeds/" + seed), StandardCharsets.UTF_8))).isNull();
        }
        for (Path p : files) {
            String text = Files.readString(p);
            assertThat(ImportedMarkup.scriptWord(text)).as(p.toString()).isEqualTo(reference(text)).isNull();
        }
    }

    @Test
    void aFrontMatterWithoutAnExclamationMarkHasNoTag() {
        assertThat(ImportedMarkup.hasYamlTag("title: \"a\"\ntags: [ b ]\nauthor: 记者: 张三")).isFalse();
        assertThat(ImportedMarkup.hasYamlTag("title: !<tag:yaml.org,2002:str> a")).isTrue();
        assertThat(ImportedMarkup.hasYamlTag("%TAG ! tag:example.com,2000:\n---\ntitle: !x a")).isTrue();
    }
}
