package dev.theater.handler.random;

import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerConfigException;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code random} handler. Configuration:
 *
 * <ul>
 *   <li>{@code seed} (integer, optional): seeded mode. Every actor's handler starts a {@link SplitMix64} generator from
 *       this seed, so the same calls give the same values on every run and every JVM; the seed is recorded in the
 *       actor's first chain event ({@code handler_facts}). Without it, values come from {@link SecureRandom}.
 *   <li>{@code max_bytes} (integer, default 1 MiB): the most {@code random-bytes} returns in one call.
 * </ul>
 */
public final class RandomHandlerFactory implements HandlerFactory {
    static final String ID = "random";
    static final String INTERFACE = "theater:simple/random";
    static final long DEFAULT_MAX_BYTES = 1024 * 1024;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> provides() {
        return Set.of(INTERFACE);
    }

    @Override
    public Handler create(HandlerConfig config, HandlerContext context) {
        config.requireOnly("seed", "max_bytes");
        Optional<Long> seed = config.integer("seed");
        long maxBytes = config.integer("max_bytes").orElse(DEFAULT_MAX_BYTES);
        if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE) {
            throw new HandlerConfigException(
                    "max_bytes", "max_bytes must be between 0 and " + Integer.MAX_VALUE + ", was " + maxBytes);
        }
        RandomSource source = seed.<RandomSource>map(SplitMix64::new).orElseGet(SecureSource::new);
        return new RandomHandler(source, seed, (int) maxBytes);
    }
}
