package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.messaging.ChannelHandle;
import dev.theater.spi.ActorId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ChannelHandle} of Java code that opened a channel to an actor. Messages and the close notification are
 * handed to the application one at a time, in order, on the runtime's pool (never on an actor's thread).
 */
final class ExternalChannel implements ChannelHandle {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalChannel.class);

    private final MessageRouter router;
    private final Consumer<byte[]> onMessage;
    private final SerialExecutor delivery;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Channel channel;

    ExternalChannel(MessageRouter router, Consumer<byte[]> onMessage, Executor pool) {
        this.router = requireNonNull(router, "router is null");
        this.onMessage = requireNonNull(onMessage, "onMessage is null");
        this.delivery = new SerialExecutor(requireNonNull(pool, "pool is null"));
    }

    /** Set once, right after the channel is created. */
    void bind(Channel channel) {
        this.channel = requireNonNull(channel, "channel is null");
    }

    Channel channel() {
        return channel;
    }

    @Override
    public String id() {
        return channel.id;
    }

    @Override
    public ActorId actor() {
        return channel.target.id();
    }

    @Override
    public boolean isOpen() {
        return channel.state() == Channel.State.OPEN;
    }

    @Override
    public CompletableFuture<Void> send(byte[] message) {
        requireNonNull(message, "message is null");
        return router.sendOnChannel(this, message.clone());
    }

    @Override
    public CompletableFuture<Void> close() {
        return router.closeChannel(this);
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed.copy();
    }

    /** Hands a message from the actor to the application, after the ones before it. */
    void deliver(byte[] message) {
        delivery.execute(() -> {
            try {
                onMessage.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("the onMessage consumer of channel {} threw; the channel stays open", channel.id, e);
            }
        });
    }

    /** Tells the application the channel is closed, after every message before the close. */
    void markClosed() {
        delivery.execute(() -> closed.complete(null));
    }

    @Override
    public String toString() {
        Channel c = channel;
        return c == null ? "ChannelHandle[opening]" : "ChannelHandle[" + c.id + " to " + c.target.id() + "]";
    }
}
