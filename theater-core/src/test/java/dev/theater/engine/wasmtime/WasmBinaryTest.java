package dev.theater.engine.wasmtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.ValType;
import dev.theater.engine.wasmtime.ModuleShape.Kind;
import dev.theater.engine.wasmtime.ModuleShape.MemoryLimits;
import dev.theater.engine.wasmtime.ModuleShape.TableLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class WasmBinaryTest {
    private static final int TABLE_SECTION = 4;
    private static final int MEMORY_SECTION = 5;

    static byte[] packageGuest(String name) {
        try (InputStream in = WasmBinaryTest.class.getResourceAsStream(name + ".wasm")) {
            if (in == null) {
                throw new IllegalStateException(
                        "test guest " + name + ".wasm is missing; compile " + name + ".wat with wat2wasm next to it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void memoryWithoutMaximumGetsTheLimitAsItsMaximum() {
        byte[] wasm = packageGuest("imports-then-memory");

        byte[] limited = WasmBinary.withMemoryMaximum(wasm, 3);

        assertThat(WasmBinary.shape(wasm).definedMemory()).contains(new MemoryLimits(2, OptionalLong.empty()));
        assertThat(WasmBinary.shape(limited).definedMemory()).contains(new MemoryLimits(2, OptionalLong.of(3)));
    }

    @Test
    void rewritingChangesOnlyTheMemorySectionAndKeepsImportsBeforeIt() {
        byte[] wasm = packageGuest("imports-then-memory");

        byte[] limited = WasmBinary.withMemoryMaximum(wasm, 3);

        List<Section> before = sections(wasm);
        List<Section> after = sections(limited);
        assertThat(after)
                .extracting(Section::id)
                .containsExactlyElementsOf(before.stream().map(Section::id).toList());
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).id() != MEMORY_SECTION) {
                assertThat(after.get(i).payload()).isEqualTo(before.get(i).payload());
            }
        }
        assertThat(payload(after, MEMORY_SECTION)).containsExactly(1, 0x01, 2, 3);
        assertThat(WasmBinary.shape(limited).imports())
                .isEqualTo(WasmBinary.shape(wasm).imports());
        assertThat(WasmBinary.shape(limited).exports())
                .isEqualTo(WasmBinary.shape(wasm).exports());
    }

    @Test
    void wholeAddressSpaceLimitIsEncodedAsAThreeByteLeb128() {
        byte[] limited = WasmBinary.withMemoryMaximum(packageGuest("imports-then-memory"), WasmBinary.MAX_PAGES_32);

        assertThat(payload(sections(limited), MEMORY_SECTION)).containsExactly(1, 0x01, 2, 0x80, 0x80, 0x04);
        assertThat(WasmBinary.shape(limited).definedMemory())
                .contains(new MemoryLimits(2, OptionalLong.of(WasmBinary.MAX_PAGES_32)));
    }

    @Test
    void lowerDeclaredMaximumIsKept() {
        byte[] wasm = packageGuest("memory-with-max");

        assertThat(WasmBinary.withMemoryMaximum(wasm, 20)).isSameAs(wasm);
        assertThat(WasmBinary.withMemoryMaximum(wasm, 10)).isSameAs(wasm);
        assertThat(WasmBinary.shape(WasmBinary.withMemoryMaximum(wasm, 4)).definedMemory())
                .contains(new MemoryLimits(1, OptionalLong.of(4)));
    }

    @Test
    void moduleWithoutADefinedMemoryIsReturnedUnchanged() {
        byte[] noMemory = packageGuest("no-memory");
        byte[] importedMemory = packageGuest("imported-memory");

        assertThat(WasmBinary.withMemoryMaximum(noMemory, 1)).isSameAs(noMemory);
        assertThat(WasmBinary.withMemoryMaximum(importedMemory, 0)).isSameAs(importedMemory);
        assertThat(WasmBinary.shape(importedMemory).definedMemory()).isEmpty();
    }

    @Test
    void initialMemoryAboveTheMaximumIsRefused() {
        assertThatThrownBy(() -> WasmBinary.withMemoryMaximum(packageGuest("imports-then-memory"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts at 2 pages")
                .hasMessageContaining("maximum of 1 pages");
    }

    @Test
    void rewrittenModuleIsValidForWasmtime() {
        byte[] limited = WasmBinary.withMemoryMaximum(packageGuest("imports-then-memory"), 7);

        assertThat(new WasmtimeEngine().compile(limited).functionImports()).hasSize(3);
    }

    @Test
    void tableMaximaAreLoweredAndALowerDeclaredMaximumIsKept() {
        byte[] wasm = packageGuest("two-tables");

        byte[] limited = WasmBinary.withTableMaxima(wasm, new long[] {10, 20});

        assertThat(WasmBinary.shape(wasm).definedTables())
                .containsExactly(new TableLimits(2, OptionalLong.of(4)), new TableLimits(3, OptionalLong.empty()));
        assertThat(WasmBinary.shape(limited).definedTables())
                .containsExactly(new TableLimits(2, OptionalLong.of(4)), new TableLimits(3, OptionalLong.of(20)));
        assertThat(payload(sections(limited), TABLE_SECTION)).containsExactly(2, 0x70, 0x01, 2, 4, 0x6f, 0x01, 3, 20);
        assertThat(WasmBinary.withTableMaxima(wasm, new long[] {10, 3})).isNotSameAs(wasm);
        assertThat(WasmBinary.withTableMaxima(limited, new long[] {10, 20})).isSameAs(limited);
    }

    @Test
    void tableStartingAboveItsMaximumIsRefused() {
        assertThatThrownBy(() -> WasmBinary.withTableMaxima(packageGuest("two-tables"), new long[] {1, 20}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table 0 starts at 2 elements, above the maximum of 1 elements");
    }

    @Test
    void shapeListsImportsAndExportsInDeclarationOrderWithCoreTypes() {
        ModuleShape shape = WasmBinary.shape(packageGuest("imports-then-memory"));

        assertThat(shape.imports()).extracting(ModuleShape.Import::name).containsExactly("f32-id", "f64-id", "count");
        assertThat(shape.imports().get(2).functionType())
                .contains(CoreFunctionType.of(List.of(ValType.I64, ValType.I32), List.of(ValType.I64)));
        assertThat(shape.exports().keySet())
                .containsExactly("memory", "call-f32", "call-f64", "call-count", "grow", "size");
        assertThat(shape.exports().get("memory").kind()).isEqualTo(Kind.MEMORY);
    }

    @Test
    void typesBeyondNumbersAreDescribedButNotExpressed() {
        ModuleShape shape = WasmBinary.shape(packageGuest("v128"));

        assertThat(shape.imports().get(0).functionType()).isEmpty();
        assertThat(shape.imports().get(0).typeText()).isEqualTo("(func (param v128))");
        assertThat(shape.exports().get("lane").typeText()).isEqualTo("(func (param v128) (result i32))");
    }

    @Test
    void importedMemoryIsDescribedWithItsLimits() {
        ModuleShape.Import memory =
                WasmBinary.shape(packageGuest("imported-memory")).imports().get(0);

        assertThat(memory.kind()).isEqualTo(Kind.MEMORY);
        assertThat(memory.typeText()).isEqualTo("(memory 1)");
    }

    @Test
    void truncatedModuleIsRefusedNamingTheProblem() {
        byte[] wasm = packageGuest("imports-then-memory");
        byte[] truncated = Arrays.copyOf(wasm, 40);

        assertThatThrownBy(() -> WasmBinary.shape(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> WasmBinary.withMemoryMaximum(new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header");
    }

    @Property
    void leb128RoundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        WasmBinary.writeUnsigned(out, value);

        byte[] encoded = out.toByteArray();
        int significantBits = Math.max(1, 64 - Long.numberOfLeadingZeros(value));
        assertThat(encoded).hasSize((significantBits + 6) / 7);
        assertThat(WasmBinary.readUnsigned(encoded, 0, 64)).isEqualTo(value);
    }

    @Test
    void leb128BeyondThirtyTwoBitsIsRefusedForU32() {
        byte[] max = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        byte[] tooBig = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x1f};
        byte[] tooLong = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00};

        assertThat(WasmBinary.readUnsigned(max, 0, 32)).isEqualTo(0xffffffffL);
        assertThatThrownBy(() -> WasmBinary.readUnsigned(tooBig, 0, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bits");
        assertThatThrownBy(() -> WasmBinary.readUnsigned(tooLong, 0, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bits");
    }

    private record Section(int id, byte[] payload) {}

    /** Splits a module into its sections, independently of the code under test. */
    private static List<Section> sections(byte[] wasm) {
        List<Section> sections = new ArrayList<>();
        int position = 8;
        while (position < wasm.length) {
            int id = wasm[position++];
            long size = 0;
            int shift = 0;
            int b;
            do {
                b = wasm[position++] & 0xff;
                size |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            sections.add(new Section(id, Arrays.copyOfRange(wasm, position, position + (int) size)));
            position += (int) size;
        }
        return sections;
    }

    private static int[] payload(List<Section> sections, int id) {
        Optional<Section> section = sections.stream().filter(s -> s.id() == id).findFirst();
        byte[] bytes = section.orElseThrow().payload();
        int[] unsigned = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            unsigned[i] = bytes[i] & 0xff;
        }
        return unsigned;
    }
}
