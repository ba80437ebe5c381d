package dev.theater.testkit.internal;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.ValType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a core WebAssembly module in the binary format: function types, function imports, one memory, mutable i32
 * globals, exports and function bodies. Just enough for the generated test guests; the instructions are written by
 * {@link Code}.
 */
final class WasmWriter {
    private final Map<CoreFunctionType, Integer> types = new LinkedHashMap<>();
    private final List<byte[]> imports = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<byte[]> exports = new ArrayList<>();
    private final List<Integer> globals = new ArrayList<>();
    private int memoryPages = -1;

    /** Imports a function; returns its function index. All imports must come before the first defined function. */
    int importFunction(String module, String name, CoreFunctionType type) {
        if (!functionTypes.isEmpty()) {
            throw new IllegalStateException("import " + module + "#" + name + " after a defined function");
        }
        Bytes b = new Bytes();
        b.name(module).name(name).u8(0x00).u32(type(type));
        imports.add(b.toByteArray());
        return imports.size() - 1;
    }

    /** Declares a function; returns its index. Give its body with {@link #body}, in declaration order. */
    int function(CoreFunctionType type) {
        functionTypes.add(type(type));
        return imports.size() + functionTypes.size() - 1;
    }

    void body(List<ValType> locals, Code code) {
        Bytes b = new Bytes();
        b.u32(locals.size());
        for (ValType local : locals) {
            b.u32(1).u8(valType(local));
        }
        b.raw(code.end().toByteArray());
        bodies.add(b.toByteArray());
    }

    /** A mutable i32 global; returns its index. */
    int global(int initial) {
        globals.add(initial);
        return globals.size() - 1;
    }

    void memory(int pages) {
        this.memoryPages = pages;
    }

    void exportFunction(String name, int index) {
        exports.add(new Bytes().name(name).u8(0x00).u32(index).toByteArray());
    }

    void exportMemory(String name) {
        exports.add(new Bytes().name(name).u8(0x02).u32(0).toByteArray());
    }

    byte[] toByteArray() {
        if (bodies.size() != functionTypes.size()) {
            throw new IllegalStateException(
                    functionTypes.size() + " functions declared but " + bodies.size() + " bodies given");
        }
        Bytes module = new Bytes();
        module.raw(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
        Bytes typeSection = new Bytes().u32(types.size());
        for (CoreFunctionType type : types.keySet()) {
            typeSection.u8(0x60).u32(type.params().size());
            type.params().forEach(t -> typeSection.u8(valType(t)));
            typeSection.u32(type.results().size());
            type.results().forEach(t -> typeSection.u8(valType(t)));
        }
        module.section(1, typeSection);
        module.section(2, vector(imports));
        Bytes functionSection = new Bytes().u32(functionTypes.size());
        functionTypes.forEach(functionSection::u32);
        module.section(3, functionSection);
        if (memoryPages >= 0) {
            module.section(5, new Bytes().u32(1).u8(0x00).u32(memoryPages));
        }
        Bytes globalSection = new Bytes().u32(globals.size());
        for (int initial : globals) {
            globalSection.u8(0x7F).u8(0x01).u8(0x41).s32(initial).u8(0x0B);
        }
        module.section(6, globalSection);
        module.section(7, vector(exports));
        Bytes codeSection = new Bytes().u32(bodies.size());
        for (byte[] body : bodies) {
            codeSection.u32(body.length).raw(body);
        }
        module.section(10, codeSection);
        return module.toByteArray();
    }

    private int type(CoreFunctionType type) {
        return types.computeIfAbsent(type, t -> types.size());
    }

    private static Bytes vector(List<byte[]> items) {
        Bytes b = new Bytes().u32(items.size());
        items.forEach(b::raw);
        return b;
    }

    static int valType(ValType type) {
        return switch (type) {
            case I32 -> 0x7F;
            case I64 -> 0x7E;
            case F32 -> 0x7D;
            case F64 -> 0x7C;
        };
    }

    /** A growing byte buffer with the LEB128 encodings of the binary format. */
    static class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int b) {
            out.write(b);
            return this;
        }

        Bytes raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Bytes u32(long value) {
            long v = value;
            do {
                int b = (int) (v & 0x7F);
                v >>>= 7;
                out.write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        Bytes s32(int value) {
            return s64(value);
        }

        Bytes s64(long value) {
            long v = value;
            while (true) {
                int b = (int) (v & 0x7F);
                v >>= 7;
                boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
                out.write(done ? b : b | 0x80);
                if (done) {
                    return this;
                }
            }
        }

        Bytes name(String name) {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            return u32(utf8.length).raw(utf8);
        }

        Bytes section(int id, Bytes content) {
            byte[] bytes = content.toByteArray();
            return u8(id).u32(bytes.length).raw(bytes);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** The instructions of one function body; {@link #end()} closes it. */
    static final class Code extends Bytes {
        private static final int ALIGN_BYTE = 0;

        Code localGet(int index) {
            u8(0x20).u32(index);
            return this;
        }

        Code localSet(int index) {
            u8(0x21).u32(index);
            return this;
        }

        Code globalGet(int index) {
            u8(0x23).u32(index);
            return this;
        }

        Code globalSet(int index) {
            u8(0x24).u32(index);
            return this;
        }

        Code i32Const(int value) {
            u8(0x41).s32(value);
            return this;
        }

        Code i32Load(int offset) {
            u8(0x28).u32(ALIGN_BYTE).u32(offset);
            return this;
        }

        Code i64Load(int offset) {
            u8(0x29).u32(ALIGN_BYTE).u32(offset);
            return this;
        }

        Code i32Store(int offset) {
            u8(0x36).u32(ALIGN_BYTE).u32(offset);
            return this;
        }

        Code i32Store8(int offset) {
            u8(0x3A).u32(ALIGN_BYTE).u32(offset);
            return this;
        }

        Code op(int opcode) {
            u8(opcode);
            return this;
        }

        Code call(int function) {
            u8(0x10).u32(function);
            return this;
        }

        Code block() {
            u8(0x02).u8(0x40);
            return this;
        }

        Code ifThen() {
            u8(0x04).u8(0x40);
            return this;
        }

        Code endBlock() {
            u8(0x0B);
            return this;
        }

        Code brIf(int depth) {
            u8(0x0D).u32(depth);
            return this;
        }

        Code br(int depth) {
            u8(0x0C).u32(depth);
            return this;
        }

        Code memorySize() {
            u8(0x3F).u8(0x00);
            return this;
        }

        Code memoryGrow() {
            u8(0x40).u8(0x00);
            return this;
        }

        Code memoryCopy() {
            u8(0xFC).u32(10).u8(0x00).u8(0x00);
            return this;
        }

        Code end() {
            u8(0x0B);
            return this;
        }
    }

    // Opcodes used with Code.op.
    static final int UNREACHABLE = 0x00;
    static final int DROP = 0x1A;
    static final int SELECT = 0x1B;
    static final int I32_EQZ = 0x45;
    static final int I32_EQ = 0x46;
    static final int I32_NE = 0x47;
    static final int I32_LT_U = 0x49;
    static final int I32_LE_U = 0x4D;
    static final int I32_ADD = 0x6A;
    static final int I32_SUB = 0x6B;
    static final int I32_MUL = 0x6C;
    static final int I32_AND = 0x71;
    static final int I32_SHR_U = 0x76;
    static final int I32_WRAP_I64 = 0xA7;
    static final int F32_REINTERPRET_I32 = 0xBE;
    static final int F64_REINTERPRET_I64 = 0xBF;
}
