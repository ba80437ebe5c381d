package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.manifest.Durations;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * An actor's bounded mailbox: the operations waiting to run, in order, and the messages waiting for room while it is
 * full (oldest first). Not thread-safe: every method runs under the actor's lock, except {@link #depth()}, which
 * metrics read without it.
 */
final class Mailbox {
    private final ActorId id;
    private final String name;
    private final String manifestOrigin;
    private final int limit;
    private final ArrayDeque<Operation> queue = new ArrayDeque<>();
    private final ArrayDeque<Waiting> overflow = new ArrayDeque<>();
    private volatile int depth;

    /** @param manifestOrigin how messages name the manifest that sets {@code [limits] mailbox} */
    Mailbox(ActorId id, String name, String manifestOrigin, int limit) {
        this.id = requireNonNull(id, "id is null");
        this.name = requireNonNull(name, "name is null");
        this.manifestOrigin = requireNonNull(manifestOrigin, "manifestOrigin is null");
        if (limit < 1) {
            throw new IllegalArgumentException("mailboxLimit must be >= 1, was " + limit);
        }
        this.limit = limit;
    }

    /** {@code [limits] mailbox}: how many operations may wait. */
    int limit() {
        return limit;
    }

    /** How many operations wait, as last published; read without the lock. */
    int depth() {
        return depth;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Whether a new message must wait: the mailbox is full, or older messages already wait for room. */
    boolean mustWait() {
        return !overflow.isEmpty() || queue.size() >= limit;
    }

    boolean isFull() {
        return queue.size() >= limit;
    }

    void add(Operation op) {
        queue.add(op);
        depth = queue.size();
    }

    /** The first operation's name, or null when none waits. */
    String peekName() {
        Operation op = queue.peek();
        return op == null ? null : op.name();
    }

    Operation poll() {
        Operation op = queue.poll();
        depth = queue.size();
        return op;
    }

    /** Parks {@code op} until there is room; the caller sets its timer. */
    Waiting park(Operation op) {
        Waiting w = new Waiting(op);
        overflow.add(w);
        return w;
    }

    /** Moves waiting messages into the mailbox while it has room; the caller completes them after the lock. */
    List<Waiting> admit() {
        if (overflow.isEmpty()) {
            return List.of();
        }
        List<Waiting> admitted = new ArrayList<>();
        while (!overflow.isEmpty() && queue.size() < limit) {
            Waiting w = overflow.poll();
            queue.add(w.op);
            admitted.add(w);
        }
        depth = queue.size();
        return admitted;
    }

    /** Takes {@code w} out of the waiting messages; false when it is no longer there. */
    boolean unpark(Waiting w) {
        return overflow.remove(w);
    }

    /** The waiting entry of {@code op}, taken out; null when {@code op} does not wait. */
    Waiting withdraw(Operation op) {
        for (Waiting w : overflow) {
            if (w.op == op) {
                overflow.remove(w);
                return w;
            }
        }
        return null;
    }

    /** Empties the mailbox and the waiting messages; the caller fails what this returns after the lock. */
    Dropped clear() {
        Dropped dropped = new Dropped(new ArrayList<>(queue), new ArrayList<>(overflow));
        queue.clear();
        overflow.clear();
        depth = 0;
        return dropped;
    }

    /** What {@link #clear} took out. */
    record Dropped(List<Operation> operations, List<Waiting> waiting) {
        static final Dropped NONE = new Dropped(List.of(), List.of());

        /** Fails everything with {@code reason}; call without the lock. */
        void fail(ActorException reason) {
            for (Operation op : operations) {
                op.future.completeExceptionally(reason);
            }
            for (Waiting w : waiting) {
                w.fail(reason);
            }
        }
    }

    /** {@code op} was refused at once: the mailbox is full. */
    ActorException.MailboxFull full(Operation op) {
        return new ActorException.MailboxFull(
                id,
                "actor '" + name + "' (" + id + ") has " + queue.size() + " operations waiting, its mailbox limit; "
                        + op.name() + " was refused. Wait for earlier operations to finish, or raise [limits] mailbox"
                        + " in " + manifestOrigin);
    }

    /** The message {@code op} found the mailbox full, or kept it full for {@code waited}. */
    ActorException.MailboxFull full(Operation op, Duration waited) {
        String kept = waited.isZero() ? "has" : "kept";
        return new ActorException.MailboxFull(
                id,
                "actor '" + name + "' (" + id + ") " + kept + " its mailbox full (limit " + limit
                        + " operations, [limits] mailbox in " + manifestOrigin + ")"
                        + (waited.isZero() ? "" : " for " + Durations.describe(waited)) + "; " + op.name()
                        + " was not delivered. The receiver is slower than its senders or stuck: raise its [limits]"
                        + " mailbox, slow the senders down, or give them longer"
                        + " (TheaterRuntime.Builder.withMailboxWait)");
    }

    /** An operation waiting for room in the full mailbox, with the timer that gives up on it. */
    static final class Waiting {
        final Operation op;
        final CompletableFuture<Void> admitted = new CompletableFuture<>();
        /** Set under the actor's lock right after it is parked. */
        ScheduledFuture<?> timer;

        Waiting(Operation op) {
            this.op = op;
        }

        /** It is in the mailbox now; call without the lock. */
        void admit() {
            timer.cancel(false);
            admitted.complete(null);
        }

        void fail(ActorException reason) {
            if (timer != null) {
                timer.cancel(false);
            }
            admitted.completeExceptionally(reason);
            op.future.completeExceptionally(reason);
        }
    }
}
