package dev.theater.spi;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads an entry of a content-addressed store, for manifests whose {@code component} or {@code init_state} is a store
 * reference {@code store:<store-id>/<sha256-hex>}. Offered by a {@link HandlerFactory#contentResolver()}; the runtime
 * calls it while spawning, before any handler of the actor exists. Thread-safe.
 */
@FunctionalInterface
public interface ContentResolver {
    /**
     * The bytes of the entry {@code contentHash} of store {@code storeId} kept under {@code runtimeHome}, checked
     * against the hash before they are returned.
     *
     * @param runtimeHome the runtime's home directory
     * @param storeId the store id of the reference
     * @param contentHash the SHA-256 of the content, 64 lowercase hex digits
     * @throws IOException when the store or the entry does not exist, cannot be read, or its bytes no longer match
     *     the hash; the message names the reference and what to do
     */
    byte[] resolve(Path runtimeHome, String storeId, String contentHash) throws IOException;
}
