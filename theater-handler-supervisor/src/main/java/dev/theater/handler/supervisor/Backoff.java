package dev.theater.handler.supervisor;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Exponential backoff with jitter. The restart that follows {@code k} earlier restarts of the same child within the
 * intensity period waits about {@code base(k) = min(max, min × 2^k)}: jitter takes off up to a quarter of it, but never
 * goes below {@code min}. So delays double until they reach {@code max}, and a crowd of children failing together does
 * not come back in step.
 *
 * @param min the delay before the first restart
 * @param max the largest delay
 */
record Backoff(Duration min, Duration max) {
    /** The share of the base delay that jitter may take off. */
    static final double JITTER = 0.25;

    Backoff {
        requireNonNull(min, "min is null");
        requireNonNull(max, "max is null");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= min <= max, was min " + min + ", max " + max);
        }
    }

    /** {@code min × 2^attempt}, capped at {@code max}. */
    Duration base(int attempt) {
        long maxNanos = max.toNanos();
        long base = min.toNanos();
        for (int i = 0; i < attempt && base < maxNanos; i++) {
            base = base > maxNanos / 2 ? maxNanos : base * 2;
        }
        return Duration.ofNanos(Math.min(base, maxNanos));
    }

    /**
     * The delay of the restart after {@code attempt} earlier ones.
     *
     * @param random a number in [0, 1) that picks the jitter; 0 means none
     */
    Duration delay(int attempt, double random) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0, was " + attempt);
        }
        if (!(random >= 0 && random < 1)) {
            throw new IllegalArgumentException("random must be in [0, 1), was " + random);
        }
        long base = base(attempt).toNanos();
        long jittered = base - (long) (base * JITTER * random);
        return Duration.ofNanos(Math.max(min.toNanos(), jittered));
    }
}
