package dev.theater.engine.wasmtime;

import static java.util.Objects.requireNonNull;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.ValType;
import dev.theater.engine.wasmtime.ModuleShape.Export;
import dev.theater.engine.wasmtime.ModuleShape.Import;
import dev.theater.engine.wasmtime.ModuleShape.Kind;
import dev.theater.engine.wasmtime.ModuleShape.MemoryLimits;
import dev.theater.engine.wasmtime.ModuleShape.TableLimits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Reads and edits the binary format of a core wasm module (the subset this engine needs).
 *
 * <ul>
 *   <li>{@link #shape} lists imports, exports and the limits of the defined memory and tables: wasmtime-java 0.19
 *       cannot list exports.
 *   <li>{@link #withMemoryMaximum} and {@link #withTableMaxima} lower the declared maxima of the defined memory and
 *       tables: wasmtime-java 0.19 has no resource limiter, so what an instance may allocate is enforced by the module
 *       itself, where {@code memory.grow} and {@code table.grow} past the maximum return -1.
 * </ul>
 *
 * The input is expected to be a module Wasmtime already validated; malformed input fails with an {@link
 * IllegalArgumentException} that gives the byte offset.
 */
final class WasmBinary {
    /** Bytes per wasm page. */
    static final long PAGE_SIZE = 65536;

    /** Pages in the 32-bit address space: the implicit maximum of a 32-bit memory. */
    static final long MAX_PAGES_32 = 65536;

    private static final int SECTION_TYPE = 1;
    private static final int SECTION_IMPORT = 2;
    private static final int SECTION_FUNCTION = 3;
    private static final int SECTION_TABLE = 4;
    private static final int SECTION_MEMORY = 5;
    private static final int SECTION_EXPORT = 7;
    private static final int FUNC_TYPE_FORM = 0x60;
    private static final int TABLE_WITH_INITIALIZER = 0x40;
    private static final int LIMITS_HAS_MAX = 0x01;
    private static final int LIMITS_SHARED = 0x02;
    private static final int LIMITS_64BIT = 0x04;
    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    private WasmBinary() {}

    /** Reads the imports, exports and defined memory of {@code wasm}. */
    static ModuleShape shape(byte[] wasm) {
        requireNonNull(wasm, "wasm is null");
        Reader in = new Reader(wasm);
        in.expectHeader();
        List<RawFuncType> types = new ArrayList<>();
        List<Import> imports = new ArrayList<>();
        List<RawFuncType> functions = new ArrayList<>();
        List<MemoryLimits> memories = new ArrayList<>();
        List<TableLimits> tables = new ArrayList<>();
        Map<String, Export> exports = new LinkedHashMap<>();
        while (in.hasMore()) {
            int id = in.readByte();
            int size = in.readU32AsInt();
            int end = in.position() + size;
            in.require(end);
            switch (id) {
                case SECTION_TYPE -> readTypes(in, types);
                case SECTION_IMPORT -> readImports(in, types, imports, functions);
                case SECTION_FUNCTION -> {
                    long count = in.readU32();
                    for (long i = 0; i < count; i++) {
                        functions.add(typeAt(types, in.readU32(), in));
                    }
                }
                case SECTION_TABLE -> {
                    long count = in.readU32();
                    for (long i = 0; i < count; i++) {
                        in.readTableElementType(i);
                        Limits limits = in.readLimits();
                        tables.add(new TableLimits(limits.min(), limits.max()));
                    }
                }
                case SECTION_MEMORY -> {
                    long count = in.readU32();
                    for (long i = 0; i < count; i++) {
                        memories.add(in.readLimits().toMemoryLimits());
                    }
                }
                case SECTION_EXPORT -> readExports(in, functions, exports);
                default -> {
                    // other sections carry nothing this engine needs
                }
            }
            in.seek(end);
        }
        return new ModuleShape(imports, exports, memories.stream().findFirst(), tables);
    }

    /**
     * Returns {@code wasm} with the maximum of each memory it defines lowered to {@code maxPages} (a lower declared
     * maximum is kept). Every other byte outside the memory section is copied unchanged; imported memories are left
     * alone. Returns the input array itself when no maximum changes.
     *
     * @throws IllegalArgumentException when a memory's initial size already exceeds {@code maxPages}
     */
    static byte[] withMemoryMaximum(byte[] wasm, long maxPages) {
        requireNonNull(wasm, "wasm is null");
        if (maxPages < 0 || maxPages > MAX_PAGES_32) {
            throw new IllegalArgumentException("maxPages must be in [0, " + MAX_PAGES_32 + "], was " + maxPages);
        }
        return rewriteSection(wasm, SECTION_MEMORY, (in, payload) -> {
            boolean changed = false;
            long count = in.readU32();
            writeUnsigned(payload, count);
            for (long i = 0; i < count; i++) {
                Limits limits = in.readLimits();
                if ((limits.flags() & LIMITS_64BIT) != 0) {
                    throw new IllegalArgumentException("memory " + i + " is a 64-bit memory, which is not supported");
                }
                if (limits.min() > maxPages) {
                    throw new IllegalArgumentException("memory " + i + " starts at " + limits.min()
                            + " pages, above the maximum of " + maxPages + " pages");
                }
                changed |= limits.writeWithMaximum(payload, maxPages);
            }
            return changed;
        });
    }

    /**
     * Returns {@code wasm} with the maximum of the {@code i}-th table it defines lowered to {@code maxElements[i]} (a
     * lower declared maximum is kept). Every other byte outside the table section is copied unchanged; imported
     * tables are left alone. Returns the input array itself when no maximum changes.
     *
     * @throws IllegalArgumentException when the module defines another number of tables than {@code maxElements}
     *     has, or a table's initial size already exceeds its maximum
     */
    static byte[] withTableMaxima(byte[] wasm, long[] maxElements) {
        requireNonNull(wasm, "wasm is null");
        requireNonNull(maxElements, "maxElements is null");
        return rewriteSection(wasm, SECTION_TABLE, (in, payload) -> {
            boolean changed = false;
            long count = in.readU32();
            if (count != maxElements.length) {
                throw new IllegalArgumentException(
                        "the module defines " + count + " tables but " + maxElements.length + " maxima were given");
            }
            writeUnsigned(payload, count);
            for (int i = 0; i < count; i++) {
                payload.write(in.readTableElementType(i));
                Limits limits = in.readLimits();
                if ((limits.flags() & LIMITS_64BIT) != 0) {
                    throw new IllegalArgumentException("table " + i + " is a 64-bit table, which is not supported");
                }
                if (limits.min() > maxElements[i]) {
                    throw new IllegalArgumentException("table " + i + " starts at " + limits.min()
                            + " elements, above the maximum of " + maxElements[i] + " elements");
                }
                changed |= limits.writeWithMaximum(payload, maxElements[i]);
            }
            return changed;
        });
    }

    /** Rewrites the payload of one section; returns whether it wrote anything different from what it read. */
    @FunctionalInterface
    private interface SectionRewriter {
        boolean rewrite(Reader in, ByteArrayOutputStream payload);
    }

    /**
     * Copies {@code wasm} with the section {@code id} (if there is one) replaced by what {@code rewriter} writes;
     * returns {@code wasm} itself when the rewriter changed nothing.
     */
    private static byte[] rewriteSection(byte[] wasm, int id, SectionRewriter rewriter) {
        Reader in = new Reader(wasm);
        in.expectHeader();
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length + 16);
        out.write(wasm, 0, HEADER.length);
        boolean changed = false;
        while (in.hasMore()) {
            int sectionStart = in.position();
            int sectionId = in.readByte();
            int size = in.readU32AsInt();
            int end = in.position() + size;
            in.require(end);
            if (sectionId != id) {
                out.write(wasm, sectionStart, end - sectionStart);
                in.seek(end);
                continue;
            }
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            changed |= rewriter.rewrite(in, payload);
            if (in.position() != end) {
                throw new IllegalArgumentException("section " + id + " at offset " + sectionStart + " has "
                        + (end - in.position()) + " bytes after its last entry");
            }
            out.write(sectionId);
            writeUnsigned(out, payload.size());
            out.writeBytes(payload.toByteArray());
        }
        return changed ? out.toByteArray() : wasm;
    }

    /** Appends {@code value} as unsigned LEB128. */
    static void writeUnsigned(ByteArrayOutputStream out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("value must be >= 0, was " + value);
        }
        long rest = value;
        do {
            int b = (int) (rest & 0x7f);
            rest >>>= 7;
            out.write(rest == 0 ? b : b | 0x80);
        } while (rest != 0);
    }

    /** Reads an unsigned LEB128 of at most {@code bits} bits starting at {@code offset}; for tests. */
    static long readUnsigned(byte[] bytes, int offset, int bits) {
        Reader in = new Reader(bytes);
        in.seek(offset);
        return in.readUnsigned(bits);
    }

    private static void readTypes(Reader in, List<RawFuncType> types) {
        long count = in.readU32();
        for (long i = 0; i < count; i++) {
            int at = in.position();
            int form = in.readByte();
            if (form != FUNC_TYPE_FORM) {
                throw new IllegalArgumentException("type " + i + " at offset " + at + " has form 0x"
                        + Integer.toHexString(form) + ", expected 0x60 (func)");
            }
            types.add(new RawFuncType(in.readValTypes(), in.readValTypes()));
        }
    }

    private static void readImports(
            Reader in, List<RawFuncType> types, List<Import> imports, List<RawFuncType> functions) {
        long count = in.readU32();
        for (long i = 0; i < count; i++) {
            String module = in.readName();
            String name = in.readName();
            int at = in.position();
            int kind = in.readByte();
            switch (kind) {
                case 0x00 -> {
                    RawFuncType type = typeAt(types, in.readU32(), in);
                    functions.add(type);
                    imports.add(new Import(module, name, Kind.FUNCTION, type.core(), type.text()));
                }
                case 0x01 -> {
                    String element = valTypeName(in.readByte());
                    Limits limits = in.readLimits();
                    imports.add(new Import(
                            module,
                            name,
                            Kind.TABLE,
                            Optional.empty(),
                            "(table " + limits.text() + " " + element + ")"));
                }
                case 0x02 ->
                    imports.add(new Import(
                            module,
                            name,
                            Kind.MEMORY,
                            Optional.empty(),
                            "(memory " + in.readLimits().text() + ")"));
                case 0x03 -> {
                    String valType = valTypeName(in.readByte());
                    boolean mutable = in.readByte() == 1;
                    imports.add(new Import(
                            module,
                            name,
                            Kind.GLOBAL,
                            Optional.empty(),
                            "(global " + (mutable ? "(mut " + valType + ")" : valType) + ")"));
                }
                default ->
                    throw new IllegalArgumentException(
                            "import " + module + "#" + name + " at offset " + at + " has unknown kind " + kind);
            }
        }
    }

    private static void readExports(Reader in, List<RawFuncType> functions, Map<String, Export> exports) {
        long count = in.readU32();
        for (long i = 0; i < count; i++) {
            String name = in.readName();
            int at = in.position();
            int kind = in.readByte();
            long index = in.readU32();
            Export export =
                    switch (kind) {
                        case 0x00 -> {
                            if (index >= functions.size()) {
                                throw new IllegalArgumentException("export '" + name + "' at offset " + at
                                        + " names function " + index + " of " + functions.size());
                            }
                            RawFuncType type = functions.get((int) index);
                            yield new Export(name, Kind.FUNCTION, type.core(), type.text());
                        }
                        case 0x01 -> new Export(name, Kind.TABLE, Optional.empty(), "table");
                        case 0x02 -> new Export(name, Kind.MEMORY, Optional.empty(), "memory");
                        case 0x03 -> new Export(name, Kind.GLOBAL, Optional.empty(), "global");
                        default ->
                            throw new IllegalArgumentException(
                                    "export '" + name + "' at offset " + at + " has unknown kind " + kind);
                    };
            exports.put(name, export);
        }
    }

    private static RawFuncType typeAt(List<RawFuncType> types, long index, Reader in) {
        if (index >= types.size()) {
            throw new IllegalArgumentException("type index " + index + " before offset " + in.position()
                    + " is out of range (" + types.size() + " types)");
        }
        return types.get((int) index);
    }

    private static String valTypeName(int code) {
        return switch (code) {
            case 0x7f -> "i32";
            case 0x7e -> "i64";
            case 0x7d -> "f32";
            case 0x7c -> "f64";
            case 0x7b -> "v128";
            case 0x70 -> "funcref";
            case 0x6f -> "externref";
            default -> throw new IllegalArgumentException("unknown value type 0x" + Integer.toHexString(code));
        };
    }

    private static Optional<ValType> coreValType(int code) {
        return switch (code) {
            case 0x7f -> Optional.of(ValType.I32);
            case 0x7e -> Optional.of(ValType.I64);
            case 0x7d -> Optional.of(ValType.F32);
            case 0x7c -> Optional.of(ValType.F64);
            default -> Optional.empty();
        };
    }

    /** A function type as value type codes. */
    private record RawFuncType(List<Integer> params, List<Integer> results) {
        Optional<CoreFunctionType> core() {
            List<ValType> p = new ArrayList<>();
            List<ValType> r = new ArrayList<>();
            for (int code : params) {
                Optional<ValType> t = coreValType(code);
                if (t.isEmpty()) {
                    return Optional.empty();
                }
                p.add(t.get());
            }
            for (int code : results) {
                Optional<ValType> t = coreValType(code);
                if (t.isEmpty()) {
                    return Optional.empty();
                }
                r.add(t.get());
            }
            return Optional.of(CoreFunctionType.of(p, r));
        }

        String text() {
            return "(func" + group("param", params) + group("result", results) + ")";
        }

        private static String group(String keyword, List<Integer> codes) {
            return codes.isEmpty()
                    ? ""
                    : codes.stream()
                            .map(WasmBinary::valTypeName)
                            .collect(Collectors.joining(" ", " (" + keyword + " ", ")"));
        }
    }

    /** Limits as encoded: the flags byte, the minimum and the optional maximum. */
    private record Limits(int flags, long min, OptionalLong max) {
        MemoryLimits toMemoryLimits() {
            return new MemoryLimits(min, max);
        }

        /**
         * Writes these limits with the maximum lowered to {@code limit} (a lower declared maximum is kept); returns
         * whether the maximum changed.
         */
        boolean writeWithMaximum(ByteArrayOutputStream out, long limit) {
            long newMax = max.isPresent() ? Math.min(max.getAsLong(), limit) : limit;
            out.write(flags | LIMITS_HAS_MAX);
            writeUnsigned(out, min);
            writeUnsigned(out, newMax);
            return max.isEmpty() || max.getAsLong() != newMax;
        }

        String text() {
            return min
                    + (max.isPresent() ? " " + max.getAsLong() : "")
                    + ((flags & LIMITS_SHARED) != 0 ? " shared" : "");
        }
    }

    /** A cursor over the module bytes; every read is bounds-checked. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int position() {
            return position;
        }

        boolean hasMore() {
            return position < bytes.length;
        }

        void seek(int offset) {
            require(offset);
            position = offset;
        }

        void require(int end) {
            if (end < 0 || end > bytes.length) {
                throw new IllegalArgumentException("module is truncated: needs " + end + " bytes, has " + bytes.length);
            }
        }

        void expectHeader() {
            require(HEADER.length);
            for (int i = 0; i < HEADER.length; i++) {
                if (bytes[i] != HEADER[i]) {
                    throw new IllegalArgumentException(
                            "not a version 1 core wasm module: the header must be 00 61 73 6d 01 00 00 00");
                }
            }
            position = HEADER.length;
        }

        int readByte() {
            require(position + 1);
            return bytes[position++] & 0xff;
        }

        long readU32() {
            return readUnsigned(32);
        }

        int readU32AsInt() {
            long value = readU32();
            if (value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "length " + value + " before offset " + position + " is larger than any module");
            }
            return (int) value;
        }

        long readUnsigned(int bits) {
            int start = position;
            long result = 0;
            int shift = 0;
            while (true) {
                int b = readByte();
                if (shift >= bits || (shift + 7 > bits && (b & 0x7f) >>> (bits - shift) != 0)) {
                    throw new IllegalArgumentException(
                            "LEB128 at offset " + start + " does not fit in " + bits + " bits");
                }
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
                shift += 7;
            }
        }

        String readName() {
            int length = readU32AsInt();
            require(position + length);
            try {
                String name = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, position, length))
                        .toString();
                position += length;
                return name;
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("name at offset " + position + " is not UTF-8", e);
            }
        }

        List<Integer> readValTypes() {
            long count = readU32();
            List<Integer> codes = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                int code = readByte();
                valTypeName(code);
                codes.add(code);
            }
            return codes;
        }

        /**
         * Reads the element type of table {@code index}: a reference type byte. The typed function references form
         * (a table with an initializer expression) is refused: Wasmtime 7 does not accept it either.
         */
        int readTableElementType(long index) {
            int at = position;
            int type = readByte();
            if (type == TABLE_WITH_INITIALIZER) {
                throw new IllegalArgumentException("table " + index + " at offset " + at
                        + " has an initializer expression, which is not supported");
            }
            valTypeName(type);
            return type;
        }

        Limits readLimits() {
            int at = position;
            int flags = readByte();
            if (flags > (LIMITS_HAS_MAX | LIMITS_SHARED | LIMITS_64BIT)) {
                throw new IllegalArgumentException(
                        "limits at offset " + at + " have unknown flags 0x" + Integer.toHexString(flags));
            }
            int bits = (flags & LIMITS_64BIT) != 0 ? 64 : 32;
            long min = readUnsigned(bits);
            OptionalLong max =
                    (flags & LIMITS_HAS_MAX) != 0 ? OptionalLong.of(readUnsigned(bits)) : OptionalLong.empty();
            return new Limits(flags, min, max);
        }
    }
}
