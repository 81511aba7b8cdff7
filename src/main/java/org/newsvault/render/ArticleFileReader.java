package org.newsvault.render;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an article file of either variant, from newsvault or from an existing archive, into the
 * {@link ArticleFile} that {@link ArticleWriter#render} turns back into the same bytes.
 *
 * <p>Front matter is kept verbatim (any keys, any order: older writers have no {@code comments:}),
 * and so is the body. What cannot round-trip, or breaks FORMAT.md's common rules in a way tools
 * would see, is rejected rather than repaired: a byte-order mark, a carriage return (CRLF), bytes
 * that are not UTF-8, a missing final LF. Import can repair such a file and read it again.
 * Control characters inside an otherwise valid file are accepted and kept, so an older archive
 * imports losslessly.
 */
public final class ArticleFileReader {
    private ArticleFileReader() {}

    /** Far above any article (the largest seen are a few hundred KB); bounds what one file can cost. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    private static final Pattern STAMP_LINE = Pattern.compile("<!--(" + ArticleWriter.STAMP.pattern() + ")-->");
    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z0-9_][A-Za-z0-9_-]*):(?: (.*))?");

    /** @throws ArticleFormatException with a one-line reason, e.g. {@code line 11: expected <!--stamp-->} */
    public static ArticleFile read(byte[] bytes) throws ArticleFormatException {
        return parse(text(bytes));
    }

    /**
     * {@link #read}, checked to reproduce {@code bytes}: {@link ArticleWriter#render} of the result is {@code bytes}.
     * Checked on the decoded text, which is as strict as comparing the bytes (the decoding refuses anything that is
     * not well-formed UTF-8, on which encoding is one-to-one) and cheaper (no second encoding).
     *
     * @throws ArticleFormatException as {@link #read}, or {@code does not read back byte for byte}
     */
    public static ArticleFile readExact(byte[] bytes) throws ArticleFormatException {
        String text = text(bytes);
        ArticleFile f = parse(text);
        try {
            if (!ArticleWriter.text(f).equals(text)) throw new ArticleFormatException("does not read back byte for byte");
        } catch (IllegalArgumentException e) {
            throw new ArticleFormatException(e.getMessage());
        }
        return f;
    }

    private static String text(byte[] bytes) throws ArticleFormatException {
        if (bytes.length > MAX_BYTES) throw new ArticleFormatException("file is larger than " + MAX_BYTES + " bytes");
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            throw new ArticleFormatException("line 1: starts with a byte-order mark");
        }
        return decode(bytes);
    }

    private static ArticleFile parse(String text) throws ArticleFormatException {
        int cr = text.indexOf('\r');
        if (cr >= 0) throw new ArticleFormatException("line " + lineOf(text, cr) + ": carriage return (only LF line endings are allowed)");
        if (text.isEmpty()) throw new ArticleFormatException("file is empty");
        if (!text.endsWith("\n")) throw new ArticleFormatException("line " + lineOf(text, text.length()) + ": file does not end with a line break");

        Lines in = new Lines(text);
        Variant variant;
        String frontMatter = null;
        if (in.peek().equals("---")) {
            variant = Variant.JEKYLL;
            in.next();
            List<String> fm = new ArrayList<>();
            while (true) {
                if (in.atEnd()) throw new ArticleFormatException("line " + in.number() + ": front matter has no closing ---");
                String l = in.next();
                if (l.equals("---")) break;
                fm.add(l);
            }
            if (fm.isEmpty()) throw new ArticleFormatException("line 2: front matter is empty");
            frontMatter = String.join("\n", fm);
        } else if (in.peek().startsWith("<!--")) {
            variant = Variant.PLAIN;
        } else {
            throw new ArticleFormatException("line 1: expected --- or <!--stamp-->");
        }

        Matcher stamp = STAMP_LINE.matcher(in.atEnd() ? "" : in.peek());
        if (in.atEnd() || !stamp.matches()) throw new ArticleFormatException("line " + in.number() + ": expected <!--stamp-->");
        in.next();

        int titleAt = in.number();
        String titleLine = in.atEnd() ? "" : in.next();
        int split = titleLine.lastIndexOf("](");
        if (!titleLine.startsWith("[") || !titleLine.endsWith(")") || split < 1) {
            throw new ArticleFormatException("line " + titleAt + ": expected [title](url)");
        }
        if (split + 2 == titleLine.length() - 1) throw new ArticleFormatException("line " + titleAt + ": title line has no url");
        expect(in, "------", "expected ------");
        expect(in, "", "expected a blank line after ------");
        if (in.atEnd()) throw new ArticleFormatException("line " + in.number() + ": body is missing");

        String body = in.rest();
        return new ArticleFile(variant, frontMatter, stamp.group(1), titleLine.substring(1, split),
                titleLine.substring(split + 2, titleLine.length() - 1), body.substring(0, body.length() - 1));
    }

    /**
     * The simple {@code key: value} lines of a front matter, in file order; a key seen twice keeps
     * its last value (as YAML loaders do). A value that is one YAML double-quoted scalar is read as
     * YAML reads it ({@code \"}, {@code \\}, {@code \}{@code uXXXX}, … as {@link YamlScalars#doubleQuoted}
     * writes them); any other value wrapped in double quotes (an older archive's invalid YAML, such as
     * {@code "C:\x"}) is unquoted with only {@code \"} read as {@code "}. Lines that are not
     * {@code key: value} are skipped. Flow lists such as {@code [ 德国之声 ]} stay as written; see
     * {@link #flowListItems}.
     */
    public static Map<String, String> frontMatterValues(String frontMatter) {
        Map<String, String> values = new LinkedHashMap<>();
        if (frontMatter == null) return values;
        for (String line : frontMatter.split("\n")) {
            Matcher m = KEY_VALUE.matcher(line);
            if (!m.matches()) continue;
            String v = m.group(2) == null ? "" : m.group(2).strip();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                String yaml = YamlScalars.decodeDoubleQuoted(v);
                v = yaml != null ? yaml : v.substring(1, v.length() - 1).replace("\\\"", "\"");
            }
            values.put(m.group(1), v);
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * The items of a one-line YAML flow list: {@code [ 德国之声 ]} gives {@code [德国之声]}; other text, itself.
     * An item in double quotes ({@link YamlScalars#flowItem} writes a site with {@code ,} that way) may hold
     * commas and is read as YAML reads it.
     */
    public static List<String> flowListItems(String value) {
        if (value == null || value.isBlank()) return List.of();
        String v = value.strip();
        if (!(v.startsWith("[") && v.endsWith("]"))) return List.of(v);
        List<String> items = new ArrayList<>();
        String inner = v.substring(1, v.length() - 1);
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= inner.length(); i++) {
            char c = i < inner.length() ? inner.charAt(i) : ',';
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"' && (quoted || inner.substring(start, i).isBlank())) {
                quoted = !quoted;
            } else if (c == ',' && (!quoted || i == inner.length())) {
                String item = inner.substring(start, Math.min(i, inner.length())).strip();
                String yaml = YamlScalars.decodeDoubleQuoted(item);
                if (!item.isEmpty()) items.add(yaml != null ? yaml : item);
                start = i + 1;
                quoted = false;
            }
        }
        return List.copyOf(items);
    }

    private static void expect(Lines in, String line, String reason) throws ArticleFormatException {
        int at = in.number();
        if (in.atEnd() || !in.next().equals(line)) throw new ArticleFormatException("line " + at + ": " + reason);
    }

    private static String decode(byte[] bytes) throws ArticleFormatException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return d.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ArticleFormatException("not UTF-8 at byte " + firstBadByte(bytes));
        }
    }

    private static int firstBadByte(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        d.decode(in, java.nio.CharBuffer.allocate(bytes.length), true);
        return in.position();
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    /** A cursor over the LF-terminated lines of a text that ends with LF. */
    private static final class Lines {
        private final String text;
        private int pos;
        private int number = 1;

        Lines(String text) { this.text = text; }

        boolean atEnd() { return pos >= text.length(); }

        int number() { return number; }

        String peek() { return atEnd() ? "" : text.substring(pos, text.indexOf('\n', pos)); }

        String next() {
            String l = peek();
            pos += l.length() + 1;
            number++;
            return l;
        }

        String rest() { return text.substring(pos); }
    }
}
