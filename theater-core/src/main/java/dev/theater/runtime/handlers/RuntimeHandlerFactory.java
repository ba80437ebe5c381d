package dev.theater.runtime.handlers;

import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import java.util.Set;

/**
 * The built-in {@code runtime} handler: {@code theater:simple/runtime} ({@code log}, {@code get-chain}, {@code
 * shutdown}, {@code self}). Granted like any other handler, with {@code [[handler]] type = "runtime"}; it takes no
 * configuration.
 */
public final class RuntimeHandlerFactory implements HandlerFactory {
    public static final String ID = "runtime";
    public static final String INTERFACE = "theater:simple/runtime";

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
        config.requireOnly();
        return new RuntimeHandler(config.actorName());
    }
}
