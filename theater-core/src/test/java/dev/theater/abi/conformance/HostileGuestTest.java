package dev.theater.abi.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.abi.AbiException;
import dev.theater.abi.ExportFunction;
import dev.theater.abi.HostImports;
import dev.theater.engine.HostImport;
import dev.theater.engine.InstanceLimits;
import dev.theater.engine.WasmEngine;
import dev.theater.engine.WasmEngines;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmInstance;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitVariant;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitInterface;
import dev.theater.wit.WitPackage;
import dev.theater.wit.WitParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guests that break the rules on purpose, on every engine. Each case ends in a clear error that names the function
 * and the violated rule, and afterwards the host keeps working: the conformance guest still round-trips a value.
 */
class HostileGuestTest {
    private static final String GUEST = "theater:conformance/guest";
    private static final String HOST = "theater:conformance/host";
    private static final WitPackage CONFORMANCE =
            WitParser.parse(AbiConformanceTest.resource("/wit/conformance/conformance.wit"), "conformance.wit");

    private final AtomicInteger hostCalls = new AtomicInteger();
    private final List<WasmInstance> instances = new ArrayList<>();

    @AfterEach
    void closeInstances() {
        instances.forEach(WasmInstance::close);
    }

    private WasmInstance instantiate(String engineName, String guest, InstanceLimits limits) {
        WasmEngine engine = WasmEngines.discover().require(engineName);
        WitInterface host = CONFORMANCE.iface("host").orElseThrow();
        List<HostImport> imports = new ArrayList<>();
        for (WitFunction function : host.functions().values()) {
            imports.add(HostImports.bind(HOST, function, args -> {
                hostCalls.incrementAndGet();
                return args.get(0);
            }));
        }
        byte[] wasm = AbiConformanceTest.bytes("/guests/" + guest + ".wasm");
        var module = engine.compile(wasm);
        List<HostImport> wanted = imports.stream()
                .filter(i -> module.functionImports().stream()
                        .anyMatch(f -> f.module().equals(i.module()) && f.name().equals(i.name())))
                .toList();
        WasmInstance instance = module.instantiate(wanted, limits);
        instances.add(instance);
        return instance;
    }

    private WasmInstance hostile(String engine, String name) {
        return instantiate(engine, "hostile/" + name, InstanceLimits.DEFAULT);
    }

    private static Object callGuest(WasmInstance instance, String function, Object arg) {
        WitFunction f =
                CONFORMANCE.iface("guest").orElseThrow().function(function).orElseThrow();
        return ExportFunction.of(GUEST + "#" + function, f).call(instance, List.of(arg));
    }

