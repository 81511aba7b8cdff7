package org.newsvault.model;

import java.io.Reader;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How much work one feed item's HTML may cost in the extract and sanitize stages: a deadline, a cap on
 * the number of elements and a nesting depth beyond which elements are flattened into their ancestor.
 * Hostile bodies (100,000 nested divs, a megabyte of mis-nested links) would otherwise take minutes;
 * real articles stay far inside every bound (the corpora peak at 24,279 nodes, 44 levels, well under
 * a second). The tree walks call {@link #tick()} per node and throw {@link BudgetExceededException}
 * once the deadline has passed, so the item fails alone with one clear line.
 *
 * <p>One budget per item, shared by its extraction and its sanitizing; not thread-safe (one item is
 * processed by one thread). The clock is a nanosecond supplier so that tests can drive it.
 */
public final class WorkBudget {
    public static final Duration DEFAULT_TIME = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ELEMENTS = 200_000;
    public static final int DEFAULT_MAX_DEPTH = 256;
    /** Reading the clock on every node would cost more than most nodes; every 512th is enough. */
    private static final int TICKS_PER_CHECK = 512;

    private final Duration time;
    private final int maxElements;
    private final int maxDepth;
    private final LongSupplier nanoTime;
    private final long start;
    private int ticks;

    public WorkBudget(Duration time, int maxElements, int maxDepth, LongSupplier nanoTime) {
        if (time.isNegative() || maxElements < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("work budget needs a time >= 0 and caps >= 1");
        }
        this.time = time;
        this.maxElements = maxElements;
        this.maxDepth = maxDepth;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    /** The default budget (5 s, 200,000 elements, depth 256), starting now. */
    public static WorkBudget standard() {
        return new WorkBudget(DEFAULT_TIME, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_DEPTH, System::nanoTime);
    }

    public int maxElements() {
        return maxElements;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** Counts one unit of work; every few hundred, checks the deadline. */
    public void tick() {
        if (++ticks >= TICKS_PER_CHECK) {
            ticks = 0;
            check();
        }
    }

    /** Throws {@link BudgetExceededException} when the deadline has passed. */
    public void check() {
        if (nanoTime.getAsLong() - start > time.toNanos()) {
            throw new BudgetExceededException("too complex to process (over " + seconds(time) + ")");
        }
    }

    /** Throws {@link BudgetExceededException} when {@code elements} is over the element cap. */
    public void checkElements(long elements) {
        if (elements > maxElements) {
            throw new BudgetExceededException("too complex to process (over " + maxElements + " elements)");
        }
    }

    /**
     * Checks, before parsing, that the markup cannot hold more elements than the cap: every element
     * starts with {@code <} and a letter, so their count bounds what a parser can build, in one scan.
     */
    public void checkMarkup(CharSequence html) {
        long tags = 0;
        for (int i = 0, n = html.length() - 1; i < n; i++) {
            if (html.charAt(i) == '<') {
                char c = html.charAt(i + 1);
                if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') tags++;
            }
        }
        checkElements(tags);
    }

    /**
     * {@code text} as a reader that checks the deadline on every read, so that a parser fed through it
     * stops within one buffer of the deadline (jsoup's tree builder can spend quadratic time on
     * mis-nested formatting tags, and offers no way to interrupt it).
     */
    public Reader reader(String text) {
        return new Reader() {
            private int pos;

            @Override
            public int read(char[] buf, int off, int len) {
                check();
                if (pos >= text.length()) return -1;
                int n = Math.min(len, Math.min(text.length() - pos, 2048));
                text.getChars(pos, pos + n, buf, off);
                pos += n;
                return n;
            }

            @Override
            public void close() {}
        };
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
