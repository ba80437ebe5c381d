package dev.theater.abi.testing;

import static java.util.Objects.requireNonNull;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.HostImport;
import dev.theater.engine.ValType;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A wasm instance made of Java: a {@link FakeMemory}, exports written as lambdas, and a {@code cabi_realloc} that
 * bump-allocates from a heap start and never frees. Records every export call and every {@code cabi_realloc} call,
 * so tests can assert what the host asked the guest for. A test plays the guest's side of an import with {@link
 * #callImport}.
 */
public final class FakeInstance implements WasmInstance {
    public static final CoreFunctionType REALLOC_TYPE =
            CoreFunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32));

    /** The body of an export: core arguments in, core results out. */
    @FunctionalInterface
    public interface Body {
        long[] call(FakeInstance self, long[] args);
    }

    /** One call of an export, with its core arguments. */
    public record Call(String export, List<Long> args) {}

    /** One call of {@code cabi_realloc} and what it returned. */
    public record Realloc(long oldPtr, long oldSize, long align, long newSize, long result) {}

    private record Export(CoreFunctionType type, Body body) {}

    private final FakeMemory memory;
    private final Map<String, Export> exports = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<Realloc> reallocs = new ArrayList<>();
    private long heap;
    private boolean interrupted;

    /**
     * @param memoryBytes the size of the memory
     * @param heapStart where {@code cabi_realloc} starts handing out memory
     */
    public FakeInstance(int memoryBytes, int heapStart) {
        this.memory = new FakeMemory(memoryBytes);
        this.heap = heapStart;
        withExport("cabi_realloc", REALLOC_TYPE, (self, a) -> new long[] {self.bumpRealloc(a[0], a[1], a[2], a[3])});
    }

    /** 64 KiB of memory, heap from 0x1000. */
    public FakeInstance() {
        this(65536, 0x1000);
    }

    public FakeInstance withExport(String name, CoreFunctionType type, Body body) {
        exports.put(requireNonNull(name, "name is null"), new Export(type, body));
        return this;
    }

    public FakeInstance withoutExport(String name) {
        exports.remove(name);
        return this;
    }

    /** Replaces {@code cabi_realloc}: e.g. one that returns garbage or traps. Calls are still recorded. */
    public FakeInstance withRealloc(Body body) {
        return withExport("cabi_realloc", REALLOC_TYPE, (self, a) -> {
            long[] r = body.call(self, a);
            reallocs.add(new Realloc(a[0], a[1], a[2], a[3], r.length == 1 ? r[0] & 0xFFFF_FFFFL : -1));
            return r;
        });
    }

    /** Allocates guest memory the way the guest's own code would, without recording a cabi_realloc call. */
    public int malloc(int align, int size) {
        long ptr = (heap + align - 1) / align * align;
        if (ptr + size > memory.size()) {
            throw new WasmException.Trap("fake guest out of memory: " + size + " bytes at " + ptr, null);
        }
        heap = ptr + size;
        return (int) ptr;
    }

    private long bumpRealloc(long oldPtr, long oldSize, long align, long newSize) {
        long result;
        if (oldPtr != 0 && newSize <= oldSize) {
            result = oldPtr;
        } else {
            result = malloc((int) align, (int) newSize);
            if (oldPtr != 0) {
                memory.write((int) result, memory.read((int) oldPtr, (int) oldSize));
            }
        }
        reallocs.add(new Realloc(oldPtr, oldSize, align, newSize, result));
        return result;
    }

    /** Plays the guest calling the import {@code hostImport} with {@code args}. */
    public long[] callImport(HostImport hostImport, long... args) {
        return hostImport.callback().call(this, args);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one export, in order. */
    public List<Call> calls(String export) {
        return calls.stream().filter(c -> c.export().equals(export)).toList();
    }

    public List<Realloc> reallocs() {
        return List.copyOf(reallocs);
    }

    @Override
    public FakeMemory memory() {
        return memory;
    }

    @Override
    public long[] call(String export, long... args) {
        Export e = exports.get(export);
        if (e == null) {
            throw new WasmException.Link("the module has no export '" + export + "'", null);
        }
        if (args.length != e.type().params().size()) {
            throw new WasmException.Link(
                    "export '" + export + "' has type " + e.type() + " but was called with " + args.length
                            + " arguments",
                    null);
        }
        if (interrupted) {
            throw new WasmException.Interrupted("interrupted", null);
        }
        calls.add(new Call(export, Arrays.stream(args).boxed().toList()));
        long[] results = e.body().call(this, args.clone());
        if (results.length != e.type().results().size()) {
            throw new IllegalStateException("fake export '" + export + "' returned " + results.length + " values");
        }
        return results;
    }

    @Override
    public Optional<CoreFunctionType> exportType(String export) {
        return Optional.ofNullable(exports.get(export)).map(Export::type);
    }

    @Override
    public void interrupt() {
        interrupted = true;
    }

    @Override
    public void clearInterrupt() {
        interrupted = false;
    }

    @Override
    public void close() {}
}
