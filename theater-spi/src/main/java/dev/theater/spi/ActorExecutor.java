package dev.theater.spi;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The handle that runs guest code: operations run strictly one at a time per actor, in the order they were
 * submitted. Futures complete exceptionally with {@link ActorException}.
 */
public interface ActorExecutor {
    ActorId id();

    /**
     * Calls an actor export that follows the Theater convention {@code func(state: option<list<u8>>, params: tuple<…>)
     * -> result<tuple<option<list<u8>>, R…>, string>}: the runtime passes the actor's state, keeps the new state, and
     * completes with the elements after the state ({@code null} when there are none, the element when there is one,
     * a {@link WitTuple} otherwise). An {@code err(message)} fails with {@link ActorException.GuestError}.
     *
     * @param function {@code <interface>#<function>}, e.g. {@code theater:simple/message-server-client#handle-send}
     * @param params the elements of the {@code params} tuple
     */
    CompletableFuture<Object> call(String function, List<Object> params);

    /** Flushes the actor's chain to durable storage, in order with other operations. */
    CompletableFuture<Void> saveChain();
}
