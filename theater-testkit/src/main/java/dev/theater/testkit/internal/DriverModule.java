package dev.theater.testkit.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.abi.AbiLayout;
import dev.theater.abi.HostImports;
import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.ValType;
import dev.theater.wit.WitFunction;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates an actor module that imports host functions and calls one of them per {@code handle-send}, with
 * arguments the test lowered in Java ({@link ArgumentImage}). It keeps its state unchanged and drops what the host
 * function returns: the chain's {@code host-call} event records the arguments and the result.
 *
 * <p>Message layout: {@code u32 function index}, then the import's flat parameters as 8-byte little-endian values
 * (an {@code f32} or {@code i32} in the low bits), then the memory image those values point into, which the guest
 * copies to {@link #ARGUMENTS_BASE} before the call. Guest memory: return areas below 64 KiB, the argument image at
 * 64 KiB (at most {@link #ARGUMENTS_MAX} bytes), the heap of {@code cabi_realloc} above it, reset after each call.
 */
public final class DriverModule {
    /** Where the guest copies the argument image; pointers in the image are absolute from here. */
    public static final int ARGUMENTS_BASE = 64 * 1024;

    /** The largest argument image a call may have. */
    public static final int ARGUMENTS_MAX = 1024 * 1024;

    private static final int EXPORT_RETURN_AREA = 64;
    private static final int IMPORT_RETURN_AREA = 1024;
    private static final int HEAP_START = ARGUMENTS_BASE + ARGUMENTS_MAX;
    private static final int PAGE = 64 * 1024;

    static final String INIT = "theater:simple/actor#init";
    static final String SEND = "theater:simple/message-server-client#handle-send";

    /** One imported host function. */
    public record Import(String interfaceName, WitFunction function) {
        public Import {
            requireNonNull(interfaceName, "interfaceName is null");
            requireNonNull(function, "function is null");
        }

        public String qualifiedName() {
            return interfaceName + "#" + function.name();
        }
    }

    private final Map<String, Integer> indexes = new LinkedHashMap<>();
    private final List<Import> imports;
    private final byte[] wasm;

    private DriverModule(List<Import> imports) {
        this.imports = List.copyOf(imports);
        for (int i = 0; i < this.imports.size(); i++) {
            indexes.put(this.imports.get(i).qualifiedName(), i);
        }
        this.wasm = write();
    }

    /** A driver that imports {@code imports} (none: an actor that only keeps its state). */
    public static DriverModule of(List<Import> imports) {
        requireNonNull(imports, "imports is null");
        return new DriverModule(imports);
    }

    public byte[] wasm() {
        return wasm.clone();
    }

    public List<Import> imports() {
        return imports;
    }

    /**
     * The {@code handle-send} message that makes the guest call {@code qualifiedName} with {@code args}.
     *
     * @throws IllegalArgumentException when the driver does not import the function, or the arguments do not fit
     */
    public byte[] message(String qualifiedName, List<Object> args) {
        Integer index = indexes.get(qualifiedName);
        if (index == null) {
            throw new IllegalArgumentException("the driver guest does not import " + qualifiedName + "; it imports "
                    + String.join(", ", indexes.keySet()));
        }
        ArgumentImage image = ArgumentImage.lower(imports.get(index).function(), args, ARGUMENTS_BASE, ARGUMENTS_MAX);
        long[] flat = image.flat();
        byte[] memory = image.memory();
        ByteBuffer message =
                ByteBuffer.allocate(4 + 8 * flat.length + memory.length).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(index);
        for (long value : flat) {
            message.putLong(value);
        }
        message.put(memory);
        return message.array();
    }

    private byte[] write() {
        WasmWriter w = new WasmWriter();
        List<CoreFunctionType> types = new ArrayList<>();
        List<Integer> flatCounts = new ArrayList<>();
        for (Import imp : imports) {
            CoreFunctionType type = HostImports.coreType(imp.function());
            int resultSize = imp.function().result().map(AbiLayout::size).orElse(0);
            if (IMPORT_RETURN_AREA + resultSize > ARGUMENTS_BASE) {
                throw new IllegalArgumentException("the result of " + imp.qualifiedName() + " takes " + resultSize
                        + " bytes, more than the testkit's driver guest has room for; write a guest for it");
            }
            w.importFunction(imp.interfaceName(), imp.function().name(), type);
            types.add(type);
            flatCounts.add(ArgumentImage.flatCount(imp.function()));
        }
        CoreFunctionType realloc = type(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), ValType.I32);
        CoreFunctionType state3 = type(List.of(ValType.I32, ValType.I32, ValType.I32), ValType.I32);
        CoreFunctionType send =
                type(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32, ValType.I32), ValType.I32);
        CoreFunctionType post = CoreFunctionType.of(List.of(ValType.I32), List.of());

        int heap = w.global(HEAP_START);
        w.memory(HEAP_START / PAGE + 1);
        int fRealloc = w.function(realloc);
        int fOkState = w.function(state3);
        int fInit = w.function(state3);
        int fSend = w.function(send);
        int fPost = w.function(post);

        w.body(List.of(ValType.I32, ValType.I32), reallocBody(heap));
        w.body(List.of(), okStateBody());
        w.body(
                List.of(),
                new WasmWriter.Code().localGet(0).localGet(1).localGet(2).call(fOkState));
        w.body(List.of(ValType.I32), sendBody(types, flatCounts, fOkState));
        w.body(List.of(), new WasmWriter.Code().i32Const(HEAP_START).globalSet(heap));

        w.exportMemory("memory");
        w.exportFunction("cabi_realloc", fRealloc);
        w.exportFunction(INIT, fInit);
        w.exportFunction(SEND, fSend);
        w.exportFunction("cabi_post_" + INIT, fPost);
        w.exportFunction("cabi_post_" + SEND, fPost);
        return w.toByteArray();
    }

    private static CoreFunctionType type(List<ValType> params, ValType result) {
        return CoreFunctionType.of(params, List.of(result));
    }

    /** {@code cabi_realloc(old, old_size, align, size)}: bump allocation, growing memory as needed. */
    private static WasmWriter.Code reallocBody(int heap) {
        int old = 0;
        int oldSize = 1;
        int align = 2;
        int size = 3;
        int ptr = 4;
        int end = 5;
        WasmWriter.Code c = new WasmWriter.Code();
        c.globalGet(heap).localGet(align).i32Const(1).op(WasmWriter.I32_SUB).op(WasmWriter.I32_ADD);
        c.i32Const(0)
                .localGet(align)
                .op(WasmWriter.I32_SUB)
                .op(WasmWriter.I32_AND)
                .localSet(ptr);
        c.localGet(ptr).localGet(size).op(WasmWriter.I32_ADD).localSet(end);
        c.block();
        c.localGet(end)
                .memorySize()
                .i32Const(PAGE)
                .op(WasmWriter.I32_MUL)
                .op(WasmWriter.I32_LE_U)
                .brIf(0);
        c.localGet(end).memorySize().i32Const(PAGE).op(WasmWriter.I32_MUL).op(WasmWriter.I32_SUB);
        c.i32Const(16).op(WasmWriter.I32_SHR_U).i32Const(1).op(WasmWriter.I32_ADD);
        c.memoryGrow().i32Const(-1).op(WasmWriter.I32_EQ);
        c.ifThen().op(WasmWriter.UNREACHABLE).endBlock();
        c.endBlock();
        c.localGet(end).globalSet(heap);
        c.localGet(old).i32Const(0).op(WasmWriter.I32_NE);
        c.ifThen();
        c.localGet(ptr).localGet(old);
        c.localGet(oldSize).localGet(size).localGet(oldSize).localGet(size).op(WasmWriter.I32_LT_U);
        c.op(WasmWriter.SELECT).memoryCopy();
        c.endBlock();
        c.localGet(ptr);
        return c;
    }

    /** Writes {@code ok(tuple(state))} to the export return area and returns its address. */
    private static WasmWriter.Code okStateBody() {
        int r = EXPORT_RETURN_AREA;
        WasmWriter.Code c = new WasmWriter.Code();
        c.i32Const(r).i32Const(0).i32Store8(0);
        c.i32Const(r + 4).localGet(0).i32Store8(0);
        c.i32Const(r + 8).localGet(1).i32Store(0);
        c.i32Const(r + 12).localGet(2).i32Store(0);
        c.i32Const(r);
        return c;
    }

    /** {@code handle-send(state, (msg))}: copies the argument image, calls import {@code msg[0]}, keeps the state. */
    private static WasmWriter.Code sendBody(List<CoreFunctionType> types, List<Integer> flatCounts, int okState) {
        int msg = 3;
        int msgLen = 4;
        int index = 5;
        WasmWriter.Code c = new WasmWriter.Code();
        c.localGet(msg).i32Load(0).localSet(index);
        c.block();
        for (int k = 0; k < types.size(); k++) {
            CoreFunctionType type = types.get(k);
            int flat = flatCounts.get(k);
            int imageOffset = 4 + 8 * flat;
            c.localGet(index).i32Const(k).op(WasmWriter.I32_EQ);
            c.ifThen();
            c.i32Const(ARGUMENTS_BASE);
            c.localGet(msg).i32Const(imageOffset).op(WasmWriter.I32_ADD);
            c.localGet(msgLen).i32Const(imageOffset).op(WasmWriter.I32_SUB);
            c.memoryCopy();
            for (int j = 0; j < flat; j++) {
                c.localGet(msg).i64Load(4 + 8 * j);
                switch (type.params().get(j)) {
                    case I32 -> c.op(WasmWriter.I32_WRAP_I64);
                    case F32 -> c.op(WasmWriter.I32_WRAP_I64).op(WasmWriter.F32_REINTERPRET_I32);
                    case F64 -> c.op(WasmWriter.F64_REINTERPRET_I64);
                    case I64 -> {}
                }
            }
            if (type.params().size() == flat + 1) {
                c.i32Const(IMPORT_RETURN_AREA);
            }
            c.call(k);
            for (int r = 0; r < type.results().size(); r++) {
                c.op(WasmWriter.DROP);
            }
            c.br(1);
            c.endBlock();
        }
        c.op(WasmWriter.UNREACHABLE);
        c.endBlock();
        c.localGet(0).localGet(1).localGet(2).call(okState);
        return c;
    }
}
