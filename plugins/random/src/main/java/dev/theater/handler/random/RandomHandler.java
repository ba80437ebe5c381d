package dev.theater.handler.random;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.Handler;
import dev.theater.spi.HostCall;
import dev.theater.spi.WitResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One actor's {@code theater:simple/random}. Every value is derived from the source's 64-bit outputs by fixed rules,
 * so a seeded source gives reproducible values: bytes are taken little-endian from successive outputs, a range uses
 * rejection sampling, a float the top 53 bits, a UUID two outputs with the version-4 bits set.
 */
final class RandomHandler implements Handler {
    private final RandomSource source;
    private final Optional<Long> seed;
    private final int maxBytes;

    RandomHandler(RandomSource source, Optional<Long> seed, int maxBytes) {
        this.source = requireNonNull(source, "source is null");
        this.seed = requireNonNull(seed, "seed is null");
        this.maxBytes = maxBytes;
    }

    @Override
    public Map<String, Object> chainFacts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        seed.ifPresent(s -> {
            facts.put("seed", s);
            facts.put("algorithm", source.algorithm());
        });
        return facts;
    }

    @HostCall("random-bytes")
    synchronized WitResult<byte[], String> bytes(int length) {
        long n = Integer.toUnsignedLong(length);
        if (n > maxBytes) {
            return WitResult.err("random-bytes of " + n + " bytes is more than this actor may ask for in one call"
                    + " (max_bytes = " + maxBytes + " in its [[handler]] type = \"random\")");
        }
        byte[] out = new byte[(int) n];
        for (int i = 0; i < out.length; i += 8) {
            long bits = source.nextLong();
            for (int j = 0; j < 8 && i + j < out.length; j++) {
                out[i + j] = (byte) (bits >>> (8 * j));
            }
        }
        return WitResult.ok(out);
    }

    /** A uniform value in [min, max), both unsigned. */
    @HostCall("random-range")
    synchronized WitResult<Long, String> range(long min, long max) {
        if (Long.compareUnsigned(min, max) >= 0) {
            return WitResult.err("random-range needs min < max, but min is " + Long.toUnsignedString(min)
                    + " and max is " + Long.toUnsignedString(max) + " (the range is [min, max))");
        }
        long span = max - min;
        // The largest multiple of span that fits in 2^64, as an unsigned limit; values at or above it are redrawn.
        long limit = -Long.remainderUnsigned(-span, span) - 1;
        long bits;
        do {
            bits = source.nextLong();
        } while (Long.compareUnsigned(bits, limit) > 0);
        return WitResult.ok(min + Long.remainderUnsigned(bits, span));
    }

    @HostCall
    WitResult<Double, String> randomFloat() {
        return WitResult.ok(unitFloat());
    }

    @HostCall
    WitResult<String, String> generateUuid() {
        return WitResult.ok(uuid().toString());
    }

    synchronized double unitFloat() {
        return (source.nextLong() >>> 11) * 0x1.0p-53;
    }

    synchronized UUID uuid() {
        long high = source.nextLong();
        long low = source.nextLong();
        high = (high & ~0xF000L) | 0x4000L;
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
