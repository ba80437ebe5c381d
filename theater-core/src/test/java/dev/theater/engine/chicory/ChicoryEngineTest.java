package dev.theater.engine.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.HostCallback;
import dev.theater.engine.HostImport;
import dev.theater.engine.InstanceLimits;
import dev.theater.engine.ValType;
import dev.theater.engine.WasmEngine;
import dev.theater.engine.WasmEngineContractTest;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmInstance;
import dev.theater.engine.WasmModule;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine contract on Chicory's compiler, plus what is particular to Chicory. */
class ChicoryEngineTest extends WasmEngineContractTest {
    private static final String HOST = "test:host/env";
    private static final CoreFunctionType I32_TO_I32 = CoreFunctionType.of(List.of(ValType.I32), List.of(ValType.I32));
    private static final int ADDITIONS_PAST_THE_METHOD_LIMIT =
            ChicoryLoopInterruptionTest.ADDITIONS_PAST_THE_METHOD_LIMIT;

    @Override
    protected WasmEngine engine() {
        return new ChicoryEngine();
    }

    private static List<HostImport> imports(HostCallback twice) {
        return List.of(
                new HostImport(HOST, "twice", I32_TO_I32, twice),
                new HostImport(HOST, "reenter", I32_TO_I32, (caller, args) -> args),
                new HostImport(HOST, "fail", CoreFunctionType.of(List.of(), List.of()), (caller, args) -> null));
    }

    private static List<HostImport> imports() {
        return imports((caller, args) -> new long[] {(int) args[0] * 2});
    }

    private static WasmInstance basics(List<HostImport> imports) {
        return new ChicoryEngine().compile(guest("basics")).instantiate(imports, InstanceLimits.DEFAULT);
    }

    @Test
    void instancesOfAModuleShareTheBytecodeCompiledOnce() {
        ChicoryModule module = (ChicoryModule) new ChicoryEngine().compile(guest("basics"));
        try (ChicoryInstance a = (ChicoryInstance) module.instantiate(imports(), InstanceLimits.DEFAULT);
                ChicoryInstance b = (ChicoryInstance) module.instantiate(imports(), InstanceLimits.DEFAULT)) {
            assertThat(module.execution()).isEqualTo(Execution.COMPILED);
            assertThat(a.chicoryInstance().getMachine().getClass())
                    .isSameAs(b.chicoryInstance().getMachine().getClass());
        }
    }

    @Test
    void aFunctionTooLargeForAJvmMethodRunsInTheInterpreter() {
        ChicoryModule module = (ChicoryModule) new ChicoryEngine()
                .compile(TestModules.loop(ADDITIONS_PAST_THE_METHOD_LIMIT, TestModules.Branch.BR_IF));
        List<HostImport> entered = List.of(
                new HostImport(HOST, "entered", CoreFunctionType.of(List.of(), List.of()), (caller, args) -> null));
        try (WasmInstance instance = module.instantiate(entered, InstanceLimits.DEFAULT)) {
            assertThat(module.execution()).isEqualTo(Execution.MIXED);
            assertThat(instance.call("run", 0)).containsExactly(ADDITIONS_PAST_THE_METHOD_LIMIT);
        }
    }

