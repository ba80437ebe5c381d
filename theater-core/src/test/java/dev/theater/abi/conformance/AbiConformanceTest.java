package dev.theater.abi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.abi.ExportFunction;
import dev.theater.abi.HostImports;
import dev.theater.engine.HostImport;
import dev.theater.engine.InstanceLimits;
import dev.theater.engine.WasmEngine;
import dev.theater.engine.WasmEngines;
import dev.theater.engine.WasmInstance;
import dev.theater.spi.WitEnum;
import dev.theater.spi.WitFlags;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitTuple;
import dev.theater.spi.WitVariant;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitInterface;
import dev.theater.wit.WitPackage;
import dev.theater.wit.WitParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance guests round-trip every WIT type family through an export ({@code echo-*}: the guest lifts into its
 * language's values and lowers a fresh copy) and through a host import ({@code relay-*}: guest lowers, host lifts,
 * host lowers, guest lifts), on every engine. The values must come back equal, NaN payloads and integer extremes
 * included. The same checks run against each guest SDK's ABI helpers: the C guest ({@code theater.h}), the Rust guest
 * ({@code theater-guest} crate) and the AssemblyScript guest ({@code theater-guest} package).
 */
class AbiConformanceTest {
    private static final String GUEST = "theater:conformance/guest";
    private static final String HOST = "theater:conformance/host";
    private static final WitPackage CONFORMANCE =
            WitParser.parse(resource("/wit/conformance/conformance.wit"), "conformance.wit");
    private static final Map<String, byte[]> GUESTS = Map.of(
            "c", bytes("/guests/conformance/conformance.wasm"),
            "rust", bytes("/guests/conformance/conformance-rust.wasm"),
            "assemblyscript", bytes("/guests/conformance/conformance-assemblyscript.wasm"));

    private final AtomicInteger hostCalls = new AtomicInteger();
    private WasmInstance instance;

