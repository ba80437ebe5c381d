package dev.theater.testkit;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import dev.theater.spi.HostLinker;
import dev.theater.spi.Shutdown;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitTuple;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test handler that provides {@code test:kit/types} (its WIT is in this module's test resources): the echo functions
 * return their argument, {@code count} counts its calls per actor, {@code refuse} returns {@code err(reason)}, and
 * {@code explode} throws. Config: {@code greeting} (a string, optional), nothing else.
 */
public final class EchoHandlerFactory implements HandlerFactory {
    static final String INTERFACE = "test:kit/types";

    @Override
    public String id() {
        return "kit-echo";
    }

    @Override
    public Set<String> provides() {
        return Set.of(INTERFACE);
    }

    @Override
    public List<String> witDirectories() {
        return List.of("wit/test-kit");
    }

    @Override
    public Handler create(HandlerConfig config, HandlerContext context) {
        config.requireOnly("greeting");
        String greeting = config.string("greeting").orElse("");
        return new Handler() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Set<String> imports() {
                return Set.of(INTERFACE);
            }

            @Override
            public Set<String> exports() {
                return Set.of();
            }

            @Override
            public void link(HostLinker linker) {
                linker.function(INTERFACE, "echo-point", args -> args.get(0));
                linker.function(INTERFACE, "echo-shape", args -> args.get(0));
                linker.function(INTERFACE, "echo-strings", args -> args.get(0));
                linker.function(INTERFACE, "echo-floats", args -> new WitTuple(List.of(args.get(0), args.get(1))));
                linker.function(INTERFACE, "describe", args -> greeting + args);
                linker.function(INTERFACE, "count", args -> count.incrementAndGet());
                linker.function(INTERFACE, "refuse", args -> WitResult.err("refused: " + args.get(0)));
                linker.function(INTERFACE, "explode", args -> {
                    throw new IllegalStateException("exploded: " + args.get(0));
                });
            }

            @Override
            public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {}
        };
    }
}
