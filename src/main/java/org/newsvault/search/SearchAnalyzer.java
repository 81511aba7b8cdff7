package org.newsvault.search;

import com.ibm.icu.text.Transliterator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.ICUTransformFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * One chain for every text field, at index and at query time: UAX#29 words (each Han character its own
 * token), width folding (full-width ASCII, half-width kana), ICU folding (case, accents, NFKC), every Han
 * character mapped Traditional to Simplified (習近平 and 习近平 become the same tokens), then CJK bigrams.
 *
 * <p>The one difference between the modes is the unigrams: the index keeps every single CJK character
 * beside the bigrams, so a one-character query (国) finds it inside a word; a query of two or more
 * characters uses the bigrams only, which is both exact and cheap (the unigrams of a long query would
 * match nearly every Chinese article). {@link RunEndFilter} keeps the query's positions in step with
 * the index's, so phrases work, also across runs ("香港 国安法").
 *
 * <p>Conversion is per character (ICU's Traditional-Simplified, built from Unihan): a Traditional
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
        TokenStream ts = new CJKWidthFilter(source);
        ts = new ICUFoldingFilter(ts);
        ts = new ICUTransformFilter(ts, Transliterator.getInstance(TRANSFORM));
        ts = new CJKBigramFilter(ts, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
                | CJKBigramFilter.HANGUL, mode == Mode.INDEX);
        if (mode == Mode.QUERY) ts = new RunEndFilter(ts);
        return new TokenStreamComponents(source, ts);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        TokenStream ts = new CJKWidthFilter(in);
        ts = new ICUFoldingFilter(ts);
        return new ICUTransformFilter(ts, Transliterator.getInstance(TRANSFORM));
    }
}