    @AfterEach
    void close() {
        if (instance != null) {
            instance.close();
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String guest : List.of("c", "rust", "assemblyscript")) {
            for (String engine : List.of("chicory", "wasmtime")) {
                for (String mode : List.of("echo", "relay")) {
                    for (Map.Entry<String, List<List<Object>>> family :
                            families().entrySet()) {
                        for (List<Object> args : family.getValue()) {
                            cases.add(Arguments.of(guest, engine, mode, family.getKey(), args));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} guest on {1}: {2}-{3} {4}")
    @MethodSource("cases")
    void valueComesBackEqual(String guest, String engine, String mode, String family, List<Object> args) {
        instantiate(guest, engine);
        WitFunction function = guestInterface().function(mode + "-" + family).orElseThrow();
        long liveBefore = instance.call("test-live-allocations")[0];
        Object result =
                ExportFunction.of(GUEST + "#" + mode + "-" + family, function).call(instance, args);

        Object expected = family.equals("floats") ? WitTuple.of(args.get(0), args.get(1)) : args.get(0);
        if (family.equals("floats")) {
            // Field-by-field comparison treats NaN as unequal to itself; the bit comparison below is the check.
            assertThat(result).isInstanceOf(WitTuple.class);
            assertThat(((WitTuple) result).elements()).hasSize(2);
        } else {
            assertThat(result).usingRecursiveComparison().isEqualTo(expected);
        }
        assertSameFloatBits(result, expected);
        assertThat(hostCalls.get()).isEqualTo(mode.equals("relay") ? 1 : 0);
        // Everything the host allocated in the guest was freed by the guest, and every result the guest allocated
        // was released by the host through cabi_post_*: no leak on either side.
        assertThat(instance.call("test-live-allocations")[0]).isEqualTo(liveBefore);
    }

    private void instantiate(String guest, String engineName) {
        WasmEngine engine = WasmEngines.discover().require(engineName);
        WitInterface host = CONFORMANCE.iface("host").orElseThrow();
        List<HostImport> imports = new ArrayList<>();
        for (WitFunction function : host.functions().values()) {
            imports.add(HostImports.bind(HOST, function, args -> {
                hostCalls.incrementAndGet();
                return function.name().equals("echo-floats") ? WitTuple.of(args.get(0), args.get(1)) : args.get(0);
            }));
        }
        instance = engine.compile(GUESTS.get(guest)).instantiate(imports, InstanceLimits.DEFAULT);
    }

    private static WitInterface guestInterface() {
        return CONFORMANCE.iface("guest").orElseThrow();
    }

    /**
     * Compares raw bits (so -0.0 is not 0.0). A NaN only has to come back as a NaN: the canonical ABI lets a lift
     * canonicalise NaN payloads, and the C guest does (the host keeps the bits; see docs/abi.md).
     */
    private static void assertSameFloatBits(Object actual, Object expected) {
        if (expected instanceof Float f) {
            if (f.isNaN()) {
                assertThat((Float) actual).isNaN();
            } else {
                assertThat(Float.floatToRawIntBits((Float) actual)).isEqualTo(Float.floatToRawIntBits(f));
            }
        } else if (expected instanceof Double d) {
            if (d.isNaN()) {
                assertThat((Double) actual).isNaN();
            } else {
                assertThat(Double.doubleToRawLongBits((Double) actual)).isEqualTo(Double.doubleToRawLongBits(d));
            }
        } else if (expected instanceof WitTuple t) {
            for (int i = 0; i < t.elements().size(); i++) {
                assertSameFloatBits(((WitTuple) actual).get(i), t.get(i));
            }
        }
    }

    private static Map<String, List<List<Object>>> families() {
        Map<String, List<List<Object>>> f = new LinkedHashMap<>();
        WitRecord point = point(1, -2, "hi");
        f.put(
                "point",
                List.of(
                        List.of(point),
                        List.of(point(Integer.MIN_VALUE, Integer.MAX_VALUE, "")),
                        List.of(point(0, 0, "ünïcödé 🎭 ✓"))));
        f.put(
                "shape",
                List.of(
                        List.of(new WitVariant("circle", 2.5d)),
                        List.of(new WitVariant("rect", point)),
                        List.of(new WitVariant("named", "hexagon")),
                        List.of(WitVariant.of("empty"))));
        f.put(
                "color",
                List.of(List.of(new WitEnum("red")), List.of(new WitEnum("green")), List.of(new WitEnum("blue"))));
        f.put(
                "perms",
                List.of(
                        List.of(WitFlags.of()),
                        List.of(WitFlags.of("read", "exec")),
                        List.of(WitFlags.of("read", "write", "exec"))));
        f.put(
                "nested",
                List.of(
                        List.of(Optional.empty()),
                        List.of(Optional.of(WitResult.ok(Optional.empty()))),
                        List.of(Optional.of(WitResult.ok(Optional.of("deep")))),
                        List.of(Optional.of(WitResult.err(new byte[] {0, 1, (byte) 0xff, 42}))),
                        List.of(Optional.of(WitResult.err(new byte[0])))));
        f.put("strings", List.of(List.of(List.of()), List.of(List.of("a", "", "ünïcödé", "🎭🎭", "x".repeat(1000)))));
        f.put(
                "quad",
                List.of(
                        List.of(WitTuple.of((byte) 255, "q", 1.5d, true)),
                        List.of(WitTuple.of((byte) 0, "", Double.NEGATIVE_INFINITY, false))));
        f.put(
                "char",
                List.of(
                        List.of(0x41),
                        List.of(0xE9),
                        List.of(0x1F3AD),
                        List.of(0x10FFFF),
                        List.of(0),
                        List.of(0xD7FF),
                        List.of(0xE000)));
        f.put(
                "extremes",
                List.of(
                        List.of(extremes(
                                -1L,
                                Long.MIN_VALUE,
                                -1,
                                Integer.MIN_VALUE,
                                (short) -1,
                                Short.MIN_VALUE,
                                (byte) -1,
                                Byte.MIN_VALUE)),
                        List.of(extremes(
                                0L,
                                Long.MAX_VALUE,
                                0,
                                Integer.MAX_VALUE,
                                (short) 0,
                                Short.MAX_VALUE,
                                (byte) 0,
                                Byte.MAX_VALUE))));
        f.put(
                "floats",
                List.of(
                        List.of(1.25f, -0.0d),
                        List.of(Float.intBitsToFloat(0x7fc00123), Double.longBitsToDouble(0x7ff8000000000abcL)),
                        List.of(Float.intBitsToFloat(0xffa00001), Double.longBitsToDouble(0xfff0000000000001L)),
                        List.of(Float.MIN_VALUE, Double.MAX_VALUE)));
        Map<String, Object> wide = new LinkedHashMap<>();
        for (int i = 0; i <= 16; i++) {
            wide.put("f" + i, i == 16 ? Integer.MIN_VALUE : i * 1000 - 7);
        }
        f.put("wide", List.of(List.of(new WitRecord(wide))));
        return f;
    }

    private static WitRecord point(int x, int y, String label) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", x);
        m.put("y", y);
        m.put("label", label);
        return new WitRecord(m);
    }

    private static WitRecord extremes(long a, long b, int c, int d, short e, short f, byte g, byte h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        m.put("c", c);
        m.put("d", d);
        m.put("e", e);
        m.put("f", f);
        m.put("g", g);
        m.put("h", h);
        return new WitRecord(m);
    }

    static String resource(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String name) {
        try (InputStream in = AbiConformanceTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing; run scripts/build-guests");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
