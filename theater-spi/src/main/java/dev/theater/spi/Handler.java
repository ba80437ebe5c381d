package dev.theater.spi;

import java.util.Map;
import java.util.Set;

/**
 * One handler instance, serving one actor. Life cycle, driven by the runtime: {@link #link} (before the guest is
 * instantiated), {@link #start} (before the actor's first operation runs), then host calls and callbacks, then
 * {@link #close} after the actor stopped. Handles are injected in {@code start}: a handler is created before its
 * actor exists.
 *
 * <p>The shortest handler is a class whose host functions are methods annotated with {@link HostCall}: the default
 * {@link #link} binds them, typed, to the interface its factory provides.
 *
 * <pre>{@code
 * final class KvHandler implements Handler {
 *     @HostCall
 *     Optional<byte[]> get(String key) { ... }        // get: func(key: string) -> option<list<u8>>
 * }
 * }</pre>
 */
public interface Handler extends AutoCloseable {
    /**
     * Interfaces this handler provides to the guest, e.g. {@code theater:simple/process}. Default: empty, which means
     * every interface its factory provides ({@link HandlerFactory#provides()} and the WIT the factory brings).
     */
    default Set<String> imports() {
        return Set.of();
    }

    /** Guest exports this handler calls, e.g. {@code theater:simple/process-handlers}. Default: none. */
    default Set<String> exports() {
        return Set.of();
    }

    /**
     * Binds the host functions of {@link #imports()} by WIT name. Called once, before instantiation. Default: binds
     * this object's {@link HostCall} methods ({@link HostLinker#bind(Object)}).
     */
    default void link(HostLinker linker) {
        linker.bind(this);
    }

    /**
     * Gives the handler its actor's handles. Called once, before the actor's first operation runs; calls made
     * through {@code executor} from here are queued after the actor's {@code init}. Default: nothing.
     */
    default void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {}

    /**
     * Facts about this handler instance that the runtime records in the actor's first chain event (the {@code
     * starting} lifecycle event, under {@code handler_facts} and the handler type), so that a run can be audited and
     * replayed: e.g. the seed of a seeded random handler. Called once, after {@link #link}. Values are String, Long,
     * Integer, Double, Boolean, and Lists and Maps (String keys) of them. Never put secrets here: the chain is an
     * audit record that outlives the actor. Default: none.
     */
    default Map<String, Object> chainFacts() {
        return Map.of();
    }

    /**
     * Called by the core for every message this handler's actor sends to another actor (send, request, response,
     * channel open, accept and message), on the sending actor's thread, before the message is delivered. Handlers
     * that hand out capabilities use it to pass them along with a message (the store handler passes access to a
     * store whose id the message carries). Must not block; an exception is logged and does not stop the message.
     */
    default void messageSent(ActorId recipient, byte[] payload) {}

    /** Releases what the handler holds (processes, sockets, files). Called once the actor has stopped; idempotent. */
    @Override
    default void close() {}
}
