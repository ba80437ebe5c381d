package dev.theater.handler.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Why a store operation was refused or failed. Every message names the store, what failed, and what to do; the store
 * handler returns it to the guest as {@code err(message)}.
 */
public abstract sealed class StoreException extends RuntimeException
        permits StoreException.NoSuchStore,
                StoreException.NoSuchContent,
                StoreException.Corrupt,
                StoreException.LimitExceeded,
                StoreException.AccessDenied,
                StoreException.StorageFailure {
    private static final long serialVersionUID = 1L;

    private final String storeId;

    StoreException(String storeId, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.storeId = requireNonNull(storeId, "storeId is null");
    }

    /** The store concerned. */
    public String storeId() {
        return storeId;
    }

    /** No store with this id exists under the runtime home (or the id is not a store id at all). */
    public static final class NoSuchStore extends StoreException {
        private static final long serialVersionUID = 1L;

        NoSuchStore(String storeId, String message) {
            super(storeId, message, null);
        }
    }

    /** The store has no content with this reference. */
    public static final class NoSuchContent extends StoreException {
        private static final long serialVersionUID = 1L;

        private final transient ContentRef ref;

        NoSuchContent(String storeId, ContentRef ref, String message) {
            super(storeId, message, null);
            this.ref = requireNonNull(ref, "ref is null");
        }

        public ContentRef ref() {
            return ref;
        }
    }

    /**
     * A file of the store no longer holds what it should: a content file whose SHA-256 is not its name, or a label
     * index whose checksum does not match. The damaged bytes are never returned.
     */
    public static final class Corrupt extends StoreException {
        private static final long serialVersionUID = 1L;

        private final transient ContentRef ref;

        Corrupt(String storeId, ContentRef ref, String message) {
            super(storeId, message, null);
            this.ref = ref;
        }

        /** The damaged content, or empty when the label index is damaged. */
        public Optional<ContentRef> ref() {
            return Optional.ofNullable(ref);
        }
    }

    /** A write would exceed a {@link StoreLimits} limit; {@link #limit()} names it as the manifest does. */
    public static final class LimitExceeded extends StoreException {
        private static final long serialVersionUID = 1L;

        private final String limit;

        LimitExceeded(String storeId, String limit, String message) {
            super(storeId, message, null);
            this.limit = requireNonNull(limit, "limit is null");
        }

        /** {@value StoreLimits#MAX_CONTENT_SIZE} or {@value StoreLimits#MAX_STORE_SIZE}. */
        public String limit() {
            return limit;
        }
    }

    /** An actor asked for a store it holds no capability for (see {@link StoreGrants}). */
    public static final class AccessDenied extends StoreException {
        private static final long serialVersionUID = 1L;

        AccessDenied(String storeId, String message) {
            super(storeId, message, null);
        }
    }

    /** The file system failed (disk full, permissions, I/O error). */
    public static final class StorageFailure extends StoreException {
        private static final long serialVersionUID = 1L;

        StorageFailure(String storeId, String message, Throwable cause) {
            super(storeId, message, cause);
        }
    }
}
