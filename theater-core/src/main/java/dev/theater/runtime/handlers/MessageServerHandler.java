package dev.theater.runtime.handlers;

import static java.util.Objects.requireNonNull;

import dev.theater.runtime.internal.MessageRefused;
import dev.theater.runtime.internal.MessageRouter;
import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ActorId;
import dev.theater.spi.Handler;
import dev.theater.spi.HostCall;
import dev.theater.spi.Shutdown;
import dev.theater.spi.WitResult;
import java.util.List;
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
    public Set<String> exports() {
        return Set.of(MessageRouter.CLIENT);
    }

    @HostCall
    WitResult<Void, String> send(String actorId, byte[] msg) {
        return result(() -> {
            router.send(self("send"), actorId, msg);
            return null;
        });
    }

    @HostCall
    WitResult<byte[], String> request(String actorId, byte[] msg) {
        return result(() -> router.request(self("request"), actorId, msg));
    }

    @HostCall
    WitResult<String, String> openChannel(String actorId, byte[] initialMsg) {
        return result(() -> router.openChannel(self("open-channel"), actorId, initialMsg));
    }

    @HostCall
    WitResult<Void, String> sendOnChannel(String channelId, byte[] msg) {
        return result(() -> {
            router.sendOnChannel(self("send-on-channel"), channelId, msg);
            return null;
        });
    }

    @HostCall
    WitResult<Void, String> closeChannel(String channelId) {
        return result(() -> {
            router.closeChannel(self("close-channel"), channelId);
            return null;
        });
    }

    @HostCall
    List<String> listOutstandingRequests() {
        return router.outstandingRequests(self("list-outstanding-requests"));
    }

    @HostCall
    WitResult<Void, String> respondToRequest(String requestId, byte[] response) {
        return result(() -> {
            router.respond(self("respond-to-request"), requestId, response);
            return null;
        });
    }

    @HostCall
    WitResult<Void, String> cancelRequest(String requestId) {
        return result(() -> {
            router.cancel(self("cancel-request"), requestId);
            return null;
        });
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

    private static <T> WitResult<T, String> result(Supplier<T> call) {
        try {
            return WitResult.ok(call.get());
        } catch (MessageRefused e) {
            return WitResult.err(e.getMessage());
        }
    }
}
