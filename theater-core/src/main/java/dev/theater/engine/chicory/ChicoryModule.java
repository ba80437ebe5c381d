package dev.theater.engine.chicory;

import static java.util.Objects.requireNonNull;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.theater.engine.FunctionExport;
import dev.theater.engine.FunctionImport;
import dev.theater.engine.HostImport;
import dev.theater.engine.InstanceLimits;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmInstance;
import dev.theater.engine.WasmModule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A module Chicory has parsed, validated and compiled; immutable and shared by all its instances. */
final class ChicoryModule implements WasmModule {
    private final com.dylibso.chicory.wasm.WasmModule wasm;
    private final ModuleLayout layout;
    private final Function<Instance, Machine> machineFactory;
    private final Execution execution;

    ChicoryModule(
            com.dylibso.chicory.wasm.WasmModule wasm,
            ModuleLayout layout,
            Function<Instance, Machine> machineFactory,
            Execution execution) {
        this.wasm = requireNonNull(wasm, "wasm is null");
        this.layout = requireNonNull(layout, "layout is null");
        this.machineFactory = requireNonNull(machineFactory, "machineFactory is null");
        this.execution = requireNonNull(execution, "execution is null");
    }

    @Override
    public String engine() {
        return ChicoryEngine.NAME;
    }

    @Override
    public List<FunctionImport> functionImports() {
        return layout.functionImports();
    }

    @Override
    public List<FunctionExport> functionExports() {
        return layout.functionExports();
    }

    @Override
    public WasmInstance instantiate(List<HostImport> imports, InstanceLimits limits) {
        requireNonNull(imports, "imports is null");
        requireNonNull(limits, "limits is null");
        if (!layout.otherImports().isEmpty()) {
            throw new WasmException.Link(
                    "the module imports " + String.join(", ", layout.otherImports())
                            + ", but Theater provides no memories, tables, globals or tags to guests; build the guest"
                            + " so that it defines and exports its own memory and imports only functions",
                    null);
        }
        HostImport[] resolved = resolve(imports);
        MemoryLimits memoryLimits = memoryLimits(limits);
        ChicoryInstance instance;
        try {
            instance = new ChicoryInstance(this, resolved, memoryLimits);
        } catch (ChicoryException e) {
            throw new WasmException.Link("Chicory cannot link the module: " + ChicoryEngine.describe(e), e);
        }
        instance.initialize();
        return instance;
    }

    com.dylibso.chicory.wasm.WasmModule wasm() {
        return wasm;
    }

    ModuleLayout layout() {
        return layout;
    }

    Function<Instance, Machine> machineFactory() {
        return machineFactory;
    }

    Execution execution() {
        return execution;
    }

    /** The host function for each function import, in the module's import order. */
    private HostImport[] resolve(List<HostImport> imports) {
        Map<String, HostImport> offered = new HashMap<>();
        for (HostImport hostImport : imports) {
            HostImport previous = offered.putIfAbsent(key(hostImport.module(), hostImport.name()), hostImport);
            if (previous != null) {
                throw new IllegalArgumentException("two host functions are offered for " + hostImport.module() + "#"
                        + hostImport.name() + "; offer each function once");
            }
        }
        List<FunctionImport> wanted = layout.functionImports();
        HostImport[] resolved = new HostImport[wanted.size()];
        for (int i = 0; i < resolved.length; i++) {
            FunctionImport imported = wanted.get(i);
            HostImport hostImport = offered.get(key(imported.module(), imported.name()));
            if (hostImport == null) {
                throw new WasmException.Link(
                        "the module imports function " + imported.module() + "#" + imported.name() + " "
                                + imported.type() + " but no host function provides it (offered for '"
                                + imported.module() + "': " + offeredNames(imports, imported.module())
                                + "); activate the handler that provides interface '" + imported.module()
                                + "', or remove the import from the guest",
                        null);
            }
            if (!hostImport.type().equals(imported.type())) {
                throw new WasmException.Link(
                        "the module imports function " + imported.module() + "#" + imported.name() + " with type "
                                + imported.type() + " but the host offers it with type " + hostImport.type()
                                + "; the guest was built against a different signature, so rebuild it against"
                                + " the host's WIT",
                        null);
            }
            resolved[i] = hostImport;
        }
        return resolved;
    }

    private static String key(String module, String name) {
        return module + '#' + name;
    }

    private static String offeredNames(List<HostImport> imports, String module) {
        String names = imports.stream()
                .filter(hostImport -> hostImport.module().equals(module))
                .map(HostImport::name)
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "nothing" : names;
    }

    /**
     * The module's memory limits with the instance limit applied: the lower of the declared maximum and the limit.
     * Null when the module defines no memory.
     */
    private MemoryLimits memoryLimits(InstanceLimits limits) {
        if (layout.memory().isEmpty()) {
            return null;
        }
        MemoryLimits declared = layout.memory().get();
        int limitPages = limits.maxPages();
        if (declared.initialPages() > limitPages) {
            long initialBytes = (long) declared.initialPages() * Memory.PAGE_SIZE;
            throw new WasmException.Link(
                    "the module's initial memory is " + declared.initialPages() + " pages (" + initialBytes
                            + " bytes) but the instance may use at most " + limitPages + " pages ("
                            + limits.maxMemoryBytes() + " bytes); raise the [limits] memory key of the actor's"
                            + " manifest to at least " + initialBytes + " bytes, or build the guest with a smaller"
                            + " initial memory",
                    null);
        }
        if (declared.initialPages() > Memory.RUNTIME_MAX_PAGES) {
            throw new WasmException.Link(
                    "the module's initial memory is " + declared.initialPages() + " pages but Chicory supports at most "
                            + Memory.RUNTIME_MAX_PAGES + " pages (2 GiB, its memory is one Java array); build the"
                            + " guest with a smaller initial memory or run it on another engine",
                    null);
        }
        return new MemoryLimits(
                declared.initialPages(), Math.min(declared.maximumPages(), limitPages), declared.shared());
    }
}
