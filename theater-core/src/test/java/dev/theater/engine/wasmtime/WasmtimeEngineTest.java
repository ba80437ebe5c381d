package dev.theater.engine.wasmtime;

import static dev.theater.engine.wasmtime.WasmBinaryTest.packageGuest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.FunctionImport;
import dev.theater.engine.HostCallback;
import dev.theater.engine.HostImport;
import dev.theater.engine.InstanceLimits;
import dev.theater.engine.ValType;
import dev.theater.engine.WasmEngine;
import dev.theater.engine.WasmEngineContractTest;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmInstance;
import dev.theater.engine.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WasmtimeEngineTest extends WasmEngineContractTest {
    private static final WasmEngine ENGINE = new WasmtimeEngine();
    private static final String HOST = "test:host/env";
    private static final CoreFunctionType I32_TO_I32 = CoreFunctionType.of(List.of(ValType.I32), List.of(ValType.I32));
    private static final CoreFunctionType NOTHING = CoreFunctionType.of(List.of(), List.of());

    private final List<WasmInstance> opened = new ArrayList<>();

    @Override
    protected WasmEngine engine() {
        return ENGINE;
    }

    @AfterEach
    void closeOpened() {
        opened.forEach(WasmInstance::close);
    }

    private WasmInstance open(String guest, List<HostImport> imports, InstanceLimits limits) {
        WasmInstance instance = ENGINE.compile(packageGuest(guest)).instantiate(imports, limits);
        opened.add(instance);
        return instance;
    }

    private WasmInstance openBasics(HostCallback reenter, HostCallback fail) {
        return openBasics((c, a) -> new long[] {a[0] * 2}, reenter, fail);
    }

    private WasmInstance openBasics(HostCallback twice, HostCallback reenter, HostCallback fail) {
        WasmInstance instance = ENGINE.compile(WasmEngineContractTest.guest("basics"))
                .instantiate(
                        List.of(
                                new HostImport(HOST, "twice", I32_TO_I32, twice),
                                new HostImport(HOST, "reenter", I32_TO_I32, reenter),
                                new HostImport(HOST, "fail", NOTHING, fail)),
                        InstanceLimits.DEFAULT);
        opened.add(instance);
        return instance;
    }

    /** Identity host functions for the floats guest that record the bits they saw. */
    private static List<HostImport> floatIdentities(List<Long> seen) {
        return List.of(
                new HostImport(
                        HOST, "f32-id", CoreFunctionType.of(List.of(ValType.F32), List.of(ValType.F32)), (c, a) -> {
                            seen.add(a[0]);
                            return a;
                        }),
                new HostImport(
                        HOST, "f64-id", CoreFunctionType.of(List.of(ValType.F64), List.of(ValType.F64)), (c, a) -> {
                            seen.add(a[0]);
                            return a;
                        }),
                new HostImport(
                        HOST,
                        "count",
                        CoreFunctionType.of(List.of(ValType.I64, ValType.I32), List.of(ValType.I64)),
                        (c, a) -> new long[] {a[0] + a[1]}));
    }

    @Test
    void signallingNanPayloadsSurviveCallsAndHostFunctionsAfterWarmUp() {
        List<Long> seen = new ArrayList<>();
        WasmInstance instance = open("imports-then-memory", floatIdentities(seen), InstanceLimits.DEFAULT);
        long f32Signalling = 0x7f800001L;
        long f32NegativeSignalling = 0xffa00001; // an int literal: sign-extended, as f32 results are
        long f64Signalling = 0x7ff0000000000001L;
        long f64NegativeSignalling = 0xfff4000000000abcL;

        for (int i = 0; i < 20_000; i++) {
            assertThat(instance.call("call-f32", f32Signalling)).containsExactly(f32Signalling);
            assertThat(instance.call("call-f32", f32NegativeSignalling)).containsExactly(f32NegativeSignalling);
            assertThat(instance.call("call-f64", f64Signalling)).containsExactly(f64Signalling);
            assertThat(instance.call("call-f64", f64NegativeSignalling)).containsExactly(f64NegativeSignalling);
        }
        assertThat(seen.subList(0, 4))
                .containsExactly(f32Signalling, f32NegativeSignalling, f64Signalling, f64NegativeSignalling);
    }

    @Test
    void f32ResultsAreSignExtendedLikeI32() {
        WasmInstance instance = open("imports-then-memory", floatIdentities(new ArrayList<>()), InstanceLimits.DEFAULT);
        int negativeOne = Float.floatToRawIntBits(-1.0f);

        assertThat(instance.call("call-f32", negativeOne & 0xffffffffL)).containsExactly((long) negativeOne);
    }

    @Test
    void memoryLimitAppliesToAModuleWhoseImportsPrecedeItsMemory() {
        WasmInstance instance =
                open("imports-then-memory", floatIdentities(new ArrayList<>()), new InstanceLimits(5 * 65536));

        assertThat(instance.call("grow", 3)).containsExactly(2);
        assertThat(instance.call("grow", 1)).containsExactly(-1);
        assertThat(instance.memory().size()).isEqualTo(5 * 65536);
        assertThat(instance.memory().read(16, 7)).asString().isEqualTo("theater");
        assertThat(instance.call("call-count", 40, 2)).containsExactly(42);
    }

    @Test
    void instancesWithDifferentLimitsOfOneModuleGrowToTheirOwnLimit() {
        WasmModule module = ENGINE.compile(packageGuest("memory-with-max"));
        try (WasmInstance two = module.instantiate(List.of(), new InstanceLimits(2 * 65536));
                WasmInstance declared = module.instantiate(List.of(), InstanceLimits.DEFAULT)) {
            assertThat(two.call("grow", 2)).containsExactly(-1);
            assertThat(two.call("grow", 1)).containsExactly(1);
            assertThat(declared.call("grow", 9)).containsExactly(1);
            assertThat(declared.call("grow", 1)).containsExactly(-1);
        }
    }

    @Test
    void initialMemoryAboveTheLimitNamesTheSizesAndTheManifestKey() {
        WasmModule module = ENGINE.compile(WasmEngineContractTest.guest("big-memory"));

        assertThatThrownBy(() -> module.instantiate(List.of(), new InstanceLimits(1 << 20)))
                .isInstanceOf(WasmException.Link.class)
                .hasMessageContaining("32 pages (2097152 bytes)")
                .hasMessageContaining("16 pages (1048576 bytes)")
                .hasMessageContaining("[limits] memory");
    }

    @Test
    void tablesStartingAboveTheTableLimitFailInstantiationNamingTheLimit() {
        WasmModule module = ENGINE.compile(packageGuest("huge-table"));

        assertThatThrownBy(() -> module.instantiate(List.of(), InstanceLimits.DEFAULT))
                .isInstanceOf(WasmException.Link.class)
                .hasMessageContaining("2 table(s) start with 12000000 elements")
                .hasMessageContaining("at most 10000000 table elements");
    }

    @Test
    void severalTablesShareTheTableLimit() {
        WasmInstance instance = open("two-tables", List.of(), InstanceLimits.DEFAULT);
        long share = (WasmtimeModule.MAX_TABLE_ELEMENTS - 2 - 3) / 2;

        assertThat(instance.call("grow-b", (int) share + 1)).containsExactly(-1);
        assertThat(instance.call("grow-b", (int) share)).containsExactly(3);
    }

    @Test
    void hostAccessToAMemoryOfTwoGibibytesFailsSayingTheLimitMustBeBelowIt() {
        WasmInstance instance = open("two-gib-memory", List.of(), InstanceLimits.DEFAULT);

        assertThat(instance.call("size")).containsExactly(32768);
        assertThatThrownBy(() -> instance.memory().readByte(0))
                .isInstanceOf(WasmException.OutOfBounds.class)
                .hasMessageContaining("2147483648 bytes")
                .hasMessageContaining("below 2 GiB (at most 2047MiB)");
    }

    @Test
    void importedMemoryIsALinkErrorNamingIt() {
        WasmModule module = ENGINE.compile(packageGuest("imported-memory"));

        assertThat(module.functionImports()).isEmpty();
        assertThatThrownBy(() -> module.instantiate(List.of(), InstanceLimits.DEFAULT))
                .isInstanceOf(WasmException.Link.class)
                .hasMessageContaining("memory env#memory");
    }

    @Test
    void moduleWithoutMemoryRunsButRefusesMemoryAccess() {
        WasmInstance instance = open("no-memory", List.of(), new InstanceLimits(0));

        assertThat(instance.call("answer")).containsExactly(42);
        assertThatThrownBy(instance::memory)
                .isInstanceOf(WasmException.Link.class)
                .hasMessageContaining("'memory'");
    }

    @Test
    void startFunctionTrapFailsInstantiationWithATrap() {
        WasmModule module = ENGINE.compile(packageGuest("start-traps"));

        assertThatThrownBy(() -> module.instantiate(List.of(), InstanceLimits.DEFAULT))
                .isInstanceOf(WasmException.Trap.class)
                .hasMessageContaining("start function");
    }

    @Test
    void exceptionFromAHostFunctionCalledByTheStartFunctionSurfacesUnchanged() {
        IllegalStateException failure = new IllegalStateException("no start for you");
        WasmModule module = ENGINE.compile(packageGuest("start-calls-host"));

        assertThatThrownBy(() -> module.instantiate(
                        List.of(new HostImport(HOST, "fail", NOTHING, (c, a) -> {
                            throw failure;
                        })),
                        InstanceLimits.DEFAULT))
                .isSameAs(failure);
    }

    @Test
    void vectorTypesAreRefusedAtLinkAndCallTime() {
        WasmModule module = ENGINE.compile(packageGuest("v128"));

        assertThat(module.functionImports()).isEmpty();
        assertThat(module.functionExports()).isEmpty();
        assertThatThrownBy(() -> module.instantiate(List.of(), InstanceLimits.DEFAULT))
                .isInstanceOf(WasmException.Link.class)
                .hasMessageContaining("test:host/env#vector (func (param v128))");
    }

    @Test
    void exceptionThrownThroughANestedCallSurfacesUnchanged() {
        IllegalArgumentException failure = new IllegalArgumentException("deep failure");
        WasmInstance instance = openBasics((caller, args) -> caller.call("call-fail"), (caller, args) -> {
            throw failure;
        });

        assertThatThrownBy(() -> instance.call("call-reenter", 1)).isSameAs(failure);
        assertThat(instance.call("call-twice", 4)).containsExactly(8);
    }

    @Test
    void hostFunctionMayCatchAFailedNestedCallAndReturnNormally() {
        WasmInstance instance = openBasics(
                (caller, args) -> {
                    try {
                        caller.call("boom");
                        return new long[] {0};
                    } catch (WasmException.Trap e) {
                        return new long[] {-1};
                    }
                },
                (caller, args) -> new long[0]);

        assertThat(instance.call("call-reenter", 1)).containsExactly(-1);
    }

    @Test
    void hostFunctionReturningTheWrongNumberOfResultsFailsTheCallSayingSo() {
        WasmInstance instance = openBasics((caller, args) -> new long[0], (caller, args) -> new long[0]);

        assertThatThrownBy(() -> instance.call("call-reenter", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test:host/env#reenter returned 0 values")
                .hasMessageContaining("1 results");
    }

    @Test
    void callWithTheWrongNumberOfArgumentsIsALinkError() {
        WasmInstance instance = openBasics((c, a) -> a, (c, a) -> new long[0]);

        assertThatThrownBy(() -> instance.call("add", 1))
                .isInstanceOf(WasmException.Link.class)
                .hasMessageContaining("takes 2 arguments, but 1 were passed");
    }

    @Test
    void moduleListsImportsInDeclarationOrder() {
        WasmModule module = ENGINE.compile(packageGuest("imports-then-memory"));

        assertThat(module.functionImports())
                .extracting(FunctionImport::name)
                .containsExactly("f32-id", "f64-id", "count");
    }

    @Test
    void closeIsIdempotentAndLaterUseFailsClearly() {
        WasmInstance instance = openBasics((c, a) -> a, (c, a) -> new long[0]);

        instance.close();
        instance.close();
        instance.interrupt();

        assertThatThrownBy(() -> instance.call("add", 1, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(instance::memory).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeFromInsideAHostFunctionIsRefused() {
        AtomicReference<Throwable> refused = new AtomicReference<>();
        WasmInstance instance = openBasics(
                (caller, args) -> {
                    try {
                        caller.close();
                    } catch (IllegalStateException e) {
                        refused.set(e);
                    }
                    return args;
                },
                (c, a) -> new long[0]);

        assertThat(instance.call("call-reenter", 3)).containsExactly(3);
        assertThat(refused.get()).hasMessageContaining("inside one of its own calls");
    }

    @Test
    void closeFromAnotherThreadWaitsForTheRunningCall() throws Exception {
        CompletableFuture<Void> running = new CompletableFuture<>();
        WasmInstance instance = openBasics(
                (c, a) -> {
                    running.complete(null);
                    return a;
                },
                (c, a) -> a,
                (c, a) -> new long[0]);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                instance.call("spin-calls");
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        running.get(10, TimeUnit.SECONDS);

        CompletableFuture<Void> closed = CompletableFuture.runAsync(instance::close);
        instance.interrupt();

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(WasmException.Interrupted.class);
        closed.get(10, TimeUnit.SECONDS);
        runner.join();
        assertThatThrownBy(() -> instance.call("add", 1, 2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void memorySizeFromAnotherThreadDoesNotWaitForARunningCall() throws Exception {
        CompletableFuture<Void> running = new CompletableFuture<>();
        WasmInstance instance = openBasics(
                (c, a) -> {
                    running.complete(null);
                    return a;
                },
                (c, a) -> a,
                (c, a) -> new long[0]);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                instance.call("spin-calls");
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        running.get(10, TimeUnit.SECONDS);

        long size =
                CompletableFuture.supplyAsync(() -> instance.memory().size()).get(10, TimeUnit.SECONDS);

        instance.interrupt();
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(WasmException.Interrupted.class);
        runner.join();
        assertThat(size).isEqualTo(65536);
    }

    @Test
    void hostFunctionSeesMemoryTheGuestGrewBeforeCallingIt() {
        AtomicReference<Long> sizeSeen = new AtomicReference<>();
        WasmInstance instance = openBasics(
                (caller, args) -> {
                    caller.call("grow", 2);
                    sizeSeen.set(caller.memory().size());
                    caller.memory().writeInt(3 * 65536 - 4, 7);
                    return new long[] {caller.memory().readInt(3 * 65536 - 4)};
                },
                (c, a) -> new long[0]);

        assertThat(instance.call("call-reenter", 0)).containsExactly(7);
        assertThat(sizeSeen.get()).isEqualTo(3 * 65536L);
        assertThat(instance.call("load", 3 * 65536 - 4)).containsExactly(7);
    }
}
