package dev.theater.engine.wasmtime;

import static java.util.Objects.requireNonNull;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.FunctionExport;
import dev.theater.engine.FunctionImport;
import dev.theater.engine.HostImport;
import dev.theater.engine.InstanceLimits;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmInstance;
import dev.theater.engine.WasmModule;
import dev.theater.engine.wasmtime.ModuleShape.Import;
import dev.theater.engine.wasmtime.ModuleShape.Kind;
import dev.theater.engine.wasmtime.ModuleShape.MemoryLimits;
import dev.theater.engine.wasmtime.ModuleShape.TableLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A validated module: its bytes, its shape, and the memory-limited variants of its bytes already made. Immutable
 * apart from that cache; instantiable from any thread.
 *
 * <p>The tables a module defines get maxima that keep all of them together within {@link #MAX_TABLE_ELEMENTS}
 * elements. Without that, one {@code table.grow} of 2^32 - 1 elements makes Wasmtime allocate 32 GiB, and the failed
 * allocation aborts the whole JVM.
 */
final class WasmtimeModule implements WasmModule {
    /**
     * The most elements the tables of one instance may hold together (8 bytes each natively): the largest table
     * Chicory allows, and far more than any function table needs.
     */
    static final long MAX_TABLE_ELEMENTS = 10_000_000;

    private final NativeRuntime runtime;
    /** The module's bytes with its table maxima lowered (see the class comment). */
    private final byte[] bytes;
    /** Why the module cannot be instantiated, or null: its tables start larger than {@link #MAX_TABLE_ELEMENTS}. */
    private final String tableProblem;

    private final ModuleShape shape;
    private final List<FunctionImport> functionImports;
    private final List<FunctionExport> functionExports;
    private final ConcurrentMap<Long, byte[]> bytesByMaxPages = new ConcurrentHashMap<>();

    WasmtimeModule(NativeRuntime runtime, byte[] bytes, ModuleShape shape) {
        this.runtime = requireNonNull(runtime, "runtime is null");
        requireNonNull(bytes, "bytes is null");
        this.shape = requireNonNull(shape, "shape is null");
        List<TableLimits> tables = shape.definedTables();
        long initialElements =
                tables.stream().mapToLong(TableLimits::minElements).sum();
        if (initialElements > MAX_TABLE_ELEMENTS) {
            this.tableProblem = "the module's " + tables.size() + " table(s) start with " + initialElements
                    + " elements in all, but the wasmtime engine allows an instance at most " + MAX_TABLE_ELEMENTS
                    + " table elements; build the guest with smaller tables";
            this.bytes = bytes;
        } else {
            this.tableProblem = null;
            this.bytes = WasmBinary.withTableMaxima(bytes, tableMaxima(tables, initialElements));
        }
        this.functionImports = shape.imports().stream()
                .filter(i -> i.functionType().isPresent())
                .map(i -> new FunctionImport(
                        i.module(), i.name(), i.functionType().get()))
                .toList();
        this.functionExports = shape.exports().values().stream()
                .filter(e -> e.functionType().isPresent())
                .map(e -> new FunctionExport(e.name(), e.functionType().get()))
                .toList();
    }

    @Override
    public String engine() {
        return WasmtimeEngine.NAME;
    }

    @Override
    public List<FunctionImport> functionImports() {
        return functionImports;
    }

    @Override
    public List<FunctionExport> functionExports() {
        return functionExports;
    }

    @Override
    public WasmInstance instantiate(List<HostImport> imports, InstanceLimits limits) {
        requireNonNull(imports, "imports is null");
        requireNonNull(limits, "limits is null");
        if (tableProblem != null) {
            throw new WasmException.Link(tableProblem, null);
        }
        List<HostImport> resolved = resolve(imports);
        byte[] limited = bytesFor(limits);
        return WasmtimeInstance.create(runtime, limited, shape, resolved);
    }

    /** The host function for each module import, in import order; a Link error for the first that has none. */
    private List<HostImport> resolve(List<HostImport> imports) {
        Map<String, HostImport> byName = new HashMap<>();
        for (HostImport host : imports) {
            HostImport previous = byName.putIfAbsent(key(host.module(), host.name()), host);
            if (previous != null) {
                throw new IllegalArgumentException("two host imports are named " + host.module() + "#" + host.name()
                        + "; offer each function once");
            }
        }
        List<HostImport> resolved = new ArrayList<>();
        for (Import wanted : shape.imports()) {
            String name = wanted.module() + "#" + wanted.name();
            if (wanted.kind() != Kind.FUNCTION) {
                throw new WasmException.Link(
                        "the module imports the " + wanted.kind() + " " + name + " " + wanted.typeText()
                                + ", but only functions can be imported; define and export the " + wanted.kind()
                                + " in the module instead",
                        null);
            }
            Optional<CoreFunctionType> type = wanted.functionType();
            if (type.isEmpty()) {
                throw new WasmException.Link(
                        "the module imports function " + name + " " + wanted.typeText()
                                + ", whose type uses values other than i32, i64, f32 and f64, which host functions"
                                + " cannot take or return; change the import's type",
                        null);
            }
            HostImport host = byName.get(key(wanted.module(), wanted.name()));
            if (host == null) {
                throw new WasmException.Link(
                        "the module imports function " + name + " " + type.get()
                                + " but no host function provides it; provide it, or remove the import from the"
                                + " module",
                        null);
            }
            if (!host.type().equals(type.get())) {
                throw new WasmException.Link(
                        "the module imports function " + name + " with type " + type.get()
                                + " but the host function has type " + host.type()
                                + "; the types must be equal, so fix the guest's import or the host function",
                        null);
            }
            resolved.add(host);
        }
        return resolved;
    }

    /**
     * The table maxima: each table may grow by an equal share of what its initial sizes leave of {@link
     * #MAX_TABLE_ELEMENTS} (a lower declared maximum is kept), so all of them together stay within it.
     */
    private static long[] tableMaxima(List<TableLimits> tables, long initialElements) {
        long[] maxima = new long[tables.size()];
        if (maxima.length == 0) {
            return maxima;
        }
        long share = (MAX_TABLE_ELEMENTS - initialElements) / maxima.length;
        for (int i = 0; i < maxima.length; i++) {
            TableLimits table = tables.get(i);
            long cap = table.minElements() + share;
            maxima[i] = Math.min(table.maxElements().orElse(cap), cap);
        }
        return maxima;
    }

    /** The module bytes with the memory maximum lowered to the limit; made once per limit. */
    private byte[] bytesFor(InstanceLimits limits) {
        Optional<MemoryLimits> memory = shape.definedMemory();
        if (memory.isEmpty()) {
            return bytes;
        }
        long limitPages = limits.maxPages();
        long minPages = memory.get().minPages();
        if (minPages > limitPages) {
            throw new WasmException.Link(
                    "the module's memory starts at " + minPages + " pages (" + minPages * WasmBinary.PAGE_SIZE
                            + " bytes), above the instance memory limit of " + limitPages + " pages ("
                            + limits.maxMemoryBytes() + " bytes); raise [limits] memory in the manifest to at least "
                            + minPages * WasmBinary.PAGE_SIZE + " bytes, or build the guest with a smaller"
                            + " initial memory",
                    null);
        }
        long declaredMax = memory.get().maxPages().orElse(WasmBinary.MAX_PAGES_32);
        if (declaredMax <= limitPages) {
            return bytes;
        }
        return bytesByMaxPages.computeIfAbsent(limitPages, pages -> WasmBinary.withMemoryMaximum(bytes, pages));
    }

    private static String key(String module, String name) {
        return module + "\u0000" + name;
    }

    @Override
    public String toString() {
        return "WasmtimeModule[" + bytes.length + " bytes, " + functionImports.size() + " function imports, "
                + functionExports.size() + " function exports]";
    }
}
