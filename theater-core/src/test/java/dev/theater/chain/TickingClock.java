package dev.theater.chain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A deterministic clock for tests: starts at a fixed instant and moves one step forward on every read. */
final class TickingClock extends Clock {
    static final Instant START = Instant.parse("2025-01-02T03:04:05.678901Z");

    private final AtomicLong reads = new AtomicLong();
    private final Duration step;

    TickingClock(Duration step) {
        this.step = step;
    }

    TickingClock() {
        this(Duration.ofMillis(1));
    }

    @Override
    public Instant instant() {
        return START.plus(step.multipliedBy(reads.getAndIncrement()));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }
}
