package dev.theater.runtime.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.theater.chain.Chain;
import dev.theater.chain.ChainEventTypes;
import dev.theater.chain.ChainListenerException;
import dev.theater.chain.ChainWriter;
import dev.theater.spi.ActorStatus;
import dev.theater.spi.ChainEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An actor's chain: the in-memory {@link Chain} plus, when the manifest says {@code save_chain}, the {@link
 * ChainWriter} that persists it append-only. Event data is UTF-8 JSON (see {@code docs/runtime.md}).
 *
 * <p>A write failure does not throw into the operation that appended: the event is in memory, the file lacks it, and
 * {@code onWriteFailure} is told once (the runtime fails the actor: its audit record is no longer complete).
 */
public final class ActorChain {
    private static final Logger LOG = LoggerFactory.getLogger(ActorChain.class);

    private final Chain chain;
    private ChainWriter writer;
    private Path file;
    private Chain.Subscription writerSubscription;
    private volatile IOException writeFailure;
    private boolean writeFailureReported;
    private Consumer<String> onWriteFailure = reason -> {};

    public ActorChain(Clock clock) {
        this.chain = new Chain(requireNonNull(clock, "clock is null"));
    }

    /**
     * A chain that continues {@code previous}: the chain of an earlier instance of the same actor, which a supervisor
     * restarted.
     *
     * @throws IllegalArgumentException when {@code previous} does not verify
     */
    public ActorChain(Clock clock, List<ChainEvent> previous) {
        requireNonNull(clock, "clock is null");
        requireNonNull(previous, "previous is null");
        this.chain = previous.isEmpty() ? new Chain(clock) : Chain.restore(previous, clock);
    }

    /**
     * Persists every event to the chain file at {@code file}. A new chain gets a new file; a chain that continues an
     * earlier instance's ({@link #ActorChain(Clock, List)}) appends the later events to the file that instance wrote,
     * which must hold exactly the events so far.
     *
     * @param onWriteFailure told once, on the appending thread after the append, when a write fails
     */
    public synchronized void persistTo(Path file, Consumer<String> onWriteFailure) throws IOException {
        requireNonNull(file, "file is null");
        this.onWriteFailure = requireNonNull(onWriteFailure, "onWriteFailure is null");
        long from = chain.length();
        ChainWriter w = from == 0 ? ChainWriter.create(file) : ChainWriter.openForAppend(file);
        if (w.length() != from) {
            long written = w.length();
            w.close();
            throw new IOException("chain file " + file + " holds " + written + " events, but the actor's chain has "
                    + from + "; the file is not this chain's record, so it cannot be continued");
        }
        this.writer = w;
        this.file = file;
        this.writerSubscription = chain.subscribe(from, event -> {
            try {
                w.append(event);
            } catch (IOException e) {
                if (writeFailure == null) {
                    writeFailure = e;
                }
            }
        });
    }

    /** The chain file, or {@code null} when the chain is not persisted. */
    public synchronized Path file() {
        return file;
    }

    /**
     * Appends an event whose data is {@code json}. Safe from any thread; a thread's interrupt flag is held back
     * during the write, so an interrupted operation cannot close the chain file under it. Returns the appended event.
     */
    ChainEvent append(String eventType, String json, String description) {
        boolean interrupted = Thread.interrupted();
        ChainEvent event;
        try {
            event = chain.append(eventType, json.getBytes(UTF_8), description);
        } catch (ChainListenerException e) {
            LOG.warn("a chain listener failed on a {} event; the event is recorded", eventType, e.getCause());
            event = e.event();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (writeFailure != null) {
            reportWriteFailure();
        }
        return event;
    }

    private void reportWriteFailure() {
        Consumer<String> callback;
        synchronized (this) {
            if (writeFailureReported) {
                return;
            }
            writeFailureReported = true;
            callback = onWriteFailure;
        }
        callback.accept("its chain file could not be written: " + writeFailure.getMessage());
    }

    /**
     * Records a status change as a {@code lifecycle} event: {@code from} (JSON null for none), {@code status} and the
     * {@code reason} when there is one, then {@code details} (JSON values by key; the {@code starting} event's engine,
     * module hash, manifest, handlers, ...).
     */
    ChainEvent lifecycle(ActorStatus from, ActorStatus to, String reason, Map<String, String> details) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("from", from == null ? "null" : WitJson.string(from.name()));
        data.put("status", WitJson.string(to.name()));
        if (reason != null) {
            data.put("reason", WitJson.string(reason));
        }
        data.putAll(details);
        return append(ChainEventTypes.LIFECYCLE, WitJson.object(data), to.name());
    }

    public List<ChainEvent> events() {
        return chain.snapshot();
    }

    public long size() {
        return chain.length();
    }

    /** Delivers the events from {@code fromSeq} on, then every later one, on the appending thread. */
    public Chain.Subscription subscribe(long fromSeq, Consumer<ChainEvent> listener) {
        return chain.subscribe(fromSeq, listener);
    }

    /** Forces the chain file to the storage device; does nothing for a chain that is not persisted. */
    synchronized void flush() {
        if (writer == null) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            writer.sync();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync chain file " + writer.file() + ": " + e.getMessage(), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops persisting and closes the chain file; the events stay readable in memory. Idempotent. */
    synchronized void close() {
        if (writer == null) {
            return;
        }
        writerSubscription.close();
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close chain file " + writer.file() + ": " + e.getMessage(), e);
        } finally {
            writer = null;
        }
    }
}
