package dev.theater.engine.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.theater.engine.CoreFunctionType;
import dev.theater.engine.HostImport;
import dev.theater.engine.InstanceLimits;
import dev.theater.engine.WasmException;
import dev.theater.engine.WasmInstance;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A loop that makes no calls stops at its back-edge once its thread is interrupted, however Chicory runs it:
 * compiled, as an interpreted function inside a compiled module, or in the interpreter alone.
 *
 * <p>The guest's only call, to {@code entered}, interrupts the thread before the loop starts, so a stop can come
 * only from a check inside the loop; without one the call never returns and the test fails on its timeout.
 */
class ChicoryLoopInterruptionTest {
    /** Enough additions to push a function past the JVM's 64 KiB method size limit. */
    static final int ADDITIONS_PAST_THE_METHOD_LIMIT = 20_000;

    static Stream<Arguments> waysToRun() {
        return Stream.of(TestModules.Branch.values())
                .flatMap(branch -> Stream.of(
                        arguments(Execution.COMPILED, new ChicoryEngine(), 10, branch),
                        arguments(Execution.MIXED, new ChicoryEngine(), ADDITIONS_PAST_THE_METHOD_LIMIT, branch),
                        arguments(Execution.INTERPRETED, ChicoryEngine.interpreterOnly(), 10, branch)));
    }

    @ParameterizedTest(name = "{0}, closed by {3}")
    @MethodSource("waysToRun")
    void aLoopWithoutCallsStopsAtItsBackEdge(
            Execution execution, ChicoryEngine engine, int additions, TestModules.Branch branch) throws Exception {
        ChicoryModule module = (ChicoryModule) engine.compile(TestModules.loop(additions, branch));
        assertThat(module.execution()).isEqualTo(execution);
        HostImport entered = new HostImport(
                "test:host/env", "entered", CoreFunctionType.of(List.of(), List.of()), (caller, args) -> {
                    Thread.currentThread().interrupt();
                    return null;
                });
        try (WasmInstance instance = module.instantiate(List.of(entered), InstanceLimits.DEFAULT)) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    instance.call("run", 1);
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(WasmException.Interrupted.class);
        }
    }
}
