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
 * Index side only: after the last bigram of a run of CJK characters, also the run's last character
 * alone, at the bigram's position. With it, every character of the text starts some indexed term (it
 * starts the bigram it begins, or it is the run's last, or a lone one), so a one-character query is a
 * prefix query on the bigrams ({@link QueryParsing}). That costs one token per run, where indexing
 * every character as a unigram would cost one per character: most of the index's work for Chinese.
 *
 * <p>Whether a bigram ends its run shows only with the token after it, so each bigram passes through at once
 * and only its last character and offsets are kept (plain ints); the token that ends a run is the one held back
 * (its state captured) while the run's last character goes out before it. That is one captured state per run, not
 * two per bigram as a look-ahead at every bigram would take: capturing (cloning every attribute) was a sixth of the
 * indexing time.
 */
final class RunFinalUnigramFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);

    /** The last character of the bigram just emitted, or -1 when the last token was no bigram. */
    private int lastChar = -1;
    private int lastStart;
    private int lastEnd;
    /** The token that ended a run, emitted after the run's last character. */
    private AttributeSource.State held;
    private boolean exhausted;

    RunFinalUnigramFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (held != null) {
            restoreState(held);
            held = null;
            remember();
            return true;
        }
        if (exhausted || !input.incrementToken()) {
            exhausted = true;
            if (lastChar < 0) return false;
            emitFinalChar();
            return true;
        }
        boolean continues = CJKBigramFilter.DOUBLE_TYPE.equals(type.type()) && offset.startOffset() < lastEnd;
        if (lastChar >= 0 && !continues) {
            held = captureState();
            emitFinalChar();
            return true;
        }
        remember();
        return true;
    }

    /** Notes the token just put out: a bigram may be the last of its run. */
    private void remember() {
        if (CJKBigramFilter.DOUBLE_TYPE.equals(type.type())) {
            lastChar = Character.codePointBefore(term.buffer(), term.length());
            lastStart = offset.startOffset();
            lastEnd = offset.endOffset();
        } else {
            lastChar = -1;
        }
    }

    private void emitFinalChar() {
        int n = Character.charCount(lastChar);
        clearAttributes();
        term.setLength(Character.toChars(lastChar, term.resizeBuffer(2), 0));
        posInc.setPositionIncrement(0);
        type.setType(CJKBigramFilter.SINGLE_TYPE);
        offset.setOffset(Math.max(lastStart, lastEnd - n), lastEnd);
        lastChar = -1;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        held = null;
        lastChar = -1;
        lastStart = 0;
        lastEnd = 0;
        exhausted = false;
    }
}