    @Test
    void anInterruptDeliveredToTheThreadDoesNotOutliveTheCall() throws Exception {
        CountDownLatch inGuest = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (WasmInstance instance = basics(imports((caller, args) -> {
            inGuest.countDown();
            return new long[] {0};
        }))) {
            Future<Boolean> interruptedAfterwards = pool.submit(() -> {
                try {
                    instance.call("spin-calls");
                } catch (WasmException.Interrupted expected) {
                    // the outcome this test provokes; anything else fails the future
                }
                return Thread.currentThread().isInterrupted();
            });
            inGuest.await();
            instance.interrupt();
            assertThat(interruptedAfterwards.get(10, TimeUnit.SECONDS)).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptOfTheThreadByItsOwnerStopsTheCallAndIsKept() throws Exception {
        try (WasmInstance instance = basics(imports())) {
            CompletableFuture<Boolean> keptInterrupted = new CompletableFuture<>();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                Thread.currentThread().interrupt();
                try {
                    instance.call("spin");
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
                keptInterrupted.complete(Thread.currentThread().isInterrupted());
            });
            assertThat(outcome.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(WasmException.Interrupted.class)
                    .hasMessageContaining("thread was interrupted");
            assertThat(keptInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(instance.call("add", 1, 1)).containsExactly(2);
        }
    }

    @Test
    void interruptStopsTheGuestEvenWhenAHostFunctionSwallowsTheThreadInterrupt() throws Exception {
        CountDownLatch inHost = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (WasmInstance instance = basics(imports((caller, args) -> {
            inHost.countDown();
            try {
                never.await();
            } catch (InterruptedException swallowed) {
                // a careless host function: it neither restores the interrupt nor fails
            }
            return new long[] {0};
        }))) {
            CompletableFuture<Throwable> outcome = callOnAnotherThread(instance, "spin-calls");
            inHost.await();
            instance.interrupt();
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(WasmException.Interrupted.class);
        }
    }

    @Test
    void overlappingCallsOnOneInstanceAreRefused() throws Exception {
        CountDownLatch inGuest = new CountDownLatch(1);
        try (WasmInstance instance = basics(imports((caller, args) -> {
            inGuest.countDown();
            return new long[] {0};
        }))) {
            CompletableFuture<Throwable> outcome = callOnAnotherThread(instance, "spin-calls");
            inGuest.await();
            assertThatThrownBy(() -> instance.call("add", 1, 2))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must not overlap");
            instance.interrupt();
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(WasmException.Interrupted.class);
        }
    }

    @Test
    void aHostFunctionReturningTheWrongNumberOfValuesFailsNamingIt() {
        try (WasmInstance instance = basics(imports((caller, args) -> new long[0]))) {
            assertThatThrownBy(() -> instance.call("call-twice", 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("test:host/env#twice returned 0 values");
        }
    }

    @Test
    void callingWithTheWrongNumberOfArgumentsIsALinkError() {
        try (WasmInstance instance = basics(imports())) {
            assertThatThrownBy(() -> instance.call("add", 1))
                    .isInstanceOf(WasmException.Link.class)
                    .hasMessageContaining("'add'")
                    .hasMessageContaining("1 arguments");
        }
    }

    @Test
    void aModuleImportingMemoryFailsToLinkSayingTheaterProvidesNone() {
        WasmModule module = new ChicoryEngine().compile(TestModules.importedMemory());
        assertThatThrownBy(() -> module.instantiate(List.of(), InstanceLimits.DEFAULT))
                .isInstanceOf(WasmException.Link.class)
                .hasMessageContaining("memory env#memory")
                .hasMessageContaining("Theater provides no memories");
    }

    @Test
    void initialMemoryAboveTheLimitNamesTheSizesAndTheManifestKey() {
        WasmModule module = new ChicoryEngine().compile(guest("big-memory"));
        assertThatThrownBy(() -> module.instantiate(List.of(), new InstanceLimits(1 << 20)))
                .isInstanceOf(WasmException.Link.class)
                .hasMessageContaining("2097152 bytes")
                .hasMessageContaining("1048576 bytes")
                .hasMessageContaining("[limits] memory");
    }

    @Test
    void aComponentIsRefusedWithAHintToLoadTheCoreModule() {
        byte[] component = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};
        assertThatThrownBy(() -> new ChicoryEngine().compile(component))
                .isInstanceOf(WasmException.Compile.class)
                .hasMessageContaining("WebAssembly component");
    }

    @Test
    void aClosedInstanceRefusesCallsAndClosingAgainIsHarmless() {
        WasmInstance instance = basics(imports());
        instance.close();
        instance.close();
        assertThatThrownBy(() -> instance.call("add", 1, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private static CompletableFuture<Throwable> callOnAnotherThread(
            WasmInstance instance, String export, long... args) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                instance.call(export, args);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        return outcome;
    }
}
