package org.newsvault.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * One chain for every text field, at index and at query time: UAX#29 words (each Han character its own
 * token), width folding (full-width ASCII, half-width kana), ICU folding (case, accents, NFKC), every Han
 * character mapped Traditional to Simplified (習近平 and 习近平 become the same tokens), then CJK bigrams.
 *
 * <p>The one difference between the modes: the index adds, after each run of CJK characters, the
 * run's last character alone ({@link RunFinalUnigramFilter}), so that a one-character query can be a
 * prefix query (国 finds 中国 and 国家). Indexing every character as a unigram beside the bigrams
 * would do the same at nearly twice the indexing cost; a query of two or more characters uses the
 * bigrams only, which is exact and cheap. Positions agree between the modes, so phrases work.
 *
 * <p>Conversion is per character ({@link TraditionalToSimplified}, ICU's table): a Traditional
 * character with several Simplified forms maps to one of them, at index and query time alike, so the
 * two scripts still meet.
 */
final class SearchAnalyzer extends Analyzer {
    enum Mode { INDEX, QUERY }

    static final String TRANSFORM = "Traditional-Simplified";

    private final Mode mode;

    SearchAnalyzer(Mode mode) {
        this.mode = mode;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream ts = bigrams(source);
        if (mode == Mode.INDEX) ts = new RunFinalUnigramFilter(ts);
        return new TokenStreamComponents(source, ts);
    }

    /** The chain both modes share, up to the bigrams. */
    static TokenStream bigrams(Tokenizer source) {
        TokenStream ts = new CJKWidthFilter(source);
        ts = new ICUFoldingFilter(ts);
        ts = new TraditionalToSimplified(ts);
        return new CJKBigramFilter(ts, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
                | CJKBigramFilter.HANGUL, false);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        TokenStream ts = new CJKWidthFilter(in);
        ts = new ICUFoldingFilter(ts);
        return new TraditionalToSimplified(ts);
    }
}
