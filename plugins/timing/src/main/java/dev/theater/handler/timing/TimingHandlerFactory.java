package dev.theater.handler.timing;

import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerConfigException;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import java.time.Clock;
import java.util.Set;

/**
 * The {@code timing} handler: the wall clock and waiting. Configuration: {@code max_sleep_ms} (integer, default one
 * hour), the longest {@code sleep} or {@code deadline} wait it grants; a longer one returns {@code err}.
 */
public final class TimingHandlerFactory implements HandlerFactory {
    static final String ID = "timing";
    static final String INTERFACE = "theater:simple/timing";
    static final long DEFAULT_MAX_SLEEP_MS = 60 * 60 * 1000L;

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
        config.requireOnly("max_sleep_ms");
        long maxSleep = config.integer("max_sleep_ms").orElse(DEFAULT_MAX_SLEEP_MS);
        if (maxSleep < 0) {
            throw new HandlerConfigException(
                    "max_sleep_ms", "max_sleep_ms must be >= 0 (milliseconds), was " + maxSleep);
        }
        return new TimingHandler(Clock.systemUTC(), maxSleep);
    }
}
