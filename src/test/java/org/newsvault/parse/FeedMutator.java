package org.newsvault.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic mutations of a feed's bytes for the fuzz tests: what broken servers, truncated transfers
 * and hostile publishers send. Each mutant is named by its kind, so a failure says how to make it again.
 */
final class FeedMutator {
    enum Kind {
        TRUNCATE, FLIP_BYTES, DEEP_NESTING, DEEP_JSON, HUGE_ATTRIBUTE, HUGE_TEXT, ENTITY_TRICKS, BILLION_LAUGHS,
        WRONG_ENCODING, BOM, DUPLICATE_CHUNK, NUL_BYTES, UNCLOSED_CDATA, NAMESPACE_TRICKS, MANY_ELEMENTS
    }

    record Mutant(Kind kind, String detail, byte[] body) {
        @Override
        public String toString() {
            return kind + "(" + detail + ")";
        }
    }

    private static final String[] ENTITIES = {"&bogus;", "&#0;", "&#xD800;", "&#99999999;", "&amp;amp;", "&", "&#;",
            "&nbsp;", "&#x;", "&lt;![CDATA[", "]]>", "&#x1F600;", "&;", "&&&", "&#38;#38;", "&#xFFFE;"};
    private static final String[] NAMESPACES = {" xmlns:dc=\" http://purl.org/dc/elements/1.1/\"", " xmlns=\"\"",
            " xmlns:x=\"1x\"", " xmlns:xml=\"http://other\"", " xmlns:a=\"\t\n\"", " xmlns:=\"http://x\"",
            " xmlns:atom=\" http://www.w3.org/2005/Atom \"", " xml:base=\"javascript:alert(1)\"", " xml:base=\"http://[::1\""};

    private FeedMutator() {
    }

