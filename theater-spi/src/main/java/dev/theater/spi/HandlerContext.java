package dev.theater.spi;

import dev.theater.spi.supervision.ActorTree;
import java.nio.file.Path;

/**
 * What the runtime offers the handler of one actor besides its configuration: the actor's identity and the runtime's
 * services. Passed to {@link HandlerFactory#create}; a handler keeps what it needs.
 */
public interface HandlerContext {
    /** The id of the actor the handler will serve (the actor does not run yet: its handles come in {@code start}). */
    ActorId actorId();

    /**
     * The runtime's home directory (absolute), where handlers keep durable data under a directory of their own, e.g.
     * {@code <home>/store}.
     */
    Path runtimeHome();

    /**
     * The supervision tree as the handler's actor sees it: spawn, stop and restart its children, hear how they end.
     * Usable once the actor has started. Only handlers that supervise need it ({@link dev.theater.spi.supervision}).
     */
    ActorTree actorTree();
}
