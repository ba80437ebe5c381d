package dev.theater.runtime.handlers;

import static java.util.Objects.requireNonNull;

import dev.theater.runtime.internal.MessageRefused;
import dev.theater.runtime.internal.MessageRouter;
import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ActorId;
import dev.theater.spi.Handler;
import dev.theater.spi.HostLinker;
import dev.theater.spi.Shutdown;
import dev.theater.spi.WitResult;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One actor's {@code theater:simple/message-server-host}: every function goes to the runtime's {@link MessageRouter}
 * with this actor as the sender. A refusal (unknown actor, full mailbox, wait cycle, closed channel, ...) is the
 * {@code err} of the call, with a message that says why; only an interruption of the calling operation escapes.
 */
final class MessageServerHandler implements Handler {
    private final String actorName;
    private final MessageRouter router;
    private volatile ActorId self;

    MessageServerHandler(String actorName, MessageRouter router) {
        this.actorName = requireNonNull(actorName, "actorName is null");
        this.router = requireNonNull(router, "router is null");
    }

    @Override
    public Set<String> imports() {
        return Set.of(MessageRouter.HOST);
    }

    @Override
    public Set<String> exports() {
        return Set.of(MessageRouter.CLIENT);
    }

    @Override
    public void link(HostLinker linker) {
        String host = MessageRouter.HOST;
        linker.function(
                host,
                "send",
                args -> result(() -> {
                    router.send(self("send"), (String) args.get(0), (byte[]) args.get(1));
                    return null;
                }));
        linker.function(
                host,
                "request",
                args -> result(() -> router.request(self("request"), (String) args.get(0), (byte[]) args.get(1))));
        linker.function(
                host,
                "open-channel",
                args -> result(
                        () -> router.openChannel(self("open-channel"), (String) args.get(0), (byte[]) args.get(1))));
        linker.function(
                host,
                "send-on-channel",
                args -> result(() -> {
                    router.sendOnChannel(self("send-on-channel"), (String) args.get(0), (byte[]) args.get(1));
                    return null;
                }));
        linker.function(
                host,
                "close-channel",
                args -> result(() -> {
                    router.closeChannel(self("close-channel"), (String) args.get(0));
                    return null;
                }));
        linker.function(
                host,
                "list-outstanding-requests",
                args -> router.outstandingRequests(self("list-outstanding-requests")));
        linker.function(
                host,
                "respond-to-request",
                args -> result(() -> {
                    router.respond(self("respond-to-request"), (String) args.get(0), (byte[]) args.get(1));
                    return null;
                }));
        linker.function(
                host,
                "cancel-request",
                args -> result(() -> {
                    router.cancel(self("cancel-request"), (String) args.get(0));
                    return null;
                }));
    }

    @Override
    public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {
        this.self = requireNonNull(executor, "executor is null").id();
    }

    private ActorId self(String function) {
        ActorId id = self;
        if (id == null) {
            throw new IllegalStateException("actor '" + actorName + "' called " + MessageRouter.HOST + "#" + function
                    + " before it started (from a wasm start function); call it from init or later");
        }
        return id;
    }

    private static WitResult result(Supplier<Object> call) {
        try {
            return WitResult.ok(call.get());
        } catch (MessageRefused e) {
            return WitResult.err(e.getMessage());
        }
    }
}
