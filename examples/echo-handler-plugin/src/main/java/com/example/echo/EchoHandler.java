package com.example.echo;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.Handler;
import dev.theater.spi.HostLinker;
import dev.theater.spi.Shutdown;
import dev.theater.spi.WitResult;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One actor's example:echo/echo. Theater records every call in the actor's chain; the handler does not. */
final class EchoHandler implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(EchoHandler.class);

    private final String prefix;
    private final AtomicLong calls = new AtomicLong();

    EchoHandler(String prefix) {
        this.prefix = prefix;
    }

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
        String iface = EchoHandlerFactory.INTERFACE;
        linker.function(iface, "echo", args -> {
            calls.incrementAndGet();
            return prefix + args.get(0);
        });
        linker.function(iface, "reverse", args -> {
            calls.incrementAndGet();
            String message = (String) args.get(0);
            if (message.isEmpty()) {
                return WitResult.err("reverse: the message is empty; send at least one character");
            }
            return WitResult.ok(new StringBuilder(message).reverse().toString());
        });
        linker.function(iface, "count", args -> calls.incrementAndGet());
    }

    @Override
    public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {
        LOG.debug("echo handler started for actor {}", controller.id());
    }
}
