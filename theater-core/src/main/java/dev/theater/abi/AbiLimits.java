package dev.theater.abi;

/**
 * Limits on what one call may lift from guest memory.
 *
 * <p>{@code maxLiftBytesPerCall} bounds the bytes one call lifts: the bytes of every string and list it reads, each
 * list element counted as at least 4 bytes. Bounds checks alone cannot stop a guest from making the host allocate
 * far more than its memory holds: a list of 8,192 lists that all point at the same 32 KiB claims 256 MiB while the
 * guest spent 96 KiB. The budget stops that before anything is allocated, so the host heap a lifted value takes is
 * a small multiple of the limit. The default, 64 MiB, is far above what a message or a state normally carries;
 * raise it for actors that move larger values in one call.
 */
public record AbiLimits(long maxLiftBytesPerCall) {
    /** 64 MiB. */
    public static final long DEFAULT_MAX_LIFT_BYTES_PER_CALL = 64L << 20;

    public static final AbiLimits DEFAULT = new AbiLimits(DEFAULT_MAX_LIFT_BYTES_PER_CALL);

    public AbiLimits {
        if (maxLiftBytesPerCall <= 0) {
            throw new IllegalArgumentException("maxLiftBytesPerCall must be > 0, was " + maxLiftBytesPerCall);
        }
    }
}
