package dev.theater.handler.store;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorId;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which actor may use which store. A store id is a capability: an actor holds the stores it created with {@code new},
 * those its manifest lists ({@code stores = [...]} in its {@code [[handler]] type = "store"} table), and those another
 * actor that held them passed to it. Everything else is refused. One table per {@link StoreHandlerFactory}, shared by
 * the handlers it creates; thread-safe.
 *
 * <p>For the messaging layer: call {@link #passIn(ActorId, ActorId, byte[])} with each message an actor sends, so that
 * a store id written in a message is passed along with it, or {@link #pass} to pass one store explicitly (for example
 * from a supervisor giving a store to a child it spawns).
 */
public final class StoreGrants {
    private final ConcurrentHashMap<ActorId, Set<String>> held = new ConcurrentHashMap<>();

    /** Lets {@code actor} use store {@code storeId}. */
    public void grant(ActorId actor, String storeId) {
        requireNonNull(actor, "actor is null");
        requireNonNull(storeId, "storeId is null");
        held.computeIfAbsent(actor, a -> ConcurrentHashMap.newKeySet()).add(storeId);
    }

    /** Whether {@code actor} may use store {@code storeId}. */
    public boolean holds(ActorId actor, String storeId) {
        requireNonNull(actor, "actor is null");
        requireNonNull(storeId, "storeId is null");
        Set<String> stores = held.get(actor);
        return stores != null && stores.contains(storeId);
    }

    /** The stores {@code actor} may use, sorted. */
    public Set<String> held(ActorId actor) {
        requireNonNull(actor, "actor is null");
        Set<String> stores = held.get(actor);
        return stores == null ? Set.of() : Set.copyOf(new TreeSet<>(stores));
    }

    /**
     * Passes store {@code storeId} from {@code from} to {@code to}: {@code to} may use it from now on. An actor can
     * only pass what it holds.
     *
     * @throws StoreException.AccessDenied when {@code from} does not hold the store
     */
    public void pass(ActorId from, ActorId to, String storeId) {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(storeId, "storeId is null");
        if (!holds(from, storeId)) {
            throw new StoreException.AccessDenied(
                    storeId,
                    "actor " + from + " cannot pass store " + storeId + " to actor " + to + ": it does not hold that"
                            + " store itself; an actor holds the stores it created, those its manifest lists in"
                            + " stores = [...], and those passed to it");
        }
        grant(to, storeId);
    }

    /**
     * Passes to {@code to} every store held by {@code from} whose id occurs in {@code payload} (as ASCII text): what
     * the messaging layer calls for each message {@code from} sends to {@code to}. Ids {@code from} does not hold are
     * not passed, so a message cannot forge access. Returns the ids passed.
     */
    public Set<String> passIn(ActorId from, ActorId to, byte[] payload) {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(payload, "payload is null");
        Set<String> stores = held.get(from);
        if (stores == null || stores.isEmpty() || payload.length < 32) {
            return Set.of();
        }
        String text = new String(payload, ISO_8859_1);
        Set<String> passed = new LinkedHashSet<>();
        for (String storeId : stores) {
            if (text.contains(storeId)) {
                grant(to, storeId);
                passed.add(storeId);
            }
        }
        return Set.copyOf(passed);
    }

    /** Forgets every store {@code actor} holds; called when its handler closes (the actor stopped). */
    public void release(ActorId actor) {
        requireNonNull(actor, "actor is null");
        held.remove(actor);
    }

    @Override
    public String toString() {
        return "StoreGrants[" + held.size() + " actors]";
    }
}
