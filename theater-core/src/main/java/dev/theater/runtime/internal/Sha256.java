package dev.theater.runtime.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as the runtime writes it in chain data, cache keys and messages: 64 lowercase hex digits. */
public final class Sha256 {
    private Sha256() {}

    /** The SHA-256 of {@code bytes} as lowercase hex. */
    public static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }
}
