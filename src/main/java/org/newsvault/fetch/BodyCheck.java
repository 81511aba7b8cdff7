package org.newsvault.fetch;

/**
 * Looks at the first bytes of a body while it streams, before the rest is read: a body that is not what the request
 * wants stops there (an "image" that is HTML or SVG costs its first bytes, not its megabytes).
 */
public interface BodyCheck {
    /** How many first bytes {@link #check} wants (fewer when the body is shorter). */
    int prefixBytes();

    /**
     * @param head   the body's first bytes, {@code length} of them ({@link #prefixBytes()}, or the whole body when
     *               shorter)
     * @return null to go on reading, or the reason to refuse the body (one line)
     */
    String check(byte[] head, int length);
}
