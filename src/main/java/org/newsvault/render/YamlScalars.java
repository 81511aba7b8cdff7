package org.newsvault.render;

import java.util.Locale;
import java.util.Set;

/**
 * Front matter values as YAML scalars that every loader (SnakeYAML, PyYAML, Ruby's Psych as Jekyll runs it,
 * YAML 1.1 or 1.2) reads back as the same string: never a tag, anchor, alias, collection, number, bool,
 * null or date. Ordinary values (CJK names, {@code DW}, {@code Reuters}, a URL) stay plain, as FORMAT.md
 * writes them; anything else is double-quoted.
 */
public final class YamlScalars {
    private YamlScalars() {}

    /** Words some loader reads as a bool or null (YAML 1.1 bools include y/n/on/off in any of three casings). */
    private static final Set<String> WORDS = Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null");
    /** First characters that are YAML indicators or start a number, date, .inf/.nan, merge key or value key. */
    private static final String BAD_FIRST = "-?:,[]{}#&*!|>'\"%@`<=~+.";

    /**
     * A YAML double-quoted scalar: {@code "} and {@code \} escaped, and as {@code \}{@code uXXXX} every
     * character a YAML stream may not hold or that a loader could take as a line break or byte-order mark
     * (C0/C1 controls, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF, unpaired surrogates). Everything else, CJK
     * text included, is written as it is.
     */
    public static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (mustEscape(c)) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** {@code s} as a block mapping value: plain when {@link #plainSafe}, else {@link #doubleQuoted}. */
    public static String value(String s) {
        return plainSafe(s) ? s : doubleQuoted(s);
    }

    /** {@code s} as an item of a flow sequence ({@code [ s ]}): as {@link #value}, and quoted if it holds {@code , [ ] { }}. */
    public static String flowItem(String s) {
        return plainSafe(s) && s.chars().noneMatch(c -> ",[]{}".indexOf(c) >= 0) ? s : doubleQuoted(s);
    }

    /**
     * True when {@code s} written plain after {@code key: } is read back as exactly {@code s}, a string, by
     * every loader: not empty, no surrounding whitespace, not starting with an indicator or with a digit,
     * {@code +} or {@code .}, not a bool/null word, no {@code ": "} or {@code " #"} inside, not ending in
     * {@code :}, and only characters {@link #doubleQuoted} would write as they are.
     */
    public static boolean plainSafe(String s) {
        if (s == null || s.isEmpty()) return false;
        char first = s.charAt(0);
        if (BAD_FIRST.indexOf(first) >= 0 || Character.isDigit(first)) return false;
        if (Character.isWhitespace(first) || Character.isWhitespace(s.charAt(s.length() - 1))
            || Character.isSpaceChar(first) || Character.isSpaceChar(s.charAt(s.length() - 1))) {
            return false;
        }
        if (WORDS.contains(s.toLowerCase(Locale.ROOT))) return false;
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":") || s.indexOf('\t') >= 0) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (mustEscape(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean mustEscape(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F || c == 0x2028 || c == 0x2029 || c == 0xFEFF || c == 0xFFFE
            || c == 0xFFFF || Character.isSurrogate(c);
    }

    /**
     * The string a one-line YAML double-quoted scalar stands for, or null when {@code quoted} is not exactly
     * one such scalar (an unknown escape, a {@code "} before the end, text after the closing quote).
     * Undoes {@link #doubleQuoted} and the other YAML escapes.
     */
    static String decodeDoubleQuoted(String quoted) {
        if (quoted.length() < 2 || quoted.charAt(0) != '"' || quoted.charAt(quoted.length() - 1) != '"') return null;
        StringBuilder sb = new StringBuilder(quoted.length());
        int end = quoted.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = quoted.charAt(i);
            if (c == '"') return null;
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= end) return null;
            char e = quoted.charAt(i);
            int hex = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
            if (hex > 0) {
                if (i + hex >= end || !quoted.substring(i + 1, i + 1 + hex).matches("[0-9A-Fa-f]+")) return null;
                int cp = (int) Long.parseLong(quoted.substring(i + 1, i + 1 + hex), 16);
                if (!Character.isValidCodePoint(cp)) return null;
                sb.appendCodePoint(cp);
                i += hex;
                continue;
            }
            String simple = switch (e) {
                case '0' -> "\0";
                case 'a' -> "\u0007";
                case 'b' -> "\b";
                case 't', '\t' -> "\t";
                case 'n' -> "\n";
                case 'v' -> "\u000B";
                case 'f' -> "\f";
                case 'r' -> "\r";
                case 'e' -> "\u001B";
                case ' ' -> " ";
                case '"' -> "\"";
                case '/' -> "/";
                case '\\' -> "\\";
                case 'N' -> "\u0085";
                case '_' -> "\u00A0";
                case 'L' -> "\u2028";
                case 'P' -> "\u2029";
                default -> null;
            };
            if (simple == null) return null;
            sb.append(simple);
        }
        return sb.toString();
    }
}
