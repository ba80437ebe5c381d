package dev.theater.engine;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link WasmEngine} must have. Each engine's test extends this class; the same guests and the
 * same assertions run on all of them.
 */
public abstract class WasmEngineContractTest {
    private static final String HOST = "test:host/env";
    private static final CoreFunctionType I32_TO_I32 = CoreFunctionType.of(List.of(ValType.I32), List.of(ValType.I32));

    /** The most elements a guest's tables may hold: what a 10,000,000-element table costs the host is bounded. */
    private static final int TABLE_LIMIT = 10_000_000;

    private WasmInstance instance;

    protected abstract WasmEngine engine();

    @AfterEach
    void closeInstance() {
        if (instance != null) {
            instance.close();
        }
    }

    protected static byte[] guest(String name) {
        String resource = "/guests/engine/" + name + ".wasm";
        try (InputStream in = WasmEngineContractTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test guest " + resource + " is missing; run scripts/build-guests");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Completed when the guest announces (by calling {@code twice(-1)}) that it enters its loop. */
    private final CompletableFuture<Void> looping = new CompletableFuture<>();

    private List<HostImport> hostImports(AtomicReference<RuntimeException> toThrow) {
        return List.of(
                new HostImport(HOST, "twice", I32_TO_I32, (caller, args) -> {
                    if ((int) args[0] == -1) {
                        looping.complete(null);
                    }
                    return new long[] {(int) args[0] * 2};
                }),
                new HostImport(HOST, "reenter", I32_TO_I32, (caller, args) ->
                        new long[] {caller.call("add", args[0], 100)[0]}),
                new HostImport(HOST, "fail", CoreFunctionType.of(List.of(), List.of()), (caller, args) -> {
                    throw toThrow.get();
                }));
    }

    private WasmInstance basics() {
        return basics(InstanceLimits.DEFAULT);
    }

    private WasmInstance basics(InstanceLimits limits) {
        WasmModule module = engine().compile(guest("basics"));
        instance = module.instantiate(
                hostImports(new AtomicReference<>(new IllegalStateException("host failure"))), limits);
        return instance;
    }

    @Test
    void callsAnExportWithI32Arguments() {
        assertThat(basics().call("add", 2, 3)).containsExactly(5);
        assertThat(instance.call("add", -7, 2)).containsExactly(-5);
    }

    @Test
    void i64ExtremesCrossUnchanged() {
        basics();
        assertThat(instance.call("add64", Long.MIN_VALUE, 0)).containsExactly(Long.MIN_VALUE);
        assertThat(instance.call("add64", -1L, 0)).containsExactly(-1L);
        assertThat(instance.call("add64", Long.MAX_VALUE, 0)).containsExactly(Long.MAX_VALUE);
    }

    @Test
    void floatBitPatternsIncludingNanSurvive() {
        basics();
        int nanBits = 0x7fc00123;
        assertThat(instance.call("id-f32", nanBits)[0] & 0xffffffffL).isEqualTo(nanBits & 0xffffffffL);
        long dnan = 0x7ff8000000000abcL;
        assertThat(instance.call("id-f64", dnan)).containsExactly(dnan);
        long minusZero = Double.doubleToRawLongBits(-0.0);
        assertThat(instance.call("id-f64", minusZero)).containsExactly(minusZero);
    }

    @Test
    void multipleResultsComeBackInOrder() {
        assertThat(basics().call("pair", 7, 1L << 40)).containsExactly(1L << 40, 7);
    }

    @Test
    void moduleListsItsImportsAndExportsWithCoreTypes() {
        WasmModule module = engine().compile(guest("basics"));
        assertThat(module.functionImports()).contains(new FunctionImport(HOST, "twice", I32_TO_I32));
        assertThat(module.functionExports())
                .contains(new FunctionExport(
                        "pair",
                        CoreFunctionType.of(List.of(ValType.I32, ValType.I64), List.of(ValType.I64, ValType.I32))));
        assertThat(module.engine()).isEqualTo(engine().name());
    }

    @Test
    void exportTypeIsReportedAndUnknownExportIsEmpty() {
        basics();
        assertThat(instance.exportType("add"))
                .contains(CoreFunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)));
        assertThat(instance.exportType("nope")).isEmpty();
    }

    @Test
    void callingAnUnknownExportIsALinkErrorNamingIt() {
        basics();
        assertThatThrownBy(() -> instance.call("nope"))
                .isInstanceOf(WasmException.Link.class)
                .hasMessageContaining("nope");
    }

    @Test
    void guestCallsHostImport() {
        assertThat(basics().call("call-twice", 21)).containsExactly(42);
    }

    @Test
    void hostCallbackMayCallBackIntoTheSameInstance() {
        assertThat(basics().call("call-reenter", 5)).containsExactly(105);
    }

