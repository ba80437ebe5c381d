package dev.theater.runtime.handlers;

import dev.theater.runtime.internal.ActorHandlerContext;
import dev.theater.runtime.internal.MessageRouter;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import java.util.Set;

/**
 * The built-in {@code message-server} handler: {@code theater:simple/message-server-host} (send, request, channels,
 * outstanding requests) for actors that the manifest grants it with {@code [[handler]] type = "message-server"}. It
 * takes no configuration; mailbox sizes are {@code [limits] mailbox}, and the waits are set on the runtime's builder.
 * See {@code docs/messaging.md}.
 */
public final class MessageServerHandlerFactory implements HandlerFactory {
    public static final String ID = "message-server";
    public static final String INTERFACE = MessageRouter.HOST;

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
        if (!(context instanceof ActorHandlerContext runtime)) {
            throw new IllegalStateException("the message-server handler is built into TheaterRuntime and serves only"
                    + " actors a TheaterRuntime spawns; actor '" + config.actorName() + "' was not spawned by one");
        }
        return new MessageServerHandler(config.actorName(), runtime.messaging());
    }
}
