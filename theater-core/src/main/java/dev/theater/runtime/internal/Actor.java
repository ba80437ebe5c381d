package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.abi.AbiException;
import dev.theater.chain.ChainEventTypes;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmInstance;
import dev.theater.spi.ActorController;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ActorId;
import dev.theater.spi.ActorMetrics;
import dev.theater.spi.ActorStatus;
import dev.theater.spi.ChainEvent;
import dev.theater.spi.Handler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running actor: its instance, state bytes, mailbox, status, metrics, chain and handlers. See {@code
 * docs/runtime.md} for the life cycle and the interruption protocol.
 *
 * <p>Concurrency: one small lock ({@link #lock}) guards the mailbox, the scheduling flags and the operation that is
 * running; it is never held while guest code runs. Status, metrics, state and the current operation are published
 * through volatile fields, so {@link ActorController} snapshots never take the lock. Operations run one at a time on
 * threads of the runtime's pool: a drain loop is scheduled when work arrives and ends when the mailbox is empty.
 */
public final class Actor {
    private static final Logger LOG = LoggerFactory.getLogger(Actor.class);

    private final ActorId id;
    private final String name;
    private final String manifestOrigin;
    private final RuntimeContext context;
    private final ActorChain chain;
    private final Optional<Duration> callTimeout;
    private final int mailboxLimit;
    private final Set<String> exports;
    private final Instant spawnedAt;
    private final Consumer<Actor> onTerminated;

    private final Object lock = new Object();
    private final ArrayDeque<Operation> mailbox = new ArrayDeque<>();
    /** Messages waiting for room in the full mailbox, oldest first (see {@link #offer}). */
    private final ArrayDeque<Waiting> overflow = new ArrayDeque<>();

    private boolean drainScheduled;
    private boolean pausePending;
    private CompletableFuture<Void> pauseFuture;
    private boolean forced;
    private String failReason;
    private boolean finishing;
    private Operation running;
    private ScheduledFuture<?> escalation;

    private final AtomicReference<ActorStatus> status = new AtomicReference<>(new ActorStatus.Starting());
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final CopyOnWriteArrayList<Consumer<ActorStatus>> listeners = new CopyOnWriteArrayList<>();
    private final SerialExecutor notifier;
    private final ShutdownSignal shutdownSignal = new ShutdownSignal();
    private volatile List<Handler> handlers = List.of();

    private volatile WasmInstance instance;
    private volatile byte[] state;
    private volatile Counters counters = Counters.NONE;
    private volatile Current current;
    private volatile int mailboxDepth;
    private volatile long memoryBytes;
    private volatile int restarts;
    private volatile boolean supervised;
    private volatile ActorException crash;

    private final ActorExecutor executor = new Executor();
    private final ActorController controller = new Controller();

    /**
     * A new actor in status {@code Starting}; {@link #start} finishes the spawn.
     *
     * @param initState the bytes {@code init} receives, or {@code null} for none
     */
    public Actor(
            ActorId id,
            String name,
            String manifestOrigin,
            RuntimeContext context,
            ActorChain chain,
            Optional<Duration> callTimeout,
            int mailboxLimit,
            Set<String> exports,
            byte[] initState,
            Consumer<Actor> onTerminated) {
        this.id = requireNonNull(id, "id is null");
        this.name = requireNonNull(name, "name is null");
        this.manifestOrigin = requireNonNull(manifestOrigin, "manifestOrigin is null");
        this.context = requireNonNull(context, "context is null");
        this.chain = requireNonNull(chain, "chain is null");
        this.callTimeout = requireNonNull(callTimeout, "callTimeout is null");
        if (mailboxLimit < 1) {
            throw new IllegalArgumentException("mailboxLimit must be >= 1, was " + mailboxLimit);
        }
        this.mailboxLimit = mailboxLimit;
        this.exports = Set.copyOf(requireNonNull(exports, "exports is null"));
        this.state = initState == null ? null : initState.clone();
        this.onTerminated = requireNonNull(onTerminated, "onTerminated is null");
        this.spawnedAt = context.clock().instant();
        this.notifier = new SerialExecutor(context.pool());
        // Operations wait until start() has given every handler its handles.
        this.drainScheduled = true;
    }

    public ActorId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ActorExecutor executor() {
        return executor;
    }

    public ActorController controller() {
        return controller;
    }

    public ActorChain chain() {
        return chain;
    }

    /** Tells this actor's handlers about a message it sends to {@code recipient} ({@link Handler#messageSent}). */
    void messageSent(ActorId recipient, byte[] payload) {
        for (Handler handler : handlers) {
            try {
                handler.messageSent(recipient, payload.clone());
            } catch (RuntimeException e) {
                LOG.warn(
                        "handler {} of actor '{}' ({}) failed on a message to {}; the message goes on: {}",
                        handler.getClass().getName(),
                        name,
                        id,
                        recipient,
                        e.toString());
            }
        }
    }

    RuntimeContext context() {
        return context;
    }

    WasmInstance instance() {
        return instance;
    }

    /** The export names of the actor's module. */
    Set<String> exports() {
        return exports;
    }

    /** {@code [limits] mailbox}: how many operations may wait in the mailbox. */
    int mailboxLimit() {
        return mailboxLimit;
    }

    /** The state bytes without a copy, for hashing on the actor's thread; {@code null} for none. */
    byte[] stateBytes() {
        return state;
    }

    Optional<byte[]> currentState() {
        byte[] s = state;
        return s == null ? Optional.empty() : Optional.of(s.clone());
    }

    /** Completes when the actor is stopped or failed. */
    public CompletableFuture<Void> terminated() {
        return terminated.copy();
    }

    /** Counts a restart by a supervisor, for {@link ActorMetrics#restarts()}. */
    public void setRestarts(int restarts) {
        this.restarts = restarts;
    }

    /**
     * Makes this a supervised child, which crashes instead of carrying on: when an operation after {@code init}
     * traps, times out or returns an error, the actor fails (its parent decides what happens next). Call before
     * {@link #start}.
     */
    public void failOnOperationFailure() {
        this.supervised = true;
    }

    /** The operation failure that failed a supervised actor, if that is how it ended. */
    public Optional<ActorException> crash() {
        return Optional.ofNullable(crash);
    }

    /**
     * Finishes the spawn: takes the instance and the handlers, records {@code starting} in the chain with {@code
     * details}, queues {@code init} first, gives every handler its handles, then lets operations run. Returns the
     * future of {@code init}. When a handler's {@code start} throws, the actor fails and the exception propagates.
     *
     * @param details JSON values by key for the {@code starting} event (engine, module hash, manifest, ...)
     */
    public CompletableFuture<Object> start(WasmInstance instance, List<Handler> handlers, Map<String, String> details) {
        this.instance = requireNonNull(instance, "instance is null");
        this.handlers = List.copyOf(handlers);
        this.memoryBytes = safeMemorySize(instance);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("from", "null");
        data.put("status", json("starting"));
        data.putAll(details);
        chain.append(ChainEventTypes.LIFECYCLE, WitJson.object(data), "starting");
        GuestCall init = GuestCall.init(this);
        synchronized (lock) {
            mailbox.add(init);
            mailboxDepth = mailbox.size();
        }
        for (Handler handler : this.handlers) {
            try {
                handler.start(executor, controller, shutdownSignal);
            } catch (RuntimeException e) {
                String reason = "handler " + handler.getClass().getName() + " failed to start: " + messageOf(e);
                synchronized (lock) {
                    failReason = reason;
                    finishing = true;
                }
                finish(new ActorStatus.Failed(reason));
                throw e;
            }
        }
        try {
            context.pool().execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The runtime's threads are gone: nobody would ever run init or release this actor.
            String reason = "the runtime was closed before the actor could run";
            synchronized (lock) {
                failReason = reason;
                finishing = true;
            }
            finish(new ActorStatus.Failed(reason));
            throw e;
        }
        return init.future;
    }

    /**
     * Ends an actor that was never started (its spawn was given up): releases {@code instance}, {@code handlers} and
     * the chain, leaves the runtime's registry and enters {@code Failed} with {@code reason}.
     */
    public void abandon(WasmInstance instance, List<Handler> handlers, String reason) {
        requireNonNull(reason, "reason is null");
        synchronized (lock) {
            if (finishing || status.get().isTerminal()) {
                return;
            }
            failReason = reason;
            finishing = true;
        }
        this.instance = requireNonNull(instance, "instance is null");
        this.handlers = List.copyOf(handlers);
        finish(new ActorStatus.Failed(reason));
    }

    /**
     * Fails the actor for {@code reason} (final): a running operation is interrupted, queued ones fail with {@code
     * ChannelClosed}. Does nothing when the actor is already ending.
     */
    public void fail(String reason) {
        requireNonNull(reason, "reason is null");
        Runnable wake = null;
        boolean finishNow;
        synchronized (lock) {
            if (finishing || failReason != null || status.get().isTerminal()) {
                return;
            }
            failReason = reason;
            finishNow = false;
            if (running != null) {
                if (running.interruptReason == null) {
                    running.interruptReason = Operation.InterruptReason.FORCE_STOP;
                    if (running.runsGuestCode()) {
                        instance.interrupt();
                    }
                    wake = running.wake;
                }
            } else if (!drainScheduled) {
                finishing = true;
                finishNow = true;
            }
        }
        if (wake != null) {
            wake.run();
        }
        // Otherwise the operation's thread, or the drain loop, finishes the actor.
        if (finishNow) {
            finish(new ActorStatus.Failed(reason));
        }
    }

    /** {@link #fail} on a pool thread: for callers that hold locks of their own (the chain writer's listener). */
    public void failAsync(String reason) {
        requireNonNull(reason, "reason is null");
        context.pool().execute(() -> fail(reason));
    }

    // ---- submission and the drain loop ----

    CompletableFuture<Object> submit(Operation op) {
        boolean schedule;
        synchronized (lock) {
            ActorStatus s = status.get();
            if (s.isTerminal() || s instanceof ActorStatus.ShuttingDown || finishing) {
                op.future.completeExceptionally(channelClosed(s));
                return op.future;
            }
            if (mailbox.size() >= mailboxLimit) {
                op.future.completeExceptionally(new ActorException.MailboxFull(
                        id,
                        "actor '" + name + "' (" + id + ") has " + mailbox.size()
                                + " operations waiting, its mailbox limit; " + op.name()
                                + " was refused. Wait for earlier operations to finish, or raise [limits] mailbox in "
                                + manifestOrigin));
                return op.future;
            }
            mailbox.add(op);
            mailboxDepth = mailbox.size();
            schedule = !drainScheduled && !(s instanceof ActorStatus.Paused);
            if (schedule) {
                drainScheduled = true;
            }
        }
        if (schedule) {
            context.pool().execute(this::drain);
        }
        return op.future;
    }

    /**
     * Queues a message operation. When the mailbox is full, the operation waits for room, in order with the other
     * waiting ones and without holding a thread, for up to {@code wait}; then it fails with {@code MailboxFull}
     * naming this actor and its limit. The returned future completes when the operation is in the mailbox, and fails
     * (as the operation's own future does) when it never gets there. Failures complete outside the actor's lock, so
     * whatever depends on the operation's future may take other actors' locks.
     */
    CompletableFuture<Void> offer(Operation op, Duration wait) {
        ActorException refused = null;
        Waiting waiting = null;
        boolean schedule = false;
        synchronized (lock) {
            ActorStatus s = status.get();
            if (s.isTerminal() || s instanceof ActorStatus.ShuttingDown || finishing) {
                refused = channelClosed(s);
            } else if (!overflow.isEmpty() || mailbox.size() >= mailboxLimit) {
                if (wait.isZero() || wait.isNegative()) {
                    refused = mailboxFull(op, Duration.ZERO);
                } else {
                    waiting = new Waiting(op);
                    Waiting w = waiting;
                    overflow.add(w);
                    w.timer = context.timer().schedule(() -> expire(w, wait), wait.toNanos(), TimeUnit.NANOSECONDS);
                }
            } else {
                mailbox.add(op);
                mailboxDepth = mailbox.size();
                schedule = !drainScheduled && !(s instanceof ActorStatus.Paused);
                if (schedule) {
                    drainScheduled = true;
                }
            }
        }
        if (refused != null) {
            op.future.completeExceptionally(refused);
            return CompletableFuture.failedFuture(refused);
        }
        if (schedule) {
            context.pool().execute(this::drain);
        }
        return waiting == null ? CompletableFuture.completedFuture(null) : waiting.admitted;
    }

    /**
     * Takes {@code op} back out of the operations waiting for room and fails it with {@code reason}; returns false
     * when it is no longer waiting (it is in the mailbox, or already failed).
     */
    boolean withdraw(Operation op, ActorException reason) {
        Waiting found = null;
        synchronized (lock) {
            for (Waiting w : overflow) {
                if (w.op == op) {
                    found = w;
                    break;
                }
            }
            if (found == null) {
                return false;
            }
            overflow.remove(found);
        }
        found.fail(reason);
        return true;
    }

    private void expire(Waiting w, Duration wait) {
        synchronized (lock) {
            if (!overflow.remove(w)) {
                return;
            }
        }
        w.fail(mailboxFull(w.op, wait));
    }

    private ActorException.MailboxFull mailboxFull(Operation op, Duration waited) {
        String kept = waited.isZero() ? "has" : "kept";
        return new ActorException.MailboxFull(
                id,
                "actor '" + name + "' (" + id + ") " + kept + " its mailbox full (limit " + mailboxLimit
                        + " operations, [limits] mailbox in " + manifestOrigin + ")"
                        + (waited.isZero() ? "" : " for " + describe(waited)) + "; " + op.name()
                        + " was not delivered. The receiver is slower than its senders or stuck: raise its [limits]"
                        + " mailbox, slow the senders down, or give them longer"
                        + " (TheaterRuntime.Builder.withMailboxWait)");
    }

    /** Under the lock: moves waiting operations into the mailbox while it has room. */
    private List<Waiting> admitWaiting() {
        if (overflow.isEmpty()) {
            return List.of();
        }
        List<Waiting> admitted = new ArrayList<>();
        while (!overflow.isEmpty() && mailbox.size() < mailboxLimit) {
            Waiting w = overflow.poll();
            mailbox.add(w.op);
            admitted.add(w);
        }
        mailboxDepth = mailbox.size();
        return admitted;
    }

    /** Under the lock: takes every waiting operation out, to fail them. */
    private List<Waiting> dropWaiting() {
        List<Waiting> dropped = new ArrayList<>(overflow);
        overflow.clear();
        return dropped;
    }

    private static void admitted(List<Waiting> admitted) {
        for (Waiting w : admitted) {
            w.timer.cancel(false);
            w.admitted.complete(null);
        }
    }

    /**
     * Blocks the running operation's thread, inside one of its host functions, until {@code future} completes or
     * {@code timeoutNanos} pass. When the operation is interrupted meanwhile (call timeout, {@code forceStop()}, the
     * actor failing) the wait ends at once with {@link OperationInterrupted}, which the host function must let
     * through: the operation then ends as {@code Timeout} or {@code Interrupted}.
     *
     * @throws ExecutionException when {@code future} fails
     * @throws TimeoutException when the time passes first
     */
    <T> T awaitInOperation(CompletableFuture<T> future, long timeoutNanos) throws ExecutionException, TimeoutException {
        CompletableFuture<T> waiter = new CompletableFuture<>();
        Operation op;
        Runnable wake = () -> waiter.completeExceptionally(new OperationInterrupted(this));
        synchronized (lock) {
            op = running;
            if (op == null) {
                throw new IllegalStateException("actor '" + name + "' (" + id + ") has no running operation to wait"
                        + " in; host functions that wait run only during an operation (init or later)");
            }
            if (op.interruptReason != null) {
                throw new OperationInterrupted(this);
            }
            op.wake = wake;
        }
        future.whenComplete((value, error) -> {
            if (error == null) {
                waiter.complete(value);
            } else {
                waiter.completeExceptionally(
                        error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error);
            }
        });
        try {
            return waiter.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterrupted(this);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OperationInterrupted stopped) {
                throw stopped;
            }
            throw e;
        } finally {
            synchronized (lock) {
                if (op.wake == wake) {
                    op.wake = null;
                }
            }
        }
    }

    private void drain() {
        while (true) {
            Operation op = null;
            ActorStatus end = null;
            List<Waiting> admitted = List.of();
            synchronized (lock) {
                ActorStatus s = status.get();
                if (finishing || s.isTerminal() || s instanceof ActorStatus.Paused) {
                    drainScheduled = false;
                    return;
                }
                if (failReason != null) {
                    end = new ActorStatus.Failed(failReason);
                } else {
                    op = mailbox.poll();
                    admitted = admitWaiting();
                    if (op == null && !(s instanceof ActorStatus.ShuttingDown)) {
                        drainScheduled = false;
                        return;
                    }
                    if (op == null) {
                        end = new ActorStatus.Stopped();
                    }
                }
                if (end != null) {
                    drainScheduled = false;
                    finishing = true;
                } else {
                    mailboxDepth = mailbox.size();
                    running = op;
                    Instant now = context.clock().instant();
                    // Published together with Processing: a snapshot never shows one without the other.
                    current = new Current(op.name(), now);
                    if (s instanceof ActorStatus.Idle || s instanceof ActorStatus.Processing) {
                        transition(new ActorStatus.Processing(op.name(), now), null);
                    }
                }
            }
            admitted(admitted);
            if (end != null) {
                finish(end);
                return;
            }
            if (!runOne(op)) {
                return;
            }
        }
    }

    /** Runs one operation; returns whether the drain loop goes on. */
    private boolean runOne(Operation op) {
        ScheduledFuture<?> timeout = null;
        if (op.runsGuestCode() && callTimeout.isPresent()) {
            timeout = context.timer()
                    .schedule(() -> timeout(op), callTimeout.get().toNanos(), TimeUnit.NANOSECONDS);
        }
        long started = System.nanoTime();
        Object value = null;
        Throwable thrown = null;
        try {
            op.recordStart(this);
            value = op.run(this);
        } catch (Throwable t) {
            thrown = t;
        }
        long elapsed = System.nanoTime() - started;
        if (timeout != null) {
            timeout.cancel(false);
        }
        Operation.InterruptReason reason;
        synchronized (lock) {
            reason = op.interruptReason;
            running = null;
            if (reason != null && op.runsGuestCode()) {
                // Under the lock: an interrupt meant for this operation never reaches the next one.
                instance.clearInterrupt();
            }
        }
        if (thrown instanceof VirtualMachineError vm && !(vm instanceof StackOverflowError)) {
            LOG.error("actor '{}' ({}) operation {} hit a JVM error", name, id, op.name(), vm);
        }
        ActorException failure = thrown == null ? null : classify(op, thrown, reason);
        if (failure == null && reason == Operation.InterruptReason.FORCE_STOP) {
            failure = interrupted(op, null);
        }
        if (failure == null && value instanceof StateUpdate update) {
            state = update.state();
            value = update.value();
        }
        try {
            op.recordEnd(this, value, failure);
        } catch (RuntimeException e) {
            LOG.warn("actor '{}' ({}) could not record the end of {} in its chain", name, id, op.name(), e);
        }
        counters = counters.add(elapsed, failure != null);
        if (failure != null && supervised && crashes(op, failure)) {
            crash = failure;
            fail(failure.getMessage()); // afterOperation finishes the actor
        }
        WasmInstance inst = instance;
        if (op.runsGuestCode() && inst != null) {
            memoryBytes = safeMemorySize(inst);
        }
        current = null;
        return afterOperation(op, value, failure);
    }

    /**
     * Moves the state machine on after {@code op}, then completes its future: whoever waits for an operation sees
     * the actor's status after it (Idle, Paused, Stopped, Failed). Returns whether the drain loop goes on.
     */
    private boolean afterOperation(Operation op, Object value, ActorException failure) {
        CompletableFuture<Void> paused = null;
        ActorStatus end = null;
        boolean goOn = true;
        synchronized (lock) {
            ActorStatus s = status.get();
            if (failReason != null && !finishing) {
                // fail() was called while the operation ran.
                drainScheduled = false;
                finishing = true;
                end = new ActorStatus.Failed(failReason);
            } else if (op instanceof GuestCall call && call.isInit() && failure != null) {
                drainScheduled = false;
                finishing = true;
                end = forced
                        ? new ActorStatus.Stopped()
                        : new ActorStatus.Failed("init failed: " + failure.getMessage());
            } else if (s instanceof ActorStatus.Starting || s instanceof ActorStatus.Processing) {
                if (s instanceof ActorStatus.Starting) {
                    transition(new ActorStatus.Idle(), "init succeeded");
                }
                if (pausePending) {
                    pausePending = false;
                    paused = pauseFuture;
                    pauseFuture = null;
                    transition(new ActorStatus.Paused(), "pause() after " + op.name());
                    drainScheduled = false;
                    goOn = false;
                } else if (mailbox.isEmpty() && s instanceof ActorStatus.Processing) {
                    transition(new ActorStatus.Idle(), null);
                }
            }
        }
        if (end != null) {
            finish(end);
            goOn = false;
        }
        if (failure == null) {
            op.future.complete(value);
        } else {
            op.future.completeExceptionally(failure);
        }
        if (paused != null) {
            paused.complete(null);
        }
        return goOn;
    }

    /** Whether {@code failure} of {@code op} crashes a supervised actor: guest failures after init, not stops. */
    private static boolean crashes(Operation op, ActorException failure) {
        boolean init = op instanceof GuestCall call && call.isInit();
        return op.runsGuestCode()
                && !init
                && (failure instanceof ActorException.Trap
                        || failure instanceof ActorException.Timeout
                        || failure instanceof ActorException.GuestError);
    }

    private void timeout(Operation op) {
        Runnable wake;
        synchronized (lock) {
            if (running != op || op.interruptReason != null) {
                return;
            }
            op.interruptReason = Operation.InterruptReason.TIMEOUT;
            instance.interrupt();
            wake = op.wake;
        }
        if (wake != null) {
            wake.run();
        }
        LOG.debug("actor '{}' ({}) operation {} passed its call timeout; interrupting it", name, id, op.name());
    }

    private ActorException classify(Operation op, Throwable thrown, Operation.InterruptReason reason) {
        if (thrown instanceof ActorException.GuestError e) {
            return e;
        }
        if (reason == Operation.InterruptReason.TIMEOUT) {
            return new ActorException.Timeout(
                    id,
                    "actor '" + name + "' (" + id + ") operation " + op.name() + " ran longer than its call_timeout of "
                            + callTimeout.map(Actor::describe).orElse("?") + " and was interrupted; the actor goes"
                            + " on with its state from before the call. Raise [limits] call_timeout in "
                            + manifestOrigin + " if the call needs longer",
                    thrown);
        }
        if (reason == Operation.InterruptReason.FORCE_STOP || thrown instanceof WasmException.Interrupted) {
            return interrupted(op, thrown);
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof HostCallFailure f) {
                return new ActorException.Trap(
                        id,
                        "actor '" + name + "' (" + id + ") operation " + op.name() + " failed: " + f.getMessage(),
                        f);
            }
        }
        if (thrown instanceof ActorException e) {
            return e;
        }
        String what;
        if (thrown instanceof WasmException.Trap) {
            what = "trapped: ";
        } else if (thrown instanceof AbiException) {
            what = "broke the canonical ABI: ";
        } else if (thrown instanceof StackOverflowError) {
            what = "exhausted the stack: ";
        } else {
            what = "failed: ";
        }
        return new ActorException.Trap(
                id,
                "actor '" + name + "' (" + id + ") operation " + op.name() + " " + what + messageOf(thrown),
                thrown);
    }

    private ActorException.Interrupted interrupted(Operation op, Throwable cause) {
        return new ActorException.Interrupted(
                id,
                "actor '" + name + "' (" + id + ") operation " + op.name() + " was interrupted: the actor was"
                        + " force-stopped",
                cause);
    }

    private static String messageOf(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    // ---- control ----

    private CompletableFuture<Void> pause() {
        synchronized (lock) {
            ActorStatus s = status.get();
            if (s.isTerminal() || s instanceof ActorStatus.ShuttingDown || finishing) {
                return CompletableFuture.failedFuture(channelClosed(s));
            }
            if (s instanceof ActorStatus.Paused || pausePending) {
                return CompletableFuture.failedFuture(new ActorException.AlreadyPaused(
                        id,
                        "actor '" + name + "' (" + id + ") is already "
                                + (pausePending ? "pausing (after its running operation)" : "paused")
                                + "; call resume() to let it run again"));
            }
            if (s instanceof ActorStatus.Idle) {
                transition(new ActorStatus.Paused(), "pause()");
                return CompletableFuture.completedFuture(null);
            }
            pausePending = true;
            pauseFuture = new CompletableFuture<>();
            return pauseFuture.copy();
        }
    }

    private CompletableFuture<Void> resume() {
        boolean schedule = false;
        synchronized (lock) {
            ActorStatus s = status.get();
            if (s.isTerminal() || s instanceof ActorStatus.ShuttingDown || finishing) {
                return CompletableFuture.failedFuture(channelClosed(s));
            }
            if (!(s instanceof ActorStatus.Paused)) {
                return CompletableFuture.failedFuture(new ActorException.NotPaused(
                        id,
                        "actor '" + name + "' (" + id + ") is " + s.name() + ", not paused, so it cannot resume"
                                + (pausePending
                                        ? "; its pause takes effect when the running operation ends: resume after"
                                                + " pause()'s future completes"
                                        : "")));
            }
            transition(new ActorStatus.Idle(), "resume()");
            if (!mailbox.isEmpty() && !drainScheduled) {
                drainScheduled = true;
                schedule = true;
            }
        }
        if (schedule) {
            context.pool().execute(this::drain);
        }
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> shutdown(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        boolean finishNow = false;
        CompletableFuture<Void> abandonedPause;
        synchronized (lock) {
            ActorStatus s = status.get();
            if (s.isTerminal()) {
                return CompletableFuture.failedFuture(channelClosed(s));
            }
            if (s instanceof ActorStatus.ShuttingDown || finishing) {
                scheduleEscalation(timeout);
                return terminated.copy();
            }
            transition(new ActorStatus.ShuttingDown(), "shutdown(" + describe(timeout) + ")");
            abandonedPause = takePendingPause();
            scheduleEscalation(timeout);
            if (running == null && !drainScheduled) {
                if (mailbox.isEmpty()) {
                    finishing = true;
                    finishNow = true;
                } else {
                    drainScheduled = true;
                    context.pool().execute(this::drain);
                }
            }
        }
        shutdownSignal.request();
        failPause(abandonedPause);
        if (finishNow) {
            context.pool().execute(() -> finish(new ActorStatus.Stopped()));
        }
        return terminated.copy();
    }

    /** Under the lock: forces the stop when {@code timeout} passes, unless an earlier deadline is already set. */
    private void scheduleEscalation(Duration timeout) {
        long delay = Math.max(0, timeout.toNanos());
        if (escalation != null && escalation.getDelay(TimeUnit.NANOSECONDS) <= delay) {
            return;
        }
        if (escalation != null) {
            escalation.cancel(false);
        }
        escalation = context.timer().schedule(this::escalate, delay, TimeUnit.NANOSECONDS);
    }

    private void escalate() {
        LOG.debug("actor '{}' ({}) did not stop within its shutdown timeout; forcing it", name, id);
        forceStop();
    }

    private CompletableFuture<Void> forceStop() {
        List<Operation> dropped;
        List<Waiting> waitingDropped;
        Runnable wake = null;
        Operation victim;
        boolean finishNow = false;
        CompletableFuture<Void> abandonedPause;
        synchronized (lock) {
            ActorStatus s = status.get();
            if (s.isTerminal()) {
                return CompletableFuture.failedFuture(channelClosed(s));
            }
            if (forced) {
                return terminated.copy();
            }
            forced = true;
            if (escalation != null) {
                escalation.cancel(false);
            }
            if (!(s instanceof ActorStatus.ShuttingDown) && !finishing) {
                transition(new ActorStatus.ShuttingDown(), "forceStop()");
            }
            dropped = new ArrayList<>(mailbox);
            mailbox.clear();
            mailboxDepth = 0;
            waitingDropped = dropWaiting();
            abandonedPause = takePendingPause();
            victim = running;
            if (victim != null) {
                Operation.InterruptReason previous = victim.interruptReason;
                victim.interruptReason = Operation.InterruptReason.FORCE_STOP;
                if (previous == null && victim.runsGuestCode()) {
                    instance.interrupt();
                }
                wake = victim.wake;
            } else if (!drainScheduled && !finishing) {
                finishing = true;
                finishNow = true;
            }
        }
        shutdownSignal.request();
        if (wake != null) {
            wake.run();
        }
        ActorException.ChannelClosed closed = channelClosed(new ActorStatus.ShuttingDown());
        for (Operation op : dropped) {
            op.future.completeExceptionally(closed);
        }
        for (Waiting w : waitingDropped) {
            w.fail(closed);
        }
        failPause(abandonedPause);
        if (victim != null) {
            victim.future.completeExceptionally(interrupted(victim, null));
        }
        if (finishNow) {
            context.pool().execute(() -> finish(new ActorStatus.Stopped()));
        }
        return terminated.copy();
    }

    private CompletableFuture<Void> takePendingPause() {
        CompletableFuture<Void> pending = pauseFuture;
        pausePending = false;
        pauseFuture = null;
        return pending;
    }

    private void failPause(CompletableFuture<Void> pending) {
        if (pending != null) {
            pending.completeExceptionally(channelClosed(new ActorStatus.ShuttingDown()));
        }
    }

    /** Releases everything and enters {@code end}. Runs once, by whoever set {@link #finishing}. */
    private void finish(ActorStatus end) {
        shutdownSignal.request();
        for (Handler handler : handlers) {
            try {
                handler.close();
            } catch (RuntimeException e) {
                LOG.warn(
                        "actor '{}' ({}): handler {} failed to close",
                        name,
                        id,
                        handler.getClass().getName(),
                        e);
            }
        }
        WasmInstance inst = instance;
        if (inst != null) {
            try {
                inst.close();
            } catch (RuntimeException e) {
                LOG.warn("actor '{}' ({}): closing its wasm instance failed", name, id, e);
            }
        }
        // Out of the runtime's registry before anyone can see the final status.
        onTerminated.accept(this);
        List<Operation> leftovers;
        List<Waiting> waitingLeftovers;
        CompletableFuture<Void> abandonedPause;
        synchronized (lock) {
            if (escalation != null) {
                escalation.cancel(false);
            }
            leftovers = new ArrayList<>(mailbox);
            mailbox.clear();
            mailboxDepth = 0;
            waitingLeftovers = dropWaiting();
            abandonedPause = takePendingPause();
            String endReason = forced ? "force-stopped" : "no operations left";
            transition(end, endReason);
        }
        ActorException.ChannelClosed closed = channelClosed(end);
        for (Operation op : leftovers) {
            op.future.completeExceptionally(closed);
        }
        for (Waiting w : waitingLeftovers) {
            w.fail(closed);
        }
        failPause(abandonedPause);
        try {
            chain.close();
        } catch (RuntimeException e) {
            LOG.warn("actor '{}' ({}): closing its chain failed", name, id, e);
        }
        if (end instanceof ActorStatus.Failed failed) {
            LOG.info("actor '{}' ({}) failed: {}", name, id, failed.reason());
        } else {
            LOG.info("actor '{}' ({}) stopped", name, id);
        }
        terminated.complete(null);
    }

    /**
     * Under the lock. Logs, records and publishes a status change. The chain records every transition except {@code
     * Idle ⇄ Processing}, which the operation's {@code export-call} and {@code export-result} events already mark.
     *
     * @param reason what caused it, for the chain; {@code null} for none
     */
    private void transition(ActorStatus next, String reason) {
        // Record first, then publish: whoever sees the new status also finds its event in the chain.
        ActorStatus previous = status.get();
        LOG.debug("actor '{}' ({}) {} -> {}", name, id, previous.name(), next.name());
        if (!(next instanceof ActorStatus.Processing)
                && !(next instanceof ActorStatus.Idle && previous instanceof ActorStatus.Processing)) {
            recordLifecycle(previous, next, reason);
        }
        status.set(next);
        if (!listeners.isEmpty()) {
            Object[] targets = listeners.toArray();
            notifier.execute(() -> deliver(targets, next));
        }
    }

    private void recordLifecycle(ActorStatus previous, ActorStatus next, String reason) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("from", json(previous.name()));
        data.put("status", json(next.name()));
        String why = next instanceof ActorStatus.Failed failed ? failed.reason() : reason;
        if (why != null) {
            data.put("reason", json(why));
        }
        try {
            chain.append(ChainEventTypes.LIFECYCLE, WitJson.object(data), next.name());
        } catch (RuntimeException e) {
            LOG.warn("actor '{}' ({}) could not record status {} in its chain", name, id, next.name(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void deliver(Object[] targets, ActorStatus next) {
        for (Object target : targets) {
            try {
                ((Consumer<ActorStatus>) target).accept(next);
            } catch (RuntimeException e) {
                LOG.warn("a status listener failed on {}", next.name(), e);
            }
        }
    }

    private ActorException.ChannelClosed channelClosed(ActorStatus s) {
        String why = s instanceof ActorStatus.Failed f
                ? "failed (" + f.reason() + ")"
                : s.isTerminal() ? "stopped" : "shutting down";
        return new ActorException.ChannelClosed(
                id, "actor '" + name + "' (" + id + ") is " + why + " and takes no new work");
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder();
        WitJson.string(out, text);
        return out.toString();
    }

    private static long safeMemorySize(WasmInstance inst) {
        try {
            return inst.memory().size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private ActorMetrics metrics() {
        Counters c = counters;
        Current now = current;
        return new ActorMetrics(
                c.total(),
                c.failed(),
                Duration.ofNanos(c.totalNanos()),
                Duration.ofNanos(c.total() == 0 ? 0 : c.minNanos()),
                Duration.ofNanos(c.maxNanos()),
                Duration.ofNanos(c.lastNanos()),
                now == null ? Optional.empty() : Optional.of(now.operation()),
                now == null ? Optional.empty() : Optional.of(now.since()),
                mailboxDepth,
                memoryBytes,
                chain.size(),
                Duration.between(spawnedAt, context.clock().instant()),
                restarts);
    }

    /** What the actor is running now. */
    private record Current(String operation, Instant since) {}

    /** Operation counters; replaced as a whole at the end of each operation by the actor's thread. */
    private record Counters(long total, long failed, long totalNanos, long minNanos, long maxNanos, long lastNanos) {
        static final Counters NONE = new Counters(0, 0, 0, Long.MAX_VALUE, 0, 0);

        Counters add(long nanos, boolean failure) {
            return new Counters(
                    total + 1,
                    failed + (failure ? 1 : 0),
                    totalNanos + nanos,
                    Math.min(minNanos, nanos),
                    Math.max(maxNanos, nanos),
                    nanos);
        }
    }

    /** An operation waiting for room in the full mailbox, with the timer that gives up on it. */
    private static final class Waiting {
        final Operation op;
        final CompletableFuture<Void> admitted = new CompletableFuture<>();
        /** Set under the actor's lock right after it is queued. */
        ScheduledFuture<?> timer;

        Waiting(Operation op) {
            this.op = op;
        }

        void fail(ActorException reason) {
            if (timer != null) {
                timer.cancel(false);
            }
            admitted.completeExceptionally(reason);
            op.future.completeExceptionally(reason);
        }
    }

    /** What a guest call returns to the drain loop: the actor's new state and the caller's value. */
    record StateUpdate(byte[] state, Object value) {}

    private final class Executor implements ActorExecutor {
        @Override
        public ActorId id() {
            return id;
        }

        @Override
        public CompletableFuture<Object> call(String function, List<Object> params) {
            requireNonNull(function, "function is null");
            requireNonNull(params, "params is null");
            GuestCall op;
            try {
                op = GuestCall.of(Actor.this, function, params);
            } catch (IllegalArgumentException e) {
                return CompletableFuture.failedFuture(e);
            }
            return submit(op);
        }

        @Override
        public CompletableFuture<Void> saveChain() {
            return submit(new SaveChain()).thenApply(v -> null);
        }

        @Override
        public String toString() {
            return "ActorExecutor[" + name + " " + id + "]";
        }
    }

    private final class SaveChain extends Operation {
        SaveChain() {
            super("save-chain");
        }

        @Override
        boolean runsGuestCode() {
            return false;
        }

        @Override
        Object run(Actor actor) {
            chain.flush();
            return null;
        }
    }

    private final class Controller implements ActorController {
        @Override
        public ActorId id() {
            return id;
        }

        @Override
        public ActorStatus status() {
            return status.get();
        }

        @Override
        public ActorMetrics metrics() {
            return Actor.this.metrics();
        }

        @Override
        public Optional<byte[]> state() {
            return currentState();
        }

        @Override
        public List<ChainEvent> chain() {
            return chain.events();
        }

        @Override
        public Subscription statusChanges(Consumer<ActorStatus> listener) {
            requireNonNull(listener, "listener is null");
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public CompletableFuture<Void> pause() {
            return Actor.this.pause();
        }

        @Override
        public CompletableFuture<Void> resume() {
            return Actor.this.resume();
        }

        @Override
        public CompletableFuture<Void> shutdown(Duration timeout) {
            return Actor.this.shutdown(timeout);
        }

        @Override
        public CompletableFuture<Void> forceStop() {
            return Actor.this.forceStop();
        }

        @Override
        public String toString() {
            return "ActorController[" + name + " " + id + "]";
        }
    }
}