    @Test
    void exceptionFromHostCallbackSurfacesUnchanged() {
        IllegalStateException failure = new IllegalStateException("host failure");
        WasmModule module = engine().compile(guest("basics"));
        instance = module.instantiate(hostImports(new AtomicReference<>(failure)), InstanceLimits.DEFAULT);
        assertThatThrownBy(() -> instance.call("call-fail")).isSameAs(failure);
        assertThat(instance.call("add", 1, 1)).containsExactly(2);
    }

    @Test
    void missingImportFailsInstantiationNamingIt() {
        WasmModule module = engine().compile(guest("basics"));
        assertThatThrownBy(() -> module.instantiate(List.of(), InstanceLimits.DEFAULT))
                .isInstanceOf(WasmException.Link.class)
                .hasMessageContaining("test:host/env")
                .hasMessageContaining("twice");
    }

    @Test
    void mistypedImportFailsInstantiationNamingIt() {
        WasmModule module = engine().compile(guest("basics"));
        List<HostImport> imports = new ArrayList<>(hostImports(new AtomicReference<>()));
        imports.set(
                0,
                new HostImport(
                        HOST, "twice", CoreFunctionType.of(List.of(ValType.I64), List.of(ValType.I64)), (c, a) -> a));
        assertThatThrownBy(() -> module.instantiate(imports, InstanceLimits.DEFAULT))
                .isInstanceOf(WasmException.Link.class)
                .hasMessageContaining("twice");
    }

    @Test
    void invalidBytesFailToCompileWithAClearError() {
        assertThatThrownBy(() -> engine().compile(new byte[] {0, 'a', 's', 'm', 9, 9, 9, 9}))
                .isInstanceOf(WasmException.Compile.class)
                .hasMessageNotContaining("null");
    }

    @Test
    void bytesThatAreNotAModuleAreRefusedWithoutQuotingThem() {
        byte[] secret = "password=hunter2\n".getBytes(US_ASCII);

        assertThatThrownBy(() -> engine().compile(secret))
                .isInstanceOf(WasmException.Compile.class)
                .hasMessageContaining("not a wasm module (17 bytes)")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("112");
        assertThatThrownBy(() -> engine().compile(" (module)".getBytes(US_ASCII)))
                .hasMessageContaining("wat2wasm");
        assertThatThrownBy(() -> engine().compile(new byte[0])).hasMessageContaining("(0 bytes)");
    }

    @Test
    void hostSeesGuestWritesAndGuestSeesHostWrites() {
        basics();
        instance.call("store", 64, 0x01020304);
        assertThat(instance.memory().readInt(64)).isEqualTo(0x01020304);
        assertThat(instance.memory().readByte(64)).isEqualTo((byte) 0x04);
        instance.memory().writeLong(128, 0x1122334455667788L);
        assertThat(instance.call("load", 128)).containsExactly(0x55667788);
        instance.memory().write(256, new byte[] {1, 2, 3});
        assertThat(instance.memory().read(256, 3)).containsExactly(1, 2, 3);
    }

    @Test
    void hostAccessOutsideGuestMemoryIsRefused() {
        basics();
        long size = instance.memory().size();
        assertThat(size).isEqualTo(65536);
        assertThatThrownBy(() -> instance.memory().readInt((int) size - 2))
                .isInstanceOf(WasmException.OutOfBounds.class);
        assertThatThrownBy(() -> instance.memory().read(-1, 1)).isInstanceOf(WasmException.OutOfBounds.class);
        assertThatThrownBy(() -> instance.memory().read(10, Integer.MAX_VALUE))
                .isInstanceOf(WasmException.OutOfBounds.class);
        assertThatThrownBy(() -> instance.memory().write((int) size, new byte[1]))
                .isInstanceOf(WasmException.OutOfBounds.class);
    }

    @Test
    void unreachableIsATrapAndTheInstanceStaysUsable() {
        basics();
        assertThatThrownBy(() -> instance.call("boom")).isInstanceOf(WasmException.Trap.class);
        assertThat(instance.call("add", 1, 2)).containsExactly(3);
    }

    @Test
    void guestOutOfBoundsLoadIsATrap() {
        basics();
        assertThatThrownBy(() -> instance.call("load", 65535)).isInstanceOf(WasmException.Trap.class);
    }

    @Test
    void infiniteRecursionIsATrapNotADeadThread() {
        basics();
        assertThatThrownBy(() -> instance.call("recurse", 0))
                .isInstanceOf(WasmException.Trap.class)
                .hasMessageContaining("stack");
        assertThat(instance.call("add", 1, 2)).containsExactly(3);
    }

    @Test
    void interruptStopsAnInfiniteLoop() throws Exception {
        assertInterrupts("spin", false);
    }

    @Test
    void interruptStopsALoopThatCallsFunctions() throws Exception {
        assertInterrupts("spin-leaf", false);
    }

