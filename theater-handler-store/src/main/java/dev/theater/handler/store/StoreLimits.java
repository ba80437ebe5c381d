package dev.theater.handler.store;

/**
 * What a {@link ContentStore} accepts from one writer. Limits belong to the writer (an actor's manifest sets them for
 * that actor's writes), not to the store: two actors sharing a store may write under different limits.
 *
 * @param maxContentSize the largest content one write may store, in bytes
 * @param maxStoreSize the largest total size of the store's content a write may lead to, in bytes; content already in
 *     the store does not count again
 */
public record StoreLimits(long maxContentSize, long maxStoreSize) {
    /** No limit but the JVM's: arrays of up to {@code Integer.MAX_VALUE - 8} bytes. */
    public static final StoreLimits UNLIMITED = new StoreLimits(Long.MAX_VALUE, Long.MAX_VALUE);

    /** The manifest key of {@link #maxContentSize}. */
    public static final String MAX_CONTENT_SIZE = "max_content_size";

    /** The manifest key of {@link #maxStoreSize}. */
    public static final String MAX_STORE_SIZE = "max_store_size";

    public StoreLimits {
        if (maxContentSize < 0) {
            throw new IllegalArgumentException("maxContentSize must be >= 0, was " + maxContentSize);
        }
        if (maxStoreSize < 0) {
            throw new IllegalArgumentException("maxStoreSize must be >= 0, was " + maxStoreSize);
        }
    }
}
