package dev.theater.engine.chicory;

import static java.util.Objects.requireNonNull;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.FunctionExport;
import dev.theater.engine.GuestMemory;
import dev.theater.engine.HostCallback;
import dev.theater.engine.HostImport;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmInstance;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One Chicory instance. Guest code runs on the thread that calls {@link #call}; {@link #interrupt()} records the
 * request and interrupts the thread running the outermost call, and Chicory turns the thread's interrupt status
 * into an exception at the guest's next call or loop back-edge.
 *
 * <p>The thread interrupt never outlives the call: the outermost call clears it when it ends if {@link
 * #interrupt()} delivered it, under the same lock {@link #interrupt()} delivers it with, so a pooled thread is never
 * left interrupted by this instance. An interrupt that came from elsewhere (the thread's owner) also stops the guest
 * and is left in place for its owner to see.
 */
final class ChicoryInstance implements WasmInstance {
    private static final long[] NO_VALUES = new long[0];

    /**
     * Chicory's interpreter checks the interrupt status at calls and at {@code br}, but not at {@code br_if},
     * {@code br_table} or tail calls; this check, which Chicory runs before each interpreted instruction (never in
     * compiled code), closes that gap for functions the compiler leaves to the interpreter.
     */
    private static final ExecutionListener INTERPRETER_INTERRUPT_CHECK = (instruction, stack) -> {
        if (Thread.currentThread().isInterrupted()) {
            throw new ChicoryInterruptedException("Thread interrupted");
        }
    };

    private final ChicoryModule module;
    private final Instance instance;
    private final Machine machine;
    /** The machine to replace after a failure, when the module runs interpreted code; else null. */
    private final ReplaceableMachine replaceableMachine;

    private final ChicoryMemory memory;

    private final Object runnerLock = new Object();
    /** The thread running the outermost call, or null; written under {@link #runnerLock}. */
    private volatile Thread runner;
    /** Whether {@link #interrupt()} interrupted {@link #runner} during the current call; under the lock. */
    private boolean runnerInterrupted;

    /** Whether guest code failed during the current outermost call; only the running thread touches it. */
    private boolean failedDuringCall;

    private volatile boolean interruptRequested;
    private volatile boolean closed;

    /** Links the module to {@code imports} (one per function import, in order); call {@link #initialize()} next. */
    ChicoryInstance(ChicoryModule module, HostImport[] imports, MemoryLimits memoryLimits) {
        this.module = requireNonNull(module, "module is null");
        requireNonNull(imports, "imports is null");
        List<FunctionType> importTypes = module.layout().importTypes();
        ImportValues.Builder importValues = ImportValues.builder();
        for (int i = 0; i < imports.length; i++) {
            importValues.addFunction(new HostFunction(
                    imports[i].module(), imports[i].name(), importTypes.get(i), hostFunction(imports[i])));
        }
        boolean interprets = module.execution() != Execution.COMPILED;
        Instance.Builder builder = Instance.builder(module.wasm())
                .withImportValues(importValues.build())
                .withMemoryFactory(ByteArrayMemory::new)
                .withInitialize(false)
                .withStart(false);
        if (memoryLimits != null) {
            builder.withMemoryLimits(memoryLimits);
        }
        if (interprets) {
            builder.withMachineFactory(chicory -> new ReplaceableMachine(chicory, module.machineFactory()))
                    .withUnsafeExecutionListener(INTERPRETER_INTERRUPT_CHECK);
        } else {
            builder.withMachineFactory(module.machineFactory());
        }
        this.instance = builder.build();
        this.machine = instance.getMachine();
        this.replaceableMachine = interprets ? (ReplaceableMachine) machine : null;
        this.memory = new ChicoryMemory(instance.memory());
    }

    /** Initializes tables, globals and memory and runs the module's start function, if it has one. */
    void initialize() {
        run(null, -1, NO_VALUES);
    }

    @Override
    public long[] call(String export, long... args) {
        requireNonNull(export, "export is null");
        requireNonNull(args, "args is null");
        ModuleLayout.ExportedFunction function = module.layout().exports().get(export);
        if (function == null) {
            throw unknownExport(export);
        }
        CoreFunctionType type = function.type();
        if (args.length != type.params().size()) {
            throw new WasmException.Link(
                    "export '" + export + "' has type " + type + " but was called with " + args.length
                            + " arguments; pass one value per parameter",
                    null);
        }
        if (closed) {
            throw new IllegalStateException("the wasm instance is closed, so export '" + export
                    + "' cannot be called; instantiate the module again");
        }
        long[] results = run(export, function.index(), args);
        if (results == null) {
            return NO_VALUES;
        }
        ChicoryTypes.narrow(results, function.narrowResults());
        return results;
    }

    @Override
    public Optional<CoreFunctionType> exportType(String export) {
        requireNonNull(export, "export is null");
        return Optional.ofNullable(module.layout().exports().get(export)).map(ModuleLayout.ExportedFunction::type);
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public void interrupt() {
        interruptRequested = true;
        synchronized (runnerLock) {
            Thread thread = runner;
            if (thread != null) {
                runnerInterrupted = true;
                thread.interrupt();
            }
        }
    }

    @Override
    public void clearInterrupt() {
        interruptRequested = false;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The Chicory instance, for tests of this package. */
    Instance chicoryInstance() {
        return instance;
    }

    /**
     * Runs function {@code index} (or, for index -1, the module's initialization) and maps what it throws. The
     * outermost call on a thread registers that thread for {@link #interrupt()}; nested calls, from host functions
     * on the same thread, run inside it.
     */
    private long[] run(String export, int index, long[] args) {
        Thread current = Thread.currentThread();
        boolean outermost = runner != current;
        if (outermost) {
            enter(current);
        }
        try {
            if (interruptRequested) {
                throw interrupted(export, null);
            }
            try {
                if (index < 0) {
                    instance.initialize(false);
                    return NO_VALUES;
                }
                return machine.call(index, args);
            } catch (RuntimeException | StackOverflowError e) {
                failedDuringCall = true;
                throw failure(export, e);
            }
        } finally {
            if (outermost) {
                if (failedDuringCall && replaceableMachine != null) {
                    replaceableMachine.replace();
                }
                failedDuringCall = false;
                leave();
            }
        }
    }

    private void enter(Thread current) {
        synchronized (runnerLock) {
            Thread running = runner;
            if (running != null) {
                throw new IllegalStateException("the wasm instance is already running a call on thread '"
                        + running.getName() + "'; calls on one instance must not overlap, so run them one at a"
                        + " time");
            }
            runner = current;
        }
    }

    private void leave() {
        synchronized (runnerLock) {
            runner = null;
            if (runnerInterrupted) {
                runnerInterrupted = false;
                // The interrupt was ours and must not reach whatever the thread runs next.
                Thread.interrupted();
            }
        }
    }

    /** What a failure of guest code becomes: a host function's exception unchanged, else a trap or interruption. */
    private RuntimeException failure(String export, Throwable failure) {
        Throwable cause = failure;
        boolean stackOverflow = false;
        for (int depth = 0; cause != null && depth < 32; depth++, cause = cause.getCause()) {
            if (cause instanceof HostFailure hostFailure) {
                return hostFailure.failure();
            }
            if (cause instanceof ChicoryInterruptedException) {
                return interrupted(export, failure);
            }
            stackOverflow |= cause instanceof StackOverflowError;
        }
        if (stackOverflow) {
            return new WasmException.Trap(
                    what(export) + " trapped: the call stack was exhausted (a JVM StackOverflowError); the guest"
                            + " recursed too deeply",
                    failure);
        }
        if (failure instanceof com.dylibso.chicory.runtime.WasmException) {
            return new WasmException.Trap(
                    what(export) + " trapped: the guest threw a wasm exception that nothing caught", failure);
        }
        return new WasmException.Trap(what(export) + " trapped: " + ChicoryEngine.describe(failure), failure);
    }

    private WasmException.Interrupted interrupted(String export, Throwable cause) {
        if (interruptRequested) {
            return new WasmException.Interrupted(
                    what(export) + " was interrupted by WasmInstance.interrupt(); the request stays until"
                            + " clearInterrupt()",
                    cause);
        }
        return new WasmException.Interrupted(what(export) + " was interrupted: its thread was interrupted", cause);
    }

    private static String what(String export) {
        return export == null
                ? "the module's initialization (data segments, start function)"
                : "export '" + export + "'";
    }

    private WasmException.Link unknownExport(String export) {
        String type = module.layout().uncallableExports().get(export);
        if (type != null) {
            return new WasmException.Link(
                    "export '" + export + "' has type " + type + ", which the engine SPI cannot call: only i32, i64,"
                            + " f32 and f64 cross it; export a wrapper function with such a signature",
                    null);
        }
        String exports = module.layout().functionExports().stream()
                .map(FunctionExport::name)
                .limit(20)
                .collect(Collectors.joining(", "));
        return new WasmException.Link(
                "the module exports no function named '" + export + "' (it exports: "
                        + (exports.isEmpty() ? "none" : exports) + "); check the name, which for a guest export"
                        + " is '<interface>#<function>'",
                null);
    }

    private WasmFunctionHandle hostFunction(HostImport hostImport) {
        HostCallback callback = hostImport.callback();
        int[] narrowParams = ChicoryTypes.narrowPositions(hostImport.type().params());
        int resultCount = hostImport.type().results().size();
        return (chicory, args) -> {
            long[] values = args == null ? NO_VALUES : args;
            ChicoryTypes.narrow(values, narrowParams);
            long[] results;
            try {
                results = callback.call(this, values);
            } catch (RuntimeException e) {
                throw new HostFailure(e);
            }
            int returned = results == null ? 0 : results.length;
            if (returned != resultCount) {
                throw new HostFailure(new IllegalStateException("host function " + hostImport.module() + "#"
                        + hostImport.name() + " returned " + returned + " values but its type " + hostImport.type()
                        + " declares " + resultCount + "; fix its HostCallback"));
            }
            if (interruptRequested) {
                // The host function may have swallowed the thread interrupt; the request still stops the guest.
                throw new ChicoryInterruptedException("interrupted during host function " + hostImport.name());
            }
            return results;
        };
    }

    /** Carries a host function's exception through Chicory to {@link #call}, which rethrows it unchanged. */
    private static final class HostFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostFailure(RuntimeException failure) {
            super(null, failure, false, false);
        }

        RuntimeException failure() {
            return (RuntimeException) getCause();
        }
    }
}