    @Test
    void interruptStopsALoopThatCallsTheHost() throws Exception {
        assertInterrupts("spin-calls", false);
    }

    @Test
    void interruptReachesAGuestAlreadyInsideABareLoop() throws Exception {
        assertInterrupts("announce-then-spin", true);
    }

    @Test
    void interruptReachesAGuestAlreadyInsideALoopOfCalls() throws Exception {
        assertInterrupts("announce-then-spin-leaf", true);
    }

    @Test
    void interruptReachesAGuestAlreadyInsideABrIfLoop() throws Exception {
        assertInterrupts("announce-then-spin-br-if", true);
    }

    private void assertInterrupts(String export, boolean waitUntilLooping) throws Exception {
        basics();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                instance.call(export);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        if (waitUntilLooping) {
            // The guest has passed the call-entry check: only a check inside the loop can stop it now.
            looping.get(10, TimeUnit.SECONDS);
        }
        instance.interrupt();
        Throwable thrown = outcome.get(10, TimeUnit.SECONDS);
        runner.join();
        assertThat(thrown).isInstanceOf(WasmException.Interrupted.class);
        instance.clearInterrupt();
        assertThat(instance.call("add", 2, 2)).containsExactly(4);
    }

    @Test
    void interruptRequestedBeforeACallStopsThatCall() {
        basics();
        instance.interrupt();
        assertThatThrownBy(() -> instance.call("spin")).isInstanceOf(WasmException.Interrupted.class);
        instance.clearInterrupt();
        assertThat(instance.call("add", 1, 1)).containsExactly(2);
    }

    @Test
    void interruptLeavesOtherInstancesRunning() {
        WasmModule module = engine().compile(guest("basics"));
        try (WasmInstance other = module.instantiate(hostImports(new AtomicReference<>()), InstanceLimits.DEFAULT)) {
            basics();
            instance.interrupt();
            assertThat(other.call("add", 3, 4)).containsExactly(7);
        }
    }

    @Test
    void memoryGrowPastTheLimitFails() {
        basics(new InstanceLimits(3 * 65536));
        assertThat(instance.call("grow", 2)).containsExactly(1);
        assertThat(instance.memory().size()).isEqualTo(3 * 65536);
        assertThat(instance.call("grow", 1)).containsExactly(-1);
        assertThat(instance.call("size")).containsExactly(3);
    }

    @Test
    void tableGrowPastTenMillionElementsFails() {
        WasmModule module = engine().compile(guest("table-grow"));
        instance = module.instantiate(List.of(), InstanceLimits.DEFAULT);
        assertThat(instance.call("grow", TABLE_LIMIT - 1)).containsExactly(1);
        assertThat(instance.call("grow", 1)).containsExactly(-1);
        assertThat(instance.call("grow", -1)).containsExactly(-1);
        assertThat(instance.call("size")).containsExactly(TABLE_LIMIT);
    }

    @Test
    void startFunctionThatNeverReturnsStopsWhenTheInstantiatingThreadIsInterrupted() throws Exception {
        WasmModule module = engine().compile(guest("start-spins"));
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread instantiating = Thread.ofPlatform().start(() -> {
            try {
                module.instantiate(hostImports(new AtomicReference<>()), InstanceLimits.DEFAULT)
                        .close();
                failure.complete(null);
            } catch (Throwable e) {
                failure.complete(e);
            }
        });
        looping.get(10, TimeUnit.SECONDS);

        instantiating.interrupt();

        assertThat(failure.get(10, TimeUnit.SECONDS))
                .isInstanceOf(WasmException.Interrupted.class)
                .hasMessageContaining("start function");
    }

    @Test
    void declaredMaximumIsKeptWhenBelowTheLimit() {
        WasmModule module = engine().compile(guest("no-imports"));
        instance = module.instantiate(List.of(), InstanceLimits.DEFAULT);
        assertThat(instance.call("grow", 3)).containsExactly(1);
        assertThat(instance.call("grow", 1)).containsExactly(-1);
    }

    @Test
    void initialMemoryAboveTheLimitFailsInstantiation() {
        WasmModule module = engine().compile(guest("big-memory"));
        assertThatThrownBy(() -> module.instantiate(List.of(), new InstanceLimits(1 << 20)))
                .isInstanceOf(WasmException.Link.class)
                .hasMessageContaining("memory");
    }

    @Test
    void aCompiledModuleInstantiatesManyTimesWithSeparateMemories() {
        WasmModule module = engine().compile(guest("no-imports"));
        try (WasmInstance a = module.instantiate(List.of(), InstanceLimits.DEFAULT);
                WasmInstance b = module.instantiate(List.of(), InstanceLimits.DEFAULT)) {
            a.memory().writeInt(0, 42);
            assertThat(b.memory().readInt(0)).isZero();
            a.call("grow", 1);
            assertThat(b.memory().size()).isEqualTo(65536);
        }
    }
}
