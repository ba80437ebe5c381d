package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorId;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.supervision.ActorTree;
import java.nio.file.Path;

/**
 * The runtime services a handler of one actor gets: the SPI's {@link HandlerContext}, plus the runtime's message
 * router for the built-in {@code message-server} handler.
 */
public record ActorHandlerContext(ActorId actorId, Path runtimeHome, ActorTree actorTree, MessageRouter messaging)
        implements HandlerContext {
    public ActorHandlerContext {
        requireNonNull(actorId, "actorId is null");
        requireNonNull(runtimeHome, "runtimeHome is null");
        requireNonNull(actorTree, "actorTree is null");
        requireNonNull(messaging, "messaging is null");
    }
}
