package dev.theater.manifest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where bytes named by a manifest come from: a file (the actor's {@code .wasm}, or its initial state) or an entry of
 * a content-addressed store. In a manifest a file is a path relative to the manifest's directory, and a store entry
 * is written {@code "store:<store-id>/<sha256-hex>"}.
 */
public sealed interface ComponentSource {
    /** The prefix that marks a store reference in a manifest. */
    String STORE_PREFIX = "store:";

    /** A file, by absolute path. The parser has checked that it existed when the manifest was read. */
    record File(Path absolutePath) implements ComponentSource {
        public File {
            requireNonNull(absolutePath, "absolutePath is null");
            if (!absolutePath.isAbsolute()) {
                throw new IllegalArgumentException("absolutePath must be absolute, was " + absolutePath
                        + "; resolve it against the manifest's directory first");
            }
        }
    }

    /**
     * An entry of the store {@code storeId} with the SHA-256 {@code contentHash} (64 lowercase hex digits).
     * Whether the store and the entry exist is checked when the bytes are loaded, not by the parser.
     */
    record StoreRef(String storeId, String contentHash) implements ComponentSource {
        static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9._-]+");
        static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

        public StoreRef {
            requireNonNull(storeId, "storeId is null");
            requireNonNull(contentHash, "contentHash is null");
            if (!STORE_ID.matcher(storeId).matches()) {
                throw new IllegalArgumentException(
                        "storeId must be letters, digits, '.', '_' or '-', was '" + storeId + "'");
            }
            if (!SHA256_HEX.matcher(contentHash).matches()) {
                throw new IllegalArgumentException(
                        "contentHash must be 64 lowercase hex digits (a SHA-256), was '" + contentHash + "'");
            }
        }

        /** The manifest form, {@code store:<store-id>/<sha256-hex>}. */
        public String reference() {
            return STORE_PREFIX + storeId + "/" + contentHash;
        }
    }
}
