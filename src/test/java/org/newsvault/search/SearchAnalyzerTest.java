package org.newsvault.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;

class SearchAnalyzerTest {
    private final Analyzer index = new SearchAnalyzer(SearchAnalyzer.Mode.INDEX);
    private final Analyzer query = new SearchAnalyzer(SearchAnalyzer.Mode.QUERY);

    @Test
    void traditionalAndSimplifiedBecomeTheSameTokens() throws IOException {
        assertThat(tokens(query, "習近平")).containsExactly("习近", "近平").isEqualTo(tokens(query, "习近平"));
        assertThat(tokens(query, "香港國安法")).isEqualTo(tokens(query, "香港国安法"));
        assertThat(tokens(query, "德國警方擔憂")).containsExactly("德国", "国警", "警方", "方担", "担忧");
        assertThat(tokens(query, "臺灣")).isEqualTo(tokens(query, "台湾"));
    }

    @Test
    void theIndexAddsEachRunsLastCharacterSoEveryCharacterStartsATerm() throws IOException {
        assertThat(tokens(index, "习近平，香港")).containsExactly("习近", "近平", "平", "香港", "港");
        assertThat(tokens(query, "习近平，香港")).containsExactly("习近", "近平", "香港");
        // A lone character is its own token either way.
        assertThat(tokens(index, "G7 國 IMF")).containsExactly("g7", "国", "imf");
        assertThat(tokens(query, "國")).containsExactly("国");
    }

    @Test
    void latinWordsAreFoldedInCaseWidthAndAccents() throws IOException {
        assertThat(tokens(query, "ＩＭＦ Café NATO")).containsExactly("imf", "cafe", "nato");
        assertThat(tokens(query, "G7提台海")).containsExactly("g7", "提台", "台海");
    }

    @Test
    void offsetsPointIntoTheOriginalText() throws IOException {
        String text = "據報 習近平";
        try (TokenStream ts = index.tokenStream("body", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            List<String> spans = new ArrayList<>();
            while (ts.incrementToken()) {
                spans.add(term + "=" + text.substring(off.startOffset(), off.endOffset()));
            }
            ts.end();
            assertThat(spans).containsExactly("据报=據報", "报=報", "习近=習近", "近平=近平", "平=平");
        }
    }

    static List<String> tokens(Analyzer a, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream("body", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term.toString());
            ts.end();
        }
        return out;
    }
}
