package org.newsvault.parse;

import com.rometools.rome.io.FeedException;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jdom2.IllegalNameException;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;
import org.newsvault.model.BudgetExceededException;
import org.newsvault.model.Entry;
import org.newsvault.model.WorkBudget;

/**
 * The parse stage: bytes → text ({@link FeedCharset}) → checked and DOCTYPE-free text ({@link FeedText})
 * → strict XML ({@link SecureXml}, with ROME's entity healer) → ROME ({@link RomeFeedReader}) → entries
 * ({@link EntryMapper}). When the XML is not well-formed, or ROME cannot make sense of it, the
 * {@link LenientFeedReader} gets a go, and its entries are returned if it finds any; the first line of
 * {@link ParsedFeed#skipped()} then says what was wrong with the feed.
 *
 * <p>JSON Feed 1.0/1.1 ({@link JsonFeedReader}) is told apart by its body, whatever the Content-Type says.
 *
 * <p>Nothing but {@link ParseException} leaves {@link #parse}, whatever the bytes: each feed is read under
 * a {@link WorkBudget} (a deadline checked as the parsers read, a cap on elements, a nesting depth), and
 * anything a library still throws becomes a one-line failure of the feed.
 *
 * <p>Stateless and thread-safe: every call builds its own parsers.
 */
public final class RomeFeedParser implements FeedParser {
    /** Per feed: the corpora's largest feeds take well under a second and hold under 50,000 elements. */
    public static final Duration FEED_TIME = Duration.ofSeconds(10);
    public static final int MAX_ELEMENTS = 500_000;
    /** Real feeds nest a dozen levels (XHTML bodies a few dozen more); a thousand is only ever an attack. */
    public static final int MAX_DEPTH = 1_000;
    private static final Pattern SPACED_NAMESPACE =
            Pattern.compile("(\\sxmlns(?::[A-Za-z_][\\w.-]*)?\\s*=\\s*)([\"'])\\s+([^\"']*?)\\s*\\2");

    private final Supplier<WorkBudget> budgets;

    public RomeFeedParser() {
        this(() -> new WorkBudget(FEED_TIME, MAX_ELEMENTS, MAX_DEPTH, System::nanoTime));
    }

    /** With budgets of the caller's making (tests drive the clock). */
    public RomeFeedParser(Supplier<WorkBudget> budgets) {
        this.budgets = budgets;
    }

    @Override
    public ParsedFeed parse(byte[] body, String contentType, URI feedUrl) throws ParseException {
        if (body == null || body.length == 0) throw new ParseException("empty body");
        try {
            return read(body, contentType, feedUrl, budgets.get());
        } catch (BudgetExceededException e) {
            throw new ParseException("feed " + e.getMessage());
        } catch (StackOverflowError e) {
            // A last resort: the depth cap should stop every nesting that could get here.
            throw new ParseException("feed nested too deeply to read");
        } catch (RuntimeException e) {
            throw new ParseException("unreadable feed (" + e.getClass().getSimpleName() + ": "
                    + abbreviate(RomeFeedReader.oneLine(e), 160) + ")", e);
        }
    }

