package dev.theater.handler.store;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The address of stored content: the SHA-256 of its bytes as 64 lowercase hex digits. Equal content has one
 * reference, so a store keeps it once.
 *
 * @param hash 64 lowercase hex digits
 */
public record ContentRef(String hash) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ContentRef {
        requireNonNull(hash, "hash is null");
        if (!SHA256_HEX.matcher(hash).matches()) {
            throw new IllegalArgumentException(describe(hash)
                    + " is not a content reference: a reference is the SHA-256 of the content, 64 lowercase hex"
                    + " digits, as returned by store()");
        }
    }

    /** The reference of {@code content}. */
    public static ContentRef of(byte[] content) {
        requireNonNull(content, "content is null");
        return new ContentRef(HexFormat.of().formatHex(sha256().digest(content)));
    }

    /** Reads a reference, accepting upper-case hex digits; fails like the constructor otherwise. */
    public static ContentRef parse(String text) {
        requireNonNull(text, "text is null");
        return new ContentRef(text.length() == 64 ? text.toLowerCase(Locale.ROOT) : text);
    }

    /** Whether {@code text} is 64 lowercase hex digits. */
    public static boolean isHash(String text) {
        return SHA256_HEX.matcher(text).matches();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256 MessageDigest, which every Java platform must", e);
        }
    }

    private static String describe(String text) {
        return "'" + (text.length() > 80 ? text.substring(0, 77) + "..." : text) + "'";
    }

    @Override
    public String toString() {
        return hash;
    }
}
