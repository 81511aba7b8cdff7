package org.newsvault.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.newsvault.config.WebSettings;

/**
 * {@code web.password-hash}: PBKDF2-HMAC-SHA256 (in the JDK: no native library, no extra dependency) as
 * {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}, salt and hash in base64. Verification compares in constant time.
 */
public final class PasswordHash {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. Checked once per request with auth on: about 0.2 s per core. */
    static final int ITERATIONS = 600_000;

    private PasswordHash() {}

    public static String hash(char[] password) {
        return hash(password, ITERATIONS);
    }

    static String hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b = Base64.getEncoder();
        return "pbkdf2-sha256:" + iterations + ":" + b.encodeToString(salt) + ":" + b.encodeToString(derive(password, salt, iterations, 32));
    }

    /** False for a wrong password and for a malformed hash (ConfigLoader refuses those at load already). */
    public static boolean verify(char[] password, String stored) {
        if (stored == null || !WebSettings.HASH.matcher(stored).matches()) return false;
        String[] p = stored.split(":");
        byte[] salt = Base64.getDecoder().decode(p[2]);
        byte[] want = Base64.getDecoder().decode(p[3]);
        byte[] got = derive(password, salt, Integer.parseInt(p[1]), want.length);
        return MessageDigest.isEqual(want, got);
    }

    /** Constant-time equality of two strings (the user name). */
    static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256: " + e.getMessage(), e);
        }
    }
}
