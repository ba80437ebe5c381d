package dev.theater.engine.wasmtime;

import static java.util.Objects.requireNonNull;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.GuestMemory;
import dev.theater.engine.HostImport;
import dev.theater.engine.ValType;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmInstance;
import dev.theater.engine.wasmtime.ModuleShape.Export;
import dev.theater.engine.wasmtime.ModuleShape.Kind;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Trap;
import io.github.kawamuray.wasmtime.Val;
import io.github.kawamuray.wasmtime.WasmFunctionError;
import io.github.kawamuray.wasmtime.WasmtimeException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * One instance with its own Wasmtime Engine and Store.
 *
 * <p><b>Interruption.</b> The engine is built with epoch interruption and the store's deadline is one epoch ahead of the
 * engine's. {@link #interrupt()} sets a sticky flag and then increments the epoch, so running code traps at its next
 * function entry or loop back-edge, and a call that starts later sees the flag. Only {@link #interrupt()} moves this
 * engine's epoch, so the deadline needs setting again (a JNI call, about a microsecond) only before the first
 * outermost call after an interrupt or {@link #clearInterrupt()}. Setting the deadline before reading the flag, and
 * the flag before incrementing the epoch, leaves no window in which an interrupt is lost.
 *
 * <p><b>Host exceptions.</b> wasmtime-java turns an exception thrown by a host function into a Wasmtime error that
 * keeps only its message. So the trampoline keeps the exception in {@link #hostFailure}, lets the guest trap, and
 * {@link #call} rethrows the kept exception itself.
 *
 * <p><b>The start function</b> runs while the instance is created, before anyone holds it to call {@link
 * #interrupt()}. So the instantiating thread's own interrupt stops it: a watcher checks that thread's interrupt status
 * every {@link #START_WATCH_MILLIS} ms while the start function may run and moves the epoch when it is set.
 *
 * <p><b>Threads.</b> Calls run one at a time under {@link #callLock} (a host function may call back into the instance
 * on the same thread). {@link #close()} takes that lock too, so closing from another thread waits for a running call
 * instead of freeing the store under it (call {@link #interrupt()} first to make that quick). {@link #interrupt()},
 * {@link #clearInterrupt()} and {@code memory().size()} never wait for a running call.
 */
final class WasmtimeInstance implements WasmInstance {
    private static final int DEADLINE_TICKS = 1;
    static final long START_WATCH_MILLIS = 10;
    private static final int LISTED_EXPORTS = 20;

    private final Engine engine;
    private final Store<Void> store;
    private final ModuleShape shape;
    private final WasmtimeMemory memory;
    private final List<Func> hostFuncs = new ArrayList<>();
    private final Map<String, Func> exportFuncs = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private final ReentrantLock callLock = new ReentrantLock();

    private volatile boolean interruptRequested;
    /** Whether the epoch may have moved since the deadline was last set. */
    private volatile boolean deadlineStale;

    private volatile boolean closed;
    /** Whether the start function has returned (or failed); written under {@link #lifecycle}. */
    private boolean started;
    /** Whether the watcher moved the epoch to stop the start function; written under {@link #lifecycle}. */
    private boolean startInterrupted;

    private Instance instance;
    private Memory nativeMemory;
    /** Nesting depth of calls; guarded by {@link #callLock}. */
    private int depth;
    /** What a host function threw, until {@link #call} rethrows it; guarded by {@link #callLock}. */
    private Throwable hostFailure;

    private WasmtimeInstance(Engine engine, Store<Void> store, ModuleShape shape) {
        this.engine = engine;
        this.store = store;
        this.shape = shape;
        this.memory = new WasmtimeMemory(this);
    }

    /** Instantiates {@code bytes} in a new Engine, with {@code imports} in the module's import order. */
    static WasmtimeInstance create(NativeRuntime runtime, byte[] bytes, ModuleShape shape, List<HostImport> imports) {
        Engine engine = runtime.newEngine();
        WasmtimeInstance created = null;
        Module module = null;
        try {
            try {
                module = new Module(engine, bytes);
            } catch (WasmtimeException e) {
                throw new WasmException.Link(
                        "Wasmtime could not compile the module for this instance: " + e.getMessage()
                                + "; this is a bug in the wasmtime engine (the module was validated before), please"
                                + " report it with the module",
                        e);
            }
            created = new WasmtimeInstance(engine, new Store<>(null, engine), shape);
            created.link(module, imports);
            return created;
        } catch (RuntimeException | Error e) {
            try {
                if (created != null) {
                    created.close();
                } else {
                    engine.dispose();
                }
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        } finally {
            if (module != null) {
                module.dispose();
            }
        }
    }

    private void link(Module module, List<HostImport> imports) {
        // A new store's deadline is the current epoch, so without this the start function would trap at once.
        store.setEpochDeadline(DEADLINE_TICKS);
        List<Extern> externs = new ArrayList<>(imports.size());
        for (HostImport host : imports) {
            Func func = new Func(store, Values.funcType(host.type()), trampoline(host));
            hostFuncs.add(func);
            externs.add(Extern.fromFunc(func));
        }
        callLock.lock();
        depth++;
        Future<?> watch = StartWatch.watch(this, Thread.currentThread());
        try {
            instance = new Instance(store, module, externs);
        } catch (RuntimeException e) {
            if (startInterrupted() && hostFailure == null) {
                // Only the watcher moves the epoch while the start function runs, so this is its interruption.
                throw new WasmException.Interrupted(
                        "the module's start function was interrupted: the thread instantiating it was interrupted", e);
            }
            throw translate("the module's start function", e);
        } catch (StackOverflowError e) {
            hostFailure = null;
            throw new WasmException.Trap("the module's start function exhausted the JVM thread's stack", e);
        } finally {
            synchronized (lifecycle) {
                started = true;
            }
            watch.cancel(false);
            depth--;
            callLock.unlock();
        }
        nativeMemory = instance.getMemory(store, "memory").orElse(null);
        if (nativeMemory != null) {
            memory.attach(nativeMemory);
        }
    }

    private Func.Handler<Void> trampoline(HostImport host) {
        List<ValType> resultTypes = host.type().results();
        return (caller, params, results) -> {
            memory.markStale();
            try {
                long[] args = new long[params.length];
                for (int i = 0; i < args.length; i++) {
                    args[i] = Values.toLong(params[i]);
                }
                long[] out = host.callback().call(this, args);
                if (out == null || out.length != resultTypes.size()) {
                    throw new IllegalStateException("host function " + host.module() + "#" + host.name()
                            + " returned " + (out == null ? "null" : out.length + " values") + " but its type "
                            + host.type() + " has " + resultTypes.size() + " results; return one long per result");
                }
                for (int i = 0; i < out.length; i++) {
                    results[i] = Values.toVal(resultTypes.get(i), out[i]);
                }
            } catch (Throwable t) {
                if (hostFailure == null) {
                    hostFailure = t;
                }
                throw new HostFunctionFailed(host, t);
            }
        };
    }

    @Override
    public long[] call(String export, long... args) {
        requireNonNull(export, "export is null");
        requireNonNull(args, "args is null");
        callLock.lock();
        try {
            ensureOpen();
            return callLocked(export, args);
        } finally {
            callLock.unlock();
        }
    }

    private long[] callLocked(String export, long[] args) {
        Func func = exportFunc(export);
        CoreFunctionType type = shape.exports().get(export).functionType().orElseThrow();
        if (args.length != type.params().size()) {
            throw new WasmException.Link(
                    "export '" + export + "' " + type + " takes "
                            + type.params().size() + " arguments, but " + args.length + " were passed",
                    null);
        }
        Val[] vals = new Val[args.length];
        for (int i = 0; i < args.length; i++) {
            vals[i] = Values.toVal(type.params().get(i), args[i]);
        }
        boolean outermost = depth == 0;
        if (outermost && deadlineStale) {
            // Deadline first, flag second: an interrupt that sets the flag after this read bumps the epoch past it.
            deadlineStale = false;
            store.setEpochDeadline(DEADLINE_TICKS);
        }
        if (interruptRequested) {
            throw interrupted(export, null);
        }
        depth++;
        try {
            Val[] out = func.call(store, vals);
            long[] results = new long[out.length];
            for (int i = 0; i < out.length; i++) {
                results[i] = Values.toLong(out[i]);
            }
            return results;
        } catch (RuntimeException e) {
            throw translate("export '" + export + "'", e);
        } catch (StackOverflowError e) {
            hostFailure = null;
            throw new WasmException.Trap(
                    "guest trapped in export '" + export + "': call stack exhausted (the JVM thread's stack)", e);
        } finally {
            depth--;
            memory.markStale();
        }
    }

    /** The exception {@link #call} throws for a failure of guest code: what a host function threw, or a trap. */
    private RuntimeException translate(String what, RuntimeException failure) {
        Throwable fromHost = hostFailure;
        hostFailure = null;
        if (fromHost != null) {
            return switch (fromHost) {
                case RuntimeException e -> e;
                case StackOverflowError e ->
                    new WasmException.Trap("guest trapped in " + what + ": call stack exhausted in a host function", e);
                case Error e -> throw e;
                default ->
                    new UndeclaredThrowableException(
                            fromHost, "a host function called from " + what + " threw a checked exception");
            };
        }
        if (failure instanceof WasmFunctionError.TrapError trap) {
            if (trap.trap() == Trap.INTERRUPT) {
                return interrupted(what, trap);
            }
            return new WasmException.Trap("guest trapped in " + what + ": " + reason(trap.trap()), trap);
        }
        if (failure instanceof WasmtimeException) {
            return new WasmException.Trap("guest failed in " + what + ": " + failure.getMessage(), failure);
        }
        return failure;
    }

    private static WasmException.Interrupted interrupted(String what, Throwable cause) {
        return new WasmException.Interrupted(
                "call to " + what + " was interrupted by WasmInstance.interrupt(); call clearInterrupt() before the"
                        + " next call",
                cause);
    }

    /** The wording of the WebAssembly spec tests where there is one. */
    private static String reason(Trap trap) {
        return switch (trap) {
            case STACK_OVERFLOW -> "call stack exhausted";
            case MEMORY_OUT_OF_BOUNDS -> "out of bounds memory access";
            case HEAP_MISALIGNED -> "misaligned memory access";
            case TABLE_OUT_OF_BOUNDS -> "undefined element: out of bounds table access";
            case INDIRECT_CALL_TO_NULL -> "uninitialized element: indirect call to null";
            case BAD_SIGNATURE -> "indirect call type mismatch";
            case INTEGER_OVERFLOW -> "integer overflow";
            case INTEGER_DIVISION_BY_ZERO -> "integer divide by zero";
            case BAD_CONVERSION_TO_INTEGER -> "invalid conversion to integer";
            case UNREACHABLE_CODE_REACHED -> "unreachable";
            case INTERRUPT -> "interrupted";
            case OUF_OF_FUEL -> "out of fuel";
            default -> "wasm trap " + trap;
        };
    }

    private Func exportFunc(String name) {
        Func cached = exportFuncs.get(name);
        if (cached != null) {
            return cached;
        }
        Export export = shape.exports().get(name);
        if (export == null) {
            throw new WasmException.Link(
                    "the module has no export named '" + name + "'; its function exports are: " + functionExportNames(),
                    null);
        }
        if (export.kind() != Kind.FUNCTION) {
            throw new WasmException.Link(
                    "export '" + name + "' is a " + export.kind() + ", not a function; call a function export", null);
        }
        if (export.functionType().isEmpty()) {
            throw new WasmException.Link(
                    "export '" + name + "' has type " + export.typeText()
                            + ", which uses values other than i32, i64, f32 and f64; the engine cannot pass them",
                    null);
        }
        Func func = instance.getFunc(store, name)
                .orElseThrow(() -> new IllegalStateException("Wasmtime has no function export '" + name
                        + "' although the module declares one; this is a bug in the wasmtime engine"));
        exportFuncs.put(name, func);
        return func;
    }

    private String functionExportNames() {
        List<String> names = shape.exports().values().stream()
                .filter(e -> e.kind() == Kind.FUNCTION)
                .map(Export::name)
                .toList();
        String listed = names.stream().limit(LISTED_EXPORTS).collect(Collectors.joining(", "));
        return names.isEmpty()
                ? "(none)"
                : names.size() > LISTED_EXPORTS ? listed + ", ... (" + names.size() + " in all)" : listed;
    }

    @Override
    public Optional<CoreFunctionType> exportType(String export) {
        requireNonNull(export, "export is null");
        return Optional.ofNullable(shape.exports().get(export)).flatMap(Export::functionType);
    }

    @Override
    public GuestMemory memory() {
        ensureOpen();
        if (nativeMemory == null) {
            throw new WasmException.Link(
                    "the module exports no memory named 'memory'; export the linear memory as 'memory' (wit-bindgen"
                            + " does) to exchange data with the host",
                    null);
        }
        return memory;
    }

    @Override
    public void interrupt() {
        deadlineStale = true;
        interruptRequested = true;
        synchronized (lifecycle) {
            if (!closed) {
                engine.incrementEpoch();
            }
        }
    }

    /** Moves the epoch if the start function still runs and {@code thread} is interrupted; for {@link StartWatch}. */
    private void interruptStartIfInterrupted(Thread thread) {
        synchronized (lifecycle) {
            if (!started && !closed && thread.isInterrupted()) {
                startInterrupted = true;
                engine.incrementEpoch();
            }
        }
    }

    private boolean startInterrupted() {
        synchronized (lifecycle) {
            return startInterrupted;
        }
    }

    /** The one daemon thread that watches the threads running start functions; started on first use. */
    private static final class StartWatch {
        private static final ScheduledThreadPoolExecutor WATCHER = watcher();

        private static ScheduledThreadPoolExecutor watcher() {
            ScheduledThreadPoolExecutor watcher = new ScheduledThreadPoolExecutor(
                    1,
                    Thread.ofPlatform()
                            .daemon()
                            .name("theater-wasmtime-start-watch")
                            .factory());
            watcher.setRemoveOnCancelPolicy(true);
            return watcher;
        }

        static Future<?> watch(WasmtimeInstance instance, Thread thread) {
            return WATCHER.scheduleWithFixedDelay(
                    () -> instance.interruptStartIfInterrupted(thread),
                    START_WATCH_MILLIS,
                    START_WATCH_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void clearInterrupt() {
        interruptRequested = false;
        deadlineStale = true;
    }

    @Override
    public void close() {
        if (callLock.isHeldByCurrentThread()) {
            throw new IllegalStateException(
                    "a wasmtime instance cannot be closed from inside one of its own calls; close it after the"
                            + " outermost call returns");
        }
        callLock.lock();
        try {
            synchronized (lifecycle) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release();
        } finally {
            callLock.unlock();
        }
    }

    private void release() {
        exportFuncs.values().forEach(Func::dispose);
        exportFuncs.clear();
        hostFuncs.forEach(Func::dispose);
        hostFuncs.clear();
        if (nativeMemory != null) {
            nativeMemory.dispose();
        }
        if (instance != null) {
            instance.dispose();
        }
        store.dispose();
        engine.dispose();
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this wasmtime instance is closed; instantiate the module again");
        }
    }

    Store<Void> store() {
        return store;
    }

    /**
     * Runs {@code action} if no other thread is running a call on this instance, so it may touch the store without
     * waiting; returns whether it ran.
     */
    boolean ifNoOtherCallRuns(Runnable action) {
        if (!callLock.tryLock()) {
            return false;
        }
        try {
            if (!closed) {
                action.run();
            }
            return true;
        } finally {
            callLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "WasmtimeInstance[" + (closed ? "closed" : "open") + ", "
                + shape.exports().size() + " exports]";
    }

    /** What the guest sees when a host function throws; {@link #call} rethrows the original instead. */
    private static final class HostFunctionFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostFunctionFailed(HostImport host, Throwable cause) {
            super(
                    "host function " + host.module() + "#" + host.name() + " threw "
                            + cause.getClass().getName(),
                    null,
                    false,
                    false);
        }
    }
}
