package org.newsvault.search;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Query side only: keeps positions in step with the index, whose unigrams take one position more per
 * run of CJK characters than the bigrams do. In the index, "香港 国安法" is 香 香港 港 | 国 国安 ...: the
 * first token after the run 香港 sits two positions after 香港; the query's bigrams alone would put it
 * one after, and a phrase spanning two runs would never match. So the first token after a run of
 * bigrams gets one more position.
 */
final class RunEndFilter extends TokenFilter {
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private boolean afterBigram;
    private int lastEnd;

    RunEndFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) return false;
        // A bigram that continues the run overlaps the previous one (习近 then 近平).
        if (afterBigram && offset.startOffset() >= lastEnd) posInc.setPositionIncrement(posInc.getPositionIncrement() + 1);
        afterBigram = CJKBigramFilter.DOUBLE_TYPE.equals(type.type());
        lastEnd = offset.endOffset();
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        afterBigram = false;
        lastEnd = 0;
    }
}
