package dev.theater.testkit;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import dev.theater.spi.HostLinker;
import dev.theater.spi.Shutdown;
import java.util.Set;

/** A faulty test handler: it declares {@code test:kit/types} but binds only {@code echo-point}. */
public final class PartialHandlerFactory implements HandlerFactory {
    @Override
    public String id() {
        return "kit-partial";
    }

    @Override
    public Set<String> provides() {
        return Set.of(EchoHandlerFactory.INTERFACE);
    }

    @Override
    public Handler create(HandlerConfig config, HandlerContext context) {
        config.requireOnly();
        return new Handler() {
            @Override
            public Set<String> imports() {
                return Set.of(EchoHandlerFactory.INTERFACE);
            }

            @Override
            public Set<String> exports() {
                return Set.of();
            }

            @Override
            public void link(HostLinker linker) {
                linker.function(EchoHandlerFactory.INTERFACE, "echo-point", args -> args.get(0));
            }

            @Override
            public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {}
        };
    }
}
