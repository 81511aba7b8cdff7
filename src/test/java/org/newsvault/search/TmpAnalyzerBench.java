package org.newsvault.search;

import com.ibm.icu.text.Transliterator;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.ICUTransformFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.junit.jupiter.api.Test;

class TmpAnalyzerBench {
    static Analyzer chain(String name, Function<TokenStream, TokenStream> f) {
        return new Analyzer() {
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer t = new StandardTokenizer();
                return new TokenStreamComponents(t, f.apply(t));
            }
            public String toString() { return name; }
        };
    }

    @Test
    void run() throws Exception {
        List<SearchDocument> docs = SearchSpeedBench.corpus(Path.of("..", "shared", "corpora", "outlets"));
        var mx = ManagementFactory.getThreadMXBean();
        List<Analyzer> as = List.of(
            chain("tokenizer", ts -> ts),
            chain("width", CJKWidthFilter::new),
            chain("width+fold", ts -> new ICUFoldingFilter(new CJKWidthFilter(ts))),
            chain("width+fold+table", ts -> new TraditionalToSimplified(new ICUFoldingFilter(new CJKWidthFilter(ts)))),
            chain("width+fold+icuT", ts -> new ICUTransformFilter(new ICUFoldingFilter(new CJKWidthFilter(ts)), Transliterator.getInstance("Traditional-Simplified"))),
            chain("..table+bigram", ts -> new CJKBigramFilter(new TraditionalToSimplified(new ICUFoldingFilter(new CJKWidthFilter(ts))))),
            new SearchAnalyzer(SearchAnalyzer.Mode.INDEX));
        for (int round = 0; round < 4; round++) {
            StringBuilder line = new StringBuilder();
            for (Analyzer an : as) {
                long t = mx.getCurrentThreadCpuTime();
                for (SearchDocument d : docs) {
                    try (TokenStream ts = an.tokenStream("body", d.body())) { ts.reset(); while (ts.incrementToken()) { } ts.end(); }
                }
                line.append(String.format("  %s %.3f", an, (mx.getCurrentThreadCpuTime() - t) / 1e6 / docs.size()));
            }
            System.out.println(line.append(" (CPU ms/doc)"));
        }
    }
}