    /** {@code count} mutants of {@code body}, the same for the same seed. */
    static List<Mutant> mutants(byte[] body, long seed, int count) {
        Random r = new Random(seed);
        Kind[] kinds = Kind.values();
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Kind kind = kinds[(int) ((seed + i) % kinds.length + kinds.length) % kinds.length];
            out.add(mutate(body, kind, r));
        }
        return out;
    }

    static Mutant mutate(byte[] body, Kind kind, Random r) {
        int n = body.length;
        int at = n == 0 ? 0 : r.nextInt(n);
        return switch (kind) {
            case TRUNCATE -> new Mutant(kind, "at " + at, slice(body, 0, at));
            case FLIP_BYTES -> {
                byte[] b = body.clone();
                int flips = 1 + r.nextInt(16);
                for (int i = 0; i < flips && n > 0; i++) b[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                yield new Mutant(kind, flips + " flips", b);
            }
            case DEEP_NESTING -> {
                int depth = 1_500 + r.nextInt(30_000);
                yield new Mutant(kind, depth + " levels at " + at, insert(body, tagAfter(body, at),
                        "<a>".repeat(depth) + "x" + (r.nextBoolean() ? "</a>".repeat(depth) : "")));
            }
            case DEEP_JSON -> {
                int depth = 60 + r.nextInt(20_000);
                yield new Mutant(kind, depth + " levels", ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"url\":"
                        + "\"https://x.example/1\",\"_x\":" + "[".repeat(depth) + "]".repeat(r.nextBoolean() ? depth : 0) + "}]}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            case HUGE_ATTRIBUTE -> {
                int size = 100_000 + r.nextInt(1_000_000);
                yield new Mutant(kind, size + " chars", insert(body, tagNameEnd(body, at),
                        " huge=\"" + "A".repeat(size) + "\"" + " a1=\"1\"".repeat(r.nextInt(2_000))));
            }
            case HUGE_TEXT -> {
                int size = 300_000 + r.nextInt(1_500_000);
                yield new Mutant(kind, size + " chars", insert(body, tagAfter(body, at), "<title>" + "字".repeat(size / 3) + "</title>"));
            }
            case ENTITY_TRICKS -> {
                byte[] b = body;
                int tricks = 1 + r.nextInt(6);
                for (int i = 0; i < tricks; i++) {
                    b = insert(b, b.length == 0 ? 0 : r.nextInt(b.length), ENTITIES[r.nextInt(ENTITIES.length)]);
                }
                yield new Mutant(kind, tricks + " entities", b);
            }
            case BILLION_LAUGHS -> new Mutant(kind, "internal subset", concat(("<?xml version=\"1.0\"?><!DOCTYPE rss ["
                    + "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                    + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e SYSTEM \"file:///etc/passwd\">]>")
                    .getBytes(StandardCharsets.UTF_8), insert(stripProlog(body), tagAfter(stripProlog(body), at), "&d;&e;")));
            case WRONG_ENCODING -> {
                String[] charsets = {"UTF-16", "UTF-16LE", "UTF-32BE", "GB18030", "windows-1252", "Big5", "ISO-2022-JP"};
                String declared = charsets[r.nextInt(charsets.length)];
                String actual = charsets[r.nextInt(charsets.length)];
                String text = new String(body, StandardCharsets.UTF_8).replaceFirst("encoding=\"[^\"]*\"", "encoding=\"" + declared + "\"");
                yield new Mutant(kind, "declared " + declared + ", bytes " + actual, text.getBytes(Charset.forName(actual)));
            }
            case BOM -> {
                byte[][] boms = {{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE},
                        {0, 0, (byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE, 0, 0},
                        {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF}};
                int which = r.nextInt(boms.length);
                yield new Mutant(kind, "bom " + which, concat(boms[which], body));
            }
            case DUPLICATE_CHUNK -> {
                int len = Math.min(n - at, 1 + r.nextInt(200));
                int times = 10 + r.nextInt(2_000);
                byte[] chunk = slice(body, at, at + Math.max(0, len));
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.write(body, 0, at);
                for (int i = 0; i < times; i++) b.writeBytes(chunk);
                b.write(body, at, n - at);
                yield new Mutant(kind, times + " x " + len + " bytes at " + at, b.toByteArray());
            }
            case NUL_BYTES -> {
                byte[] b = body;
                for (int i = 0; i < 1 + r.nextInt(20); i++) b = insert(b, b.length == 0 ? 0 : r.nextInt(b.length), "\0");
                yield new Mutant(kind, "nul bytes", b);
            }
            case UNCLOSED_CDATA -> new Mutant(kind, "at " + at, insert(body, tagAfter(body, at), "<![CDATA[<p>never closed"));
            case NAMESPACE_TRICKS -> {
                String ns = NAMESPACES[r.nextInt(NAMESPACES.length)];
                yield new Mutant(kind, ns.strip(), insert(body, tagNameEnd(body, at), ns));
            }
            case MANY_ELEMENTS -> {
                int count = 50_000 + r.nextInt(600_000);
                yield new Mutant(kind, count + " elements", insert(body, tagAfter(body, at), "<i/>".repeat(count)));
            }
        };
    }

    /** The position just after the first '>' at or after {@code from} (inside the document, not in the prolog). */
    private static int tagAfter(byte[] b, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == '>') return i + 1;
        return b.length;
    }

    /** The end of the first element name at or after {@code from}, where an attribute can go. */
    private static int tagNameEnd(byte[] b, int from) {
        for (int i = from; i < b.length - 1; i++) {
            if (b[i] == '<' && Character.isLetter(b[i + 1])) {
                int j = i + 1;
                while (j < b.length && b[j] != ' ' && b[j] != '>' && b[j] != '/' && b[j] != '\n') j++;
                return j;
            }
        }
        return b.length;
    }

    private static byte[] stripProlog(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.replaceFirst("^\\s*<\\?xml[^>]*\\?>", "").replaceFirst("<!DOCTYPE[^>]*>", "").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] insert(byte[] body, int at, String text) {
        return concat(concat(slice(body, 0, at), text.getBytes(StandardCharsets.UTF_8)), slice(body, at, body.length));
    }

    private static byte[] slice(byte[] b, int from, int to) {
        byte[] out = new byte[Math.max(0, to - from)];
        System.arraycopy(b, from, out, 0, out.length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