    private ParsedFeed read(byte[] body, String contentType, URI feedUrl, WorkBudget budget) throws ParseException {
        String decoded = FeedCharset.decode(body, contentType).text();
        String url = feedUrl == null ? null : feedUrl.toString();
        if (JsonFeedReader.isJson(decoded, contentType)) return toParsed(JsonFeedReader.read(decoded, url, budget), null);
        String text = FeedText.prepare(decoded);
        budget.checkMarkup(text);
        Document doc;
        try {
            doc = strict(text, budget);
        } catch (JDOMParseException e) {
            return lenient(text, url, "malformed XML at line " + e.getLineNumber() + ": " + saxMessage(e), budget);
        } catch (JDOMException | IOException e) {
            return lenient(text, url, "malformed XML: " + RomeFeedReader.oneLine(e), budget);
        } catch (IllegalArgumentException e) {
            // JDOM refuses what the SAX parser let through (a bad namespace URI): not well-formed for us.
            return lenient(text, url, "malformed XML: " + RomeFeedReader.oneLine(e), budget);
        }
        String root = "<" + doc.getRootElement().getQualifiedName() + ">";
        try {
            return toParsed(RomeFeedReader.read(doc, url), null);
        } catch (IllegalArgumentException e) {
            return salvage(text, url, "not a feed: root element " + root, "no RSS/Atom format matches " + root, budget);
        } catch (BudgetExceededException e) {
            throw e;
        } catch (FeedException | RuntimeException e) {
            return salvage(text, url, "not a feed: root element " + root,
                    "ROME failed on it (" + RomeFeedReader.oneLine(e) + ")", budget);
        }
    }

    /**
     * The strict parse. A namespace URI with spaces around it (xmlns:dc=" http://…") is well-formed XML
     * that JDOM refuses; the spaces are then taken off every namespace declaration and it is read again.
     */
    private static Document strict(String text, WorkBudget budget) throws JDOMException, IOException {
        try {
            return SecureXml.parse(budgeted(EntityHealing.reader(text), budget), budget.maxDepth());
        } catch (IllegalNameException e) {
            String trimmed = SPACED_NAMESPACE.matcher(text).replaceAll("$1$2$3$2");
            if (trimmed.equals(text)) throw e;
            return SecureXml.parse(budgeted(EntityHealing.reader(trimmed), budget), budget.maxDepth());
        }
    }

    /** The reader, checking the budget's deadline on each read: the parsers offer no other way to stop. */
    private static Reader budgeted(Reader in, WorkBudget budget) {
        return new Reader() {
            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                budget.check();
                return in.read(buf, off, len);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /**
     * Not well-formed: worth returning when the lenient reader gets entries out of it, or when the
     * channel was complete and simply held none (the damage is after it, as in a lost final {@code >}).
     */
    private static ParsedFeed lenient(String text, String url, String problem, WorkBudget budget) throws ParseException {
        RawFeed raw = readLeniently(text, url, problem, budget);
        ParsedFeed parsed = raw == null ? null : toParsed(raw, "feed: " + problem + "; read leniently");
        if (parsed == null || parsed.entries().isEmpty() && !raw.complete()) throw new ParseException(problem);
        return parsed;
    }

    /** Well-formed but ROME would not have it: a feed root is enough, even with nothing in it. */
    private static ParsedFeed salvage(String text, String url, String notAFeed, String why, WorkBudget budget)
            throws ParseException {
        RawFeed raw = readLeniently(text, url, notAFeed, budget);
        if (raw == null) throw new ParseException(notAFeed);
        return toParsed(raw, "feed: " + why + "; read leniently");
    }

    private static RawFeed readLeniently(String text, String url, String problem, WorkBudget budget)
            throws ParseException {
        try {
            return LenientFeedReader.read(text, url, budget);
        } catch (BudgetExceededException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ParseException(problem, e);
        }
    }

    private static ParsedFeed toParsed(RawFeed raw, String note) {
        List<Entry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (note != null) skipped.add(note);
        skipped.addAll(raw.skipped());
        for (RawItem item : raw.items()) {
            try {
                EntryMapper.Mapped m = EntryMapper.map(item);
                if (m.entry() != null) {
                    entries.add(m.entry());
                } else {
                    skipped.add("item " + item.position() + ": " + m.skipReason());
                }
            } catch (RuntimeException e) {
                skipped.add("item " + item.position() + ": " + RomeFeedReader.oneLine(e));
            }
        }
        return new ParsedFeed(EntryMapper.plainText(raw.title(), raw.titleKind()),
                Urls.resolve(raw.base(), raw.link()), entries, skipped);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static String saxMessage(JDOMParseException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return RomeFeedReader.oneLine(cause);
    }
}
