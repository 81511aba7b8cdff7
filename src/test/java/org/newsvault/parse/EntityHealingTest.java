package org.newsvault.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.io.impl.XmlFixerReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jdom2.Document;
import org.jdom2.output.XMLOutputter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EntityHealingTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<a>&amp;&lt;&gt;&quot;&apos;&#20013;&#x4e2d;</a>|false",
        "<a>AT&T</a>|true",
        "<a>&nbsp;</a>|true",
        "<a>&#;</a>|true",
        "<a>&#xZZ;</a>|true",
        "<a>&amp</a>|true",
        "<a>trailing &</a>|true",
        "<a>no references</a>|false",
        "<a><![CDATA[<img src=\"x?a=1&b=2\">]]></a>|false",
        "<a><![CDATA[AT&T & co]]></a>|false",
        "<a><![CDATA[&nbsp;]]></a>|true",
        "<a><![CDATA[x]]> & </a>|true",
        "<a><![CDATA[x]]><![CDATA[a&b]]></a>|false",
        "<a><![CDATA[never closed & </a>|true",
    })
    void onlyTextWithSomethingToHealGoesToTheFixer(String xml, boolean fixer) {
        assertThat(EntityHealing.needsFixer(xml)).isEqualTo(fixer);
    }

    @Test
    void leadingWhitespaceIsTrimmedAsTheFixerDoes() throws Exception {
        String xml = " \n\t<?xml version=\"1.0\"?><rss><channel><title>a b</title></channel></rss>";
        assertThat(read(EntityHealing.reader(xml))).isEqualTo(read(new XmlFixerReader(new StringReader(xml))));
        assertThat(read(EntityHealing.reader("<!-- c --><rss/>"))).isEqualTo("<rss/>");
    }

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/parse"))) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".xml")).toList().stream();
        }
    }

    /** Fast path or not, the parser sees the same document as it would through ROME's fixer alone. */
    @ParameterizedTest
    @MethodSource("fixtures")
    void sameDocumentAsThroughTheFixer(Path file) throws Exception {
        String text = FeedText.prepare(FeedCharset.decode(Files.readAllBytes(file), null).text());
        String viaFixer = parsed(new XmlFixerReader(new StringReader(text)));
        String viaHealing = parsed(EntityHealing.reader(text));
        assertThat(viaHealing).isEqualTo(viaFixer);
    }

    @Test
    void theFastPathIsTakenForTypicalFeeds() throws Exception {
        List<Path> files = fixtures().toList();
        long fast = files.stream().filter(p -> {
            try {
                return !EntityHealing.needsFixer(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).count();
        assertThat(fast).isGreaterThan(files.size() / 2);
    }

    /** The whole public feed corpus: no feed may parse differently for skipping the fixer. */
    @Test
    @Tag("corpus")
    void sameDocumentsOverTheFeedCorpus() throws Exception {
        Path feeds = FeedCorpusTest.corpus();
        Assumptions.assumeTrue(feeds != null, "shared/corpora/feeds not found");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(feeds)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        int fast = 0;
        List<String> differ = new java.util.ArrayList<>();
        for (Path f : files) {
            String text;
            try {
                text = FeedText.prepare(FeedCharset.decode(Files.readAllBytes(f), null).text());
            } catch (ParseException e) {
                continue;
            }
            if (!text.stripLeading().startsWith("<!--") && !EntityHealing.needsFixer(text)) fast++;
            if (!parsed(EntityHealing.reader(text)).equals(parsed(new XmlFixerReader(new StringReader(text))))) {
                differ.add(feeds.relativize(f).toString());
            }
        }
        System.out.printf("entity healing: %d of %d corpus feeds skip the fixer%n", fast, files.size());
        assertThat(differ).isEmpty();
    }

    /**
     * The document as text. Inside CDATA the fixer rewrites {@code &amp;} as {@code &#38;} (and so on for
     * the five XML entities), which decode to the same character wherever the text is HTML; the fast path
     * keeps what the feed wrote. Those spellings are made equal here; nothing else is.
     */
    private static String parsed(Reader r) {
        try {
            Document d = SecureXml.parse(r);
            return new XMLOutputter().outputString(d).replace("&#38;", "&amp;").replace("&#60;", "&lt;")
                .replace("&#62;", "&gt;").replace("&#34;", "&quot;").replace("&#39;", "&apos;");
        } catch (Exception e) {
            return "error: " + e.getClass().getSimpleName();
        }
    }

    private static String read(Reader r) throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[256];
        for (int n; (n = r.read(buf)) > 0; ) b.append(buf, 0, n);
        return b.toString();
    }
}
