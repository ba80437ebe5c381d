package dev.theater.chain;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ChainEvent;
import java.time.Clock;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The hash chain of one actor, in memory: an append-only sequence of {@link ChainEvent}s in which each event names
 * the hash of the one before.
 *
 * <p><b>Threads.</b> Appends are serialized. Readers never wait: {@link #snapshot()}, {@link #since}, {@link
 * #head()} and {@link #length()} read one volatile reference and return immutable views that later appends do not
 * change (appends fill a shared array past the end of every published view, and grow it by copying).
 *
 * <p><b>Listeners.</b> Subscribed listeners receive every event appended after they subscribe, in seq order, on
 * the appending thread, before {@code append} returns and while appends are held off; so a listener must be quick,
 * must not block on other appenders, and must not append itself. This is how a {@link ChainWriter} persists the
 * chain as it grows, and how the CLI streams events live.
 *
 * <p><b>Time.</b> Timestamps come from the injected {@link Clock}, truncated to microseconds. They are not forced to
 * increase: wall clocks step backwards, and the chain records what the clock said.
 */
public final class Chain {
    private static final int INITIAL_CAPACITY = 16;
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private final Clock clock;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Written under {@link #appendLock}; published through {@link #events}. */
    private ChainEvent[] buffer;

    private volatile Events events;

    /** An empty chain with timestamps from the system clock (UTC). */
    public Chain() {
        this(Clock.systemUTC());
    }

    /** An empty chain with timestamps from {@code clock}. */
    public Chain(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        this.buffer = new ChainEvent[INITIAL_CAPACITY];
        this.events = new Events(buffer, 0);
    }

    /**
     * A chain that continues {@code events} (read back from a chain file after a restart, for example).
     *
     * @throws IllegalArgumentException when the events do not verify (see {@link ChainVerifier})
     */
    public static Chain restore(List<ChainEvent> events, Clock clock) {
        requireNonNull(events, "events is null");
        VerifyResult result = ChainVerifier.verify(events);
        if (result instanceof VerifyResult.Broken broken) {
            throw new IllegalArgumentException("cannot restore a chain from events that do not verify: "
                    + broken.message() + "; verify the chain file and start a new chain if it is damaged");
        }
        if (events.size() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "cannot restore a chain of " + events.size() + " events; the limit is " + MAX_LENGTH);
        }
        Chain chain = new Chain(clock);
        chain.buffer = events.toArray(new ChainEvent[Math.max(INITIAL_CAPACITY, events.size())]);
        chain.events = new Events(chain.buffer, events.size());
        return chain;
    }

    /**
     * Appends an event with the next seq, the current head as parent and the clock's time, then delivers it to the
     * listeners.
     *
     * @param eventType the event type, e.g. {@code host-call} (rules in {@link ChainEvent})
     * @param data opaque event data (copied)
     * @param descriptionOrNull human-readable text, or null for none
     * @return the appended event
     * @throws IllegalArgumentException when a field breaks a rule of {@link ChainEvent}; nothing is appended
     * @throws IllegalStateException when called from a listener of this chain; nothing is appended
     * @throws ChainListenerException when a listener failed; the event was appended
     */
    public ChainEvent append(String eventType, byte[] data, String descriptionOrNull) {
        requireNonNull(eventType, "eventType is null");
        requireNonNull(data, "data is null");
        if (appendLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a chain listener tried to append a '" + eventType
                    + "' event to the chain it listens to; listeners run inside append and must not append:"
                    + " hand the event to another thread instead");
        }
        appendLock.lock();
        try {
            Events current = events;
            int seq = current.size();
            if (seq == MAX_LENGTH) {
                throw new IllegalStateException("chain is full at " + MAX_LENGTH + " events; cannot append a '"
                        + eventType + "' event. Rotate the actor to a new chain");
            }
            ChainEvent event = ChainEvents.compute(
                    seq,
                    current.rawHeadHash(),
                    eventType,
                    data,
                    clock.instant(),
                    Optional.ofNullable(descriptionOrNull));
            if (seq == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_LENGTH, 2L * buffer.length));
            }
            buffer[seq] = event;
            events = new Events(buffer, seq + 1);
            deliver(event);
            return event;
        } finally {
            appendLock.unlock();
        }
    }

    /** The last event, or empty when the chain is empty. */
    public Optional<ChainEvent> head() {
        Events current = events;
        return current.isEmpty() ? Optional.empty() : Optional.of(current.get(current.size() - 1));
    }

    /** The hash of the last event, or 32 zero bytes when the chain is empty: the parent of the next event. */
    public byte[] headHash() {
        return events.rawHeadHash().clone();
    }

    /** The number of events, which is also the seq of the next one. */
    public long length() {
        return events.size();
    }

    /** All events, as an immutable list that later appends do not change. */
    public List<ChainEvent> snapshot() {
        return events;
    }

    /**
     * The events from {@code seq} on (an event's seq is its index), as an immutable list; empty when {@code seq}
     * is the length or past it. A reader that has seen {@code n} events asks for {@code since(n)}.
     */
    public List<ChainEvent> since(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0, was " + seq);
        }
        Events current = events;
        return seq >= current.size() ? List.of() : current.subList((int) seq, current.size());
    }

    /**
     * Delivers every event appended from now on to {@code listener}, in order, until the subscription is closed.
     */
    public Subscription subscribe(Consumer<ChainEvent> listener) {
        requireNonNull(listener, "listener is null");
        appendLock.lock();
        try {
            return add(listener);
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Delivers the events from {@code fromSeq} on that are already in the chain, then every event appended later,
     * with no gap and no repeat. {@code subscribe(0, l)} sees the whole chain; {@code subscribe(length(), l)} is
     * {@link #subscribe(Consumer)}.
     *
     * @throws IllegalArgumentException when {@code fromSeq} is negative or past the end of the chain
     */
    public Subscription subscribe(long fromSeq, Consumer<ChainEvent> listener) {
        requireNonNull(listener, "listener is null");
        appendLock.lock();
        try {
            long length = length();
            if (fromSeq < 0 || fromSeq > length) {
                throw new IllegalArgumentException("cannot subscribe from seq " + fromSeq + ": the chain has " + length
                        + " events, so fromSeq must be 0 to " + length);
            }
            since(fromSeq).forEach(listener);
            return add(listener);
        } finally {
            appendLock.unlock();
        }
    }

    /** Verifies events held in memory; see {@link ChainVerifier#verify(List)}. */
    public static VerifyResult verify(List<ChainEvent> events) {
        return ChainVerifier.verify(events);
    }

    @Override
    public String toString() {
        return "Chain[length=" + length() + ", head=" + HexFormat.of().formatHex(events.rawHeadHash()) + "]";
    }

    private Listener add(Consumer<ChainEvent> consumer) {
        Listener listener = new Listener(consumer);
        listeners.add(listener);
        return listener;
    }

    private void deliver(ChainEvent event) {
        RuntimeException failure = null;
        for (Listener listener : listeners) {
            if (listener.closed) {
                continue;
            }
            try {
                listener.consumer.accept(event);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw new ChainListenerException(event, failure);
        }
    }

    /** A listener's registration; closing it stops delivery. */
    public interface Subscription extends AutoCloseable {
        /** Stops delivery: once this returns, the listener receives no more events. Idempotent. */
        @Override
        void close();
    }

    private final class Listener implements Subscription {
        private final Consumer<ChainEvent> consumer;
        private volatile boolean closed;

        private Listener(Consumer<ChainEvent> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void close() {
            appendLock.lock();
            try {
                closed = true;
                listeners.remove(this);
            } finally {
                appendLock.unlock();
            }
        }
    }

    /** An immutable view of the first {@code size} events of a buffer whose first {@code size} slots never change. */
    private static final class Events extends AbstractList<ChainEvent> implements RandomAccess {
        private static final byte[] ZERO_HASH = ChainEvents.zeroHash();

        private final ChainEvent[] array;
        private final int size;

        private Events(ChainEvent[] array, int size) {
            this.array = array;
            this.size = size;
        }

        @Override
        public ChainEvent get(int index) {
            return array[Objects.checkIndex(index, size)];
        }

        @Override
        public int size() {
            return size;
        }

        private byte[] rawHeadHash() {
            return size == 0 ? ZERO_HASH : array[size - 1].hash();
        }
    }
}
