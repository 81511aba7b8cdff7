package org.newsvault.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.junit.jupiter.api.Test;
import org.newsvault.bench.Corpus;

/**
 * The filter keeps no state per bigram; what it puts out must be exactly what the first form
 * ({@link CapturingRunFinalUnigramFilter}) put out — terms, offsets, positions, types — or indexes built before and
 * after would disagree (the schema did not change for it).
 */
class RunFinalUnigramFilterTest {
    private final Analyzer lean = new SearchAnalyzer(SearchAnalyzer.Mode.INDEX);
    private final Analyzer reference = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new CapturingRunFinalUnigramFilter(SearchAnalyzer.bigrams(source)));
        }
    };

    @Test
    void runsLoneCharactersAndTheEndOfTheTextComeOutAsBefore() throws IOException {
        for (String text : List.of("", "习近平", "习近平，香港", "國", "G7 國 IMF", "中国。美国", "香港 国安法 x 中", "𠀀𠀁中 國𠀂",
                "ひらがな カタカナ 한국어 漢字", "习近", "a习b近c平d", "习近平\n\n香港", "ＩＭＦ和中国", "末尾是中")) {
            assertThat(tokens(lean, text)).as(text).isEqualTo(tokens(reference, text));
        }
        assertThat(tokens(lean, "中国。美国")).containsExactly("中国@0-2+1", "国@1-2+0", "美国@3-5+1", "国@4-5+0", "end@5+0");
    }

    @Test
    void realArticlesComeOutAsBefore() throws IOException {
        Corpus corpus = Corpus.bundled();
        for (int i = 0; i < corpus.size(); i++) {
            String text = corpus.story(i).title() + "\n" + corpus.story(i).text();
            assertThat(tokens(lean, text)).isEqualTo(tokens(reference, text));
        }
    }

    @Test
    void mixedScriptsAndPunctuationComeOutAsBefore() throws IOException {
        String[] pieces = {"中", "國", "习", "平", "𠀀", "。", "，", " ", "\n", "a", "IMF", "7", "ひ", "カ", "한", "-", "“", "臺",
            "ｶ", "Ｇ", "é", "\u3000", "'s"};
        Random random = new Random(42);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) text.append(pieces[random.nextInt(pieces.length)]);
            assertThat(tokens(lean, text.toString())).as(text.toString()).isEqualTo(tokens(reference, text.toString()));
        }
    }

    /** Every token as term@start-end+positionIncrement, with its type and position length when not the usual. */
    private static List<String> tokens(Analyzer a, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream("body", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            PositionLengthAttribute len = ts.addAttribute(PositionLengthAttribute.class);
            TypeAttribute type = ts.addAttribute(TypeAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term + "@" + off.startOffset() + "-" + off.endOffset() + "+" + inc.getPositionIncrement();
                if (len.getPositionLength() != 1) t += "/" + len.getPositionLength();
                if (!type.type().startsWith("<DOUBLE") && !type.type().startsWith("<SINGLE")) t += " " + type.type();
                out.add(t);
            }
            ts.end();
            out.add("end@" + off.endOffset() + "+" + inc.getPositionIncrement());
        }
        return out;
    }
}