    private static WitRecord point(String label) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", 1);
        m.put("y", 2);
        m.put("label", label);
        return new WitRecord(m);
    }

    /** After any hostile case, a well-behaved guest on the same engine still works. */
    private void assertHostKeepsWorking(String engine) {
        WasmInstance good = instantiate(engine, "conformance/conformance", InstanceLimits.DEFAULT);
        assertThat(callGuest(good, "relay-point", point("still here")))
                .usingRecursiveComparison()
                .isEqualTo(point("still here"));
    }

    private void assertAbiViolation(String engine, ThrowingCallable call, AbiException.Rule rule, String function) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(AbiException.class, e -> {
                    assertThat(e.rule()).isEqualTo(rule);
                    assertThat(e.function()).contains(function);
                })
                .hasMessageContaining(function);
        assertHostKeepsWorking(engine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void returnAreaOutOfBoundsIsRefused(String engine) {
        WasmInstance g = hostile(engine, "return-area-out-of-bounds");
        assertAbiViolation(
                engine, () -> callGuest(g, "echo-point", point("x")), AbiException.Rule.BOUNDS, "echo-point");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void misalignedReturnAreaIsRefused(String engine) {
        WasmInstance g = hostile(engine, "return-area-misaligned");
        assertAbiViolation(
                engine, () -> callGuest(g, "echo-point", point("x")), AbiException.Rule.ALIGNMENT, "echo-point");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void listOutOfBoundsIsRefused(String engine) {
        WasmInstance g = hostile(engine, "list-out-of-bounds");
        assertAbiViolation(
                engine, () -> callGuest(g, "echo-strings", List.of("a")), AbiException.Rule.BOUNDS, "echo-strings");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void listLengthOfTwoToThe31IsRefusedWithoutAllocating(String engine) {
        WasmInstance g = hostile(engine, "list-length-huge");
        long before = usedHeap();
        assertThatThrownBy(() -> callGuest(g, "echo-strings", List.of("a")))
                .isInstanceOfSatisfying(AbiException.class, e -> assertThat(e.rule())
                        .isIn(AbiException.Rule.BOUNDS, AbiException.Rule.LIFT_LIMIT))
                .hasMessageContaining("echo-strings");
        // 2^31 strings would need at least 16 GiB of references; far less than 1 GiB was touched.
        assertThat(usedHeap() - before).isLessThan(1L << 30);
        assertHostKeepsWorking(engine);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void invalidUtf8IsRefused(String engine) {
        WasmInstance g = hostile(engine, "string-invalid-utf8");
        assertAbiViolation(engine, () -> callGuest(g, "echo-point", point("x")), AbiException.Rule.UTF8, "echo-point");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void badDiscriminantIsRefused(String engine) {
        WasmInstance g = hostile(engine, "bad-discriminant");
        assertAbiViolation(
                engine,
                () -> callGuest(g, "echo-shape", WitVariant.of("empty")),
                AbiException.Rule.DISCRIMINANT,
                "echo-shape");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void trappingReallocFailsTheCallAsATrap(String engine) {
        WasmInstance g = hostile(engine, "realloc-traps");
        assertThatThrownBy(() -> callGuest(g, "echo-point", point("needs an allocation")))
                .isInstanceOf(WasmException.Trap.class)
                .hasMessageContaining("cabi_realloc");
        assertHostKeepsWorking(engine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void reallocReturningAnOutOfBoundsPointerIsRefused(String engine) {
        WasmInstance g = hostile(engine, "realloc-out-of-bounds");
        assertAbiViolation(
                engine,
                () -> callGuest(g, "echo-point", point("needs an allocation")),
                AbiException.Rule.REALLOC,
                "echo-point");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void importCalledWithAnOutOfBoundsStringNeverReachesTheHostFunction(String engine) {
        WasmInstance g = hostile(engine, "import-string-out-of-bounds");
        assertAbiViolation(engine, () -> g.call("go"), AbiException.Rule.BOUNDS, "echo-point");
        assertThat(hostCalls.get()).isEqualTo(1); // only the host-keeps-working relay
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void importWithAnOutOfBoundsReturnAreaIsRefused(String engine) {
        WasmInstance g = hostile(engine, "import-return-area-out-of-bounds");
        assertAbiViolation(engine, () -> g.call("go"), AbiException.Rule.BOUNDS, "echo-point");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void unreachableIsATrap(String engine) {
        WasmInstance g = hostile(engine, "unreachable");
        assertThatThrownBy(() -> g.call("run")).isInstanceOf(WasmException.Trap.class);
        assertHostKeepsWorking(engine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void infiniteRecursionIsATrapNotAStackOverflowError(String engine) {
        WasmInstance g = hostile(engine, "infinite-recursion");
        assertThatThrownBy(() -> g.call("run"))
                .isInstanceOf(WasmException.Trap.class)
                .hasMessageContaining("stack");
        assertHostKeepsWorking(engine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void infiniteLoopIsInterrupted(String engine) throws Exception {
        WasmInstance g = hostile(engine, "infinite-loop");
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                g.call("run");
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        g.interrupt();
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(WasmException.Interrupted.class);
        assertHostKeepsWorking(engine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void memoryGrowStopsAtTheLimit(String engine) {
        WasmInstance g = instantiate(engine, "hostile/memory-grow", new InstanceLimits(8 * 65536));
        assertThat(g.call("run", 1_000_000)).containsExactly(7);
        assertThat(g.memory().size()).isEqualTo(8 * 65536);
        assertHostKeepsWorking(engine);
    }
}
