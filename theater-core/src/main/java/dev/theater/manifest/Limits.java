package dev.theater.manifest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * Resource limits of one actor, from the manifest's {@code [limits]} table.
 *
 * @param memory the cap on the guest's linear memory in bytes, between {@link #MIN_MEMORY} and {@link #MAX_MEMORY};
 *     default {@link #DEFAULT_MEMORY}. Engines round it down to whole 64 KiB pages.
 * @param callTimeout how long one call into the guest may run before it is interrupted and fails; empty means no
 *     limit ({@code call_timeout = "none"}); default {@link #DEFAULT_CALL_TIMEOUT}
 * @param mailbox how many operations may wait in the actor's mailbox before senders meet backpressure; default
 *     {@link #DEFAULT_MAILBOX}
 */
public record Limits(long memory, Optional<Duration> callTimeout, int mailbox) {
    /** One wasm page: a smaller limit could not hold any memory at all. */
    public static final long MIN_MEMORY = 64L * 1024;
    /** The whole 32-bit address space of a wasm32 memory. */
    public static final long MAX_MEMORY = 4L * 1024 * 1024 * 1024;

    public static final long DEFAULT_MEMORY = 64L * 1024 * 1024;
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAILBOX = 1024;

    public static final Limits DEFAULT = new Limits(DEFAULT_MEMORY, Optional.of(DEFAULT_CALL_TIMEOUT), DEFAULT_MAILBOX);

    public Limits {
        requireNonNull(callTimeout, "callTimeout is null");
        if (memory < MIN_MEMORY || memory > MAX_MEMORY) {
            throw new IllegalArgumentException(
                    "memory must be between " + MIN_MEMORY + " and " + MAX_MEMORY + " bytes, was " + memory);
        }
        callTimeout.ifPresent(timeout -> {
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Durations.MAX) > 0) {
                throw new IllegalArgumentException(
                        "callTimeout must be positive and at most Durations.MAX, was " + timeout);
            }
        });
        if (mailbox < 1) {
            throw new IllegalArgumentException("mailbox must be >= 1, was " + mailbox);
        }
    }
}
