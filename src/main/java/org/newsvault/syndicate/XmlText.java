package org.newsvault.syndicate;

/**
 * Text that XML 1.0 can carry. An archived title may hold any character a hostile feed sent, and the C0 controls
 * (but tab, newline, return), unpaired surrogates and U+FFFE/U+FFFF are not allowed in an XML document at all:
 * JDOM would refuse the whole feed for one title. They are dropped; nothing else changes (escaping is the
 * library's).
 */
final class XmlText {
    private XmlText() {}

    static String of(String s) {
        if (s == null) return null;
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (sb != null) sb.append(c).append(s.charAt(i + 1));
                    i++;
                    continue;
                }
            } else {
                ok = !Character.isLowSurrogate(c) && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                    && c != 0xfffe && c != 0xffff;
            }
            if (!ok && sb == null) sb = new StringBuilder(s.length()).append(s, 0, i);
            if (ok && sb != null) sb.append(c);
        }
        return sb == null ? s : sb.toString();
    }
}
