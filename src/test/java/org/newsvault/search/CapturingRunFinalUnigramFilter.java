package org.newsvault.search;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * The first form of {@link RunFinalUnigramFilter}, kept as the reference its output is compared with: it captured
 * two states per bigram, which cost a sixth of indexing. Index side only: after the last bigram of a run of CJK characters, also the run's last character
 * alone, at the bigram's position. With it, every character of the text starts some indexed term (it
 * starts the bigram it begins, or it is the run's last, or a lone one), so a one-character query is a
 * prefix query on the bigrams ({@link QueryParsing}). That costs one token per run, where indexing
 * every character as a unigram would cost one per character: most of the index's work for Chinese.
 */
final class CapturingRunFinalUnigramFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    /** A token read ahead to see whether the bigram before it ended its run. */
    private AttributeSource.State held;
    /** The run-final character, emitted next. */
    private AttributeSource.State finalChar;

    CapturingRunFinalUnigramFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (finalChar != null) {
            restoreState(finalChar);
            finalChar = null;
            return true;
        }
        if (held != null) {
            restoreState(held);
            held = null;
        } else if (!input.incrementToken()) {
            return false;
        }
        if (!CJKBigramFilter.DOUBLE_TYPE.equals(type.type())) return true;
        AttributeSource.State bigram = captureState();
        int end = offset.endOffset();
        boolean last = true;
        if (input.incrementToken()) {
            // The next bigram of the same run overlaps this one (习近 then 近平).
            last = !(CJKBigramFilter.DOUBLE_TYPE.equals(type.type()) && offset.startOffset() < end);
            held = captureState();
        }
        restoreState(bigram);
        if (last) {
            int cp = Character.codePointBefore(term.buffer(), term.length());
            int n = Character.charCount(cp);
            int start = offset.startOffset();
            char[] one = Character.toChars(cp);
            term.copyBuffer(one, 0, one.length);
            posInc.setPositionIncrement(0);
            type.setType(CJKBigramFilter.SINGLE_TYPE);
            offset.setOffset(Math.max(start, end - n), end);
            finalChar = captureState();
            restoreState(bigram);
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        held = null;
        finalChar = null;
    }
}
