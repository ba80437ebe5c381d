package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which actor is waiting on which: an edge {@code a → b} exists while a host call of {@code a}'s running operation
 * blocks until {@code b} does something (answers a request or a channel open, or makes room in its mailbox). An actor
 * runs one operation at a time, so it has at most one outgoing edge, and the graph is a set of chains. An edge that
 * would close a chain into a cycle is refused: that wait could only end by timing out.
 */
final class WaitForGraph {
    private final Map<ActorId, Actor> waitsOn = new HashMap<>();

    /** A wait that would wait on itself; {@link #path()} runs from the waiter back to itself. */
    static final class Cycle extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient List<Actor> path;

        Cycle(List<Actor> path) {
            super("wait cycle " + describe(path), null, false, false);
            this.path = List.copyOf(path);
        }

        List<Actor> path() {
            return path;
        }

        /** {@code 'a' (id) → 'b' (id) → 'a' (id)}. */
        String describePath() {
            return describe(path);
        }

        private static String describe(List<Actor> path) {
            return path.stream().map(a -> "'" + a.name() + "' (" + a.id() + ")").collect(Collectors.joining(" → "));
        }
    }

    /**
     * Records that {@code waiter} now waits on {@code target}.
     *
     * @throws Cycle when {@code target} is {@code waiter}, or waits (through other actors) on {@code waiter}
     */
    synchronized void enter(Actor waiter, Actor target) throws Cycle {
        requireNonNull(waiter, "waiter is null");
        requireNonNull(target, "target is null");
        List<Actor> path = new ArrayList<>();
        path.add(waiter);
        Actor next = target;
        while (next != null) {
            path.add(next);
            if (next.id().equals(waiter.id())) {
                throw new Cycle(path);
            }
            next = waitsOn.get(next.id());
        }
        waitsOn.put(waiter.id(), target);
    }

    /** {@code waiter} no longer waits. */
    synchronized void leave(ActorId waiter) {
        waitsOn.remove(waiter);
    }
}
