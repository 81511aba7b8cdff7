package org.newsvault.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The user's text and filters as one Lucene query, bounded before any index work. Syntax (Lucene's
 * simple query parser, a subset): words are ANDed; {@code "a phrase"} matches adjacent words only;
 * {@code -word} excludes; {@code a | b} either; parentheses group. No field syntax, wildcards, fuzzy or
 * regular expressions: those are where a hostile query costs CPU. A run of Chinese characters is one
 * word made of its bigrams; a single character alone is a prefix query on the bigrams, bounded by the
 * bigrams that start with it.
 */
final class QueryParsing {
    static final int MAX_QUERY_CHARS = 256;
    static final int MAX_TERMS = 64;
    static final int MAX_FILTER_VALUES = 200;
    static final Map<String, Float> WEIGHTS = Map.of(Fields.TITLE, 3f, Fields.AUTHOR, 1f, Fields.BODY, 1f);
    private static final int FLAGS = SimpleQueryParser.AND_OPERATOR | SimpleQueryParser.NOT_OPERATOR
            | SimpleQueryParser.OR_OPERATOR | SimpleQueryParser.PHRASE_OPERATOR
            | SimpleQueryParser.PRECEDENCE_OPERATORS | SimpleQueryParser.WHITESPACE_OPERATOR;

    private final Analyzer analyzer;

    QueryParsing(Analyzer queryAnalyzer) {
        this.analyzer = queryAnalyzer;
    }

    /** The text part alone: what the highlighter marks. Blank text matches every document. */
    Query text(String text) {
        String t = text.strip();
        if (t.isEmpty()) return new MatchAllDocsQuery();
        if (t.length() > MAX_QUERY_CHARS) {
            throw new InvalidQueryException("query too long: " + t.length() + " characters, at most " + MAX_QUERY_CHARS);
        }
        if (t.chars().filter(c -> c == '"').count() % 2 != 0) {
            throw new InvalidQueryException("unbalanced quote in the query: close the phrase with a second \"");
        }
        int terms = countTokens(t);
        if (terms == 0) throw new InvalidQueryException("nothing to search for: the query has no words");
        if (terms > MAX_TERMS) {
            throw new InvalidQueryException("query has too many words: " + terms + ", at most " + MAX_TERMS);
        }
        SimpleQueryParser parser = new Parser(analyzer);
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        Query q = parser.parse(t);
        if (q == null) throw new InvalidQueryException("nothing to search for: the query has no words");
        // Every word is looked up in each field: the parse can hold at most fields x terms leaves.
        int[] leaves = {0};
        q.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query query, Term... ts) {
                leaves[0] += ts.length;
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        if (leaves[0] > WEIGHTS.size() * MAX_TERMS) {
            throw new InvalidQueryException("query too complex: " + leaves[0] + " terms");
        }
        if (onlyExclusions(q)) {
            BooleanQuery.Builder all = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
            ((BooleanQuery) q).clauses().forEach(all::add);
            return all.build();
        }
        return q;
    }

    /** The text (parsed by {@link #text}) and the filters. */
    Query full(SearchQuery query, Query text) {
        List<String> outlets = new ArrayList<>(query.outlets());
        List<String> statuses = new ArrayList<>(query.statuses());
        if (outlets.size() > MAX_FILTER_VALUES || statuses.size() > MAX_FILTER_VALUES) {
            throw new InvalidQueryException("too many filter values, at most " + MAX_FILTER_VALUES);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
        if (!outlets.isEmpty()) b.add(inSet(Fields.OUTLET, outlets), BooleanClause.Occur.FILTER);
        if (!statuses.isEmpty()) b.add(inSet(Fields.STATUS, statuses), BooleanClause.Occur.FILTER);
        if (query.from() != null || query.until() != null) {
            long from = query.from() == null ? Long.MIN_VALUE + 1 : query.from().toEpochMilli();
            long until = query.until() == null ? Long.MAX_VALUE : query.until().toEpochMilli();
            if (until <= from) return new MatchNoDocsQuery("empty date range");
            // Long.MIN_VALUE marks "no published date"; a range never includes it.
            b.add(LongPoint.newRangeQuery(Fields.PUBLISHED, Math.max(from, Long.MIN_VALUE + 1), until - 1),
                    BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    /** The simple parser, with one-character CJK words as prefix queries (see {@link RunFinalUnigramFilter}). */
    private static final class Parser extends SimpleQueryParser {
        Parser(Analyzer analyzer) {
            super(analyzer, WEIGHTS, FLAGS);
        }

        @Override
        protected Query newDefaultQuery(String text) {
            if (!singleCjk(text)) return super.newDefaultQuery(text);
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (Map.Entry<String, Float> w : weights.entrySet()) {
                Query q = new PrefixQuery(new Term(w.getKey(), getAnalyzer().normalize(w.getKey(), text.strip())));
                b.add(w.getValue() == 1f ? q : new BoostQuery(q, w.getValue()), BooleanClause.Occur.SHOULD);
            }
            return b.build();
        }

        static boolean singleCjk(String text) {
            String t = text.strip();
            if (t.isEmpty() || t.codePointCount(0, t.length()) != 1) return false;
            Character.UnicodeScript s = Character.UnicodeScript.of(t.codePointAt(0));
            return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                    || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
        }
    }

    private static Query inSet(String field, List<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    /** "-word" alone would match nothing in Lucene; a reader means "everything without word". */
    private static boolean onlyExclusions(Query q) {
        if (!(q instanceof BooleanQuery bq) || bq.clauses().isEmpty()) return false;
        return bq.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.MUST_NOT);
    }

    private int countTokens(String text) {
        try (TokenStream ts = analyzer.tokenStream(Fields.BODY, text)) {
            ts.reset();
            int n = 0;
            while (ts.incrementToken()) {
                if (++n > MAX_TERMS) break;
            }
            ts.end();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
