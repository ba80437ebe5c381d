package dev.theater.handler.process;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.Handler;
import dev.theater.spi.HostCall;
import dev.theater.spi.Shutdown;
import dev.theater.spi.WitResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code process} handler of one actor. Created (with its permissions) before the actor exists; {@link #start}
 * hands it the actor's executor, through which it delivers output and exits to the actor's {@code process-handlers}
 * exports. When the actor stops, for whatever reason, every process it started is ended with its descendants: SIGTERM
 * as soon as the stop begins, SIGKILL for what is left after {@code kill_grace}, and {@link #close} returns only once
 * they are gone.
 */
final class ProcessHandler implements Handler {
    /** How long {@link #close} waits for killed processes to disappear before it gives up and logs them. */
    private static final Duration REAP_TIMEOUT = Duration.ofSeconds(5);

    /** Finished processes whose status {@code os-status} still reports; older ones are forgotten. */
    private static final int FINISHED_KEPT = 256;

    /** The longest pause between two offers of a message to a full mailbox. */
    private static final long MAX_BACKOFF_MILLIS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(ProcessHandler.class);

    private final String actorName;
    private final ProcessPermissions permissions;
    private final Containment containment;
    private final Signals signals = Signals.system();
    private final Map<Long, ManagedProcess> processes = new ConcurrentHashMap<>();
    private final ArrayDeque<Long> finishedIds = new ArrayDeque<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger threadCount = new AtomicInteger();
    private final AtomicBoolean missingExportReported = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object stopLock = new Object();
    private volatile ActorExecutor executor;
    private volatile boolean stopping;
    private long stopStartedNanos;

    ProcessHandler(String actorName, ProcessPermissions permissions, Containment containment) {
        this.actorName = requireNonNull(actorName, "actorName is null");
        this.permissions = requireNonNull(permissions, "permissions is null");
        this.containment = requireNonNull(containment, "containment is null");
    }

    @Override
    public Set<String> imports() {
        return Set.of(ProcessHandlerFactory.INTERFACE);
    }

    @Override
    public Set<String> exports() {
        return Set.of(ProcessHandlerFactory.HANDLERS_INTERFACE);
    }

    @HostCall
    WitResult<Long, String> osSpawn(ProcessConfig config) {
        return result(() -> spawn(config));
    }

    @HostCall
    WitResult<Integer, String> osWriteStdin(long pid, byte[] data) {
        return result(() -> process(pid, "os-write-stdin").writeStdin(data));
    }

    @HostCall
    WitResult<ProcessStatus, String> osStatus(long pid) {
        return result(() -> process(pid, "os-status").status());
    }

    @HostCall
    WitResult<Void, String> osSignal(long pid, int signal) {
        return result(() -> {
            process(pid, "os-signal").signal(signal, signals);
            return null;
        });
    }

    @HostCall
    WitResult<Void, String> osKill(long pid) {
        return result(() -> {
            process(pid, "os-kill").kill();
            return null;
        });
    }

    @Override
    public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {
        this.executor = requireNonNull(executor, "executor is null");
        requireNonNull(shutdown, "shutdown is null").requested().thenRun(this::beginStop);
    }

    /** A host call's body: its value, or the refusal it throws. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws ProcessRefusal;
    }

    private <T> WitResult<T, String> result(Call<T> call) {
        try {
            return WitResult.ok(call.run());
        } catch (ProcessRefusal e) {
            LOG.debug("actor '{}': refused: {}", actorName, e.getMessage());
            return WitResult.err(e.getMessage());
        }
    }

    private long spawn(ProcessConfig config) throws ProcessRefusal {
        if (executor == null) {
            // A trap, not an err: the guest called from its wasm start function, before the actor exists.
            throw new IllegalStateException("actor '" + actorName + "' called " + ProcessHandlerFactory.INTERFACE
                    + "#os-spawn before it started (from a wasm start function); call it from init or later");
        }
        SpawnRequest request = SpawnRequest.from(config);
        Path program = permissions.program(request.program());
        Path cwd = permissions.workingDirectory(request.cwd());
        Map<String, String> env = permissions.environment(request.env());
        Optional<Duration> timeout = request.executionTimeout().or(permissions::defaultTimeout);
        reserveSlot();
        AtomicBoolean slotHeld = new AtomicBoolean(true);
        Runnable releaseSlot = () -> {
            if (slotHeld.compareAndSet(true, false)) {
                running.decrementAndGet();
            }
        };
        long id = nextId.getAndIncrement();
        ManagedProcess process = new ManagedProcess(
                id,
                actorName,
                request,
                permissions,
                this::deliver,
                threads(id),
                containment.open("process " + id + " of actor '" + actorName + "'"));
        process.exited().whenComplete((code, e) -> releaseSlot.run());
        synchronized (stopLock) {
            if (stopping) {
                releaseSlot.run();
                throw new ProcessRefusal("actor '" + actorName + "' is stopping; it cannot start new processes");
            }
            processes.put(id, process);
        }
        try {
            process.launch(program, env, cwd, timeout);
        } catch (ProcessRefusal e) {
            processes.remove(id);
            releaseSlot.run();
            throw e;
        }
        process.finished().whenComplete((v, e) -> {
            process.release();
            forgetOldFinished(id);
        });
        if (stopping) {
            process.kill(); // the actor began stopping while the process started
        }
        return id;
    }

    private void reserveSlot() throws ProcessRefusal {
        while (true) {
            int now = running.get();
            if (now >= permissions.maxProcesses()) {
                throw new ProcessRefusal("cannot start another process: actor '" + actorName + "' already runs " + now
                        + " and max_processes of " + permissions.grant() + " is " + permissions.maxProcesses()
                        + "; wait for one to exit (handle-exit), or raise max_processes");
            }
            if (running.compareAndSet(now, now + 1)) {
                return;
            }
        }
    }

    private void forgetOldFinished(long id) {
        synchronized (finishedIds) {
            finishedIds.add(id);
            while (finishedIds.size() > FINISHED_KEPT) {
                processes.remove(finishedIds.poll());
            }
        }
    }

    private ManagedProcess process(Long id, String function) throws ProcessRefusal {
        ManagedProcess process = processes.get(id);
        if (process == null) {
            throw new ProcessRefusal(
                    function + ": actor '" + actorName + "' has no process " + Long.toUnsignedString(id)
                            + " (ids come from os-spawn; the status of only the last " + FINISHED_KEPT
                            + " finished processes is kept)");
        }
        return process;
    }

    private ThreadFactory threads(long id) {
        return runnable -> {
            Thread thread = new Thread(
                    runnable, "theater-process-" + actorName + "-" + id + "-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Calls a {@code process-handlers} export and waits for it; false once the actor takes no more calls. */
    private boolean deliver(String function, List<Object> params) {
        ActorExecutor target = executor;
        long backoffMillis = 1;
        while (target != null && !closed.get()) {
            try {
                target.call(function, params).get();
                return true;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ActorException.MailboxFull) {
                    // Output is never dropped for a full mailbox, and nothing signals when it has room again: back
                    // off and offer the message again. Meanwhile the process blocks on its full pipe.
                    try {
                        Thread.sleep(backoffMillis);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                    backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
                    continue;
                }
                if (cause instanceof ActorException.ChannelClosed || cause instanceof ActorException.Interrupted) {
                    return false;
                }
                if (cause instanceof IllegalArgumentException) {
                    if (missingExportReported.compareAndSet(false, true)) {
                        LOG.warn(
                                "actor '{}' runs processes but cannot take their output: {}; export the functions of"
                                        + " {} to receive it",
                                actorName,
                                cause.getMessage(),
                                ProcessHandlerFactory.HANDLERS_INTERFACE);
                    }
                    return false;
                }
                // The guest returned err or trapped: recorded in its chain; it stays in charge of the next message.
                LOG.debug("actor '{}': {} failed: {}", actorName, function, cause.getMessage());
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The actor began stopping: no new processes; SIGTERM to every running one and its descendants. */
    private void beginStop() {
        synchronized (stopLock) {
            if (stopping) {
                return;
            }
            stopping = true;
            stopStartedNanos = System.nanoTime();
        }
        for (ManagedProcess process : processes.values()) {
            if (!process.exited().isDone()) {
                process.terminate();
            }
        }
    }

    /**
     * Ends every process the actor started and waits until they are gone: those still running {@code kill_grace}
     * after the stop began are killed with their descendants.
     */
    @Override
    public void close() {
        if (closed.get()) {
            return;
        }
        beginStop();
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<ManagedProcess> all = new ArrayList<>(processes.values());
        long graceEnd;
        synchronized (stopLock) {
            graceEnd = stopStartedNanos + permissions.killGrace().toNanos();
        }
        for (ManagedProcess process : all) {
            process.awaitExit(Duration.ofNanos(graceEnd - System.nanoTime()));
        }
        for (ManagedProcess process : all) {
            process.detach();
            process.kill();
        }
        for (ManagedProcess process : all) {
            if (!process.awaitGone(REAP_TIMEOUT)) {
                LOG.warn(
                        "actor '{}': process {} or one of its descendants is still alive {} after SIGKILL",
                        actorName,
                        process.id(),
                        REAP_TIMEOUT);
            }
            process.release();
        }
    }

    @Override
    public String toString() {
        return "ProcessHandler[" + actorName + ", " + running.get() + " running]";
    }
}
