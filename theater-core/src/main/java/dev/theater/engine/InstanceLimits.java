package dev.theater.engine;

/**
 * Limits of one instance. {@code maxMemoryBytes} caps linear memory: a {@code memory.grow} past it fails (returns
 * -1 to the guest) and a module whose initial memory already exceeds it fails to instantiate.
 */
public record InstanceLimits(long maxMemoryBytes) {
    /** 4 GiB: the whole 32-bit address space. */
    public static final long MAX_32BIT_MEMORY = 1L << 32;

    public static final InstanceLimits DEFAULT = new InstanceLimits(MAX_32BIT_MEMORY);

    public InstanceLimits {
        if (maxMemoryBytes < 0) {
            throw new IllegalArgumentException("maxMemoryBytes must be >= 0, was " + maxMemoryBytes);
        }
    }

    /** The limit in 64 KiB wasm pages, rounded down. */
    public int maxPages() {
        return (int) Math.min(65536, maxMemoryBytes / 65536);
    }
}
