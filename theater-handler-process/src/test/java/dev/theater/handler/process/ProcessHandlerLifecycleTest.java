package dev.theater.handler.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.runtime.internal.FunctionLinker;
import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.ActorId;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerFactory;
import dev.theater.spi.HostFunction;
import dev.theater.spi.Shutdown;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitVariant;
import dev.theater.wit.WitLibrary;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handler on its own, the way the SPI drives it: found by ServiceLoader, created before any actor exists, linked,
 * and only able to reach its actor once {@code start} hands over the executor.
 */
class ProcessHandlerLifecycleTest {
    /** One call the handler made into the actor. */
    record Call(String function, List<Object> params) {}

    /** An executor that records calls and completes them at once. */
    static final class RecordingExecutor implements ActorExecutor {
        final LinkedBlockingQueue<Call> calls = new LinkedBlockingQueue<>();

        @Override
        public ActorId id() {
            return ActorId.random();
        }

        @Override
        public CompletableFuture<Object> call(String function, List<Object> params) {
            calls.add(new Call(function, params));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> saveChain() {
            return CompletableFuture.completedFuture(null);
        }

        Call next() throws InterruptedException {
            Call call = calls.poll(10, TimeUnit.SECONDS);
            assertThat(call).as("a call into the actor within 10 s").isNotNull();
            return call;
        }
    }

    static final class ManualShutdown implements Shutdown {
        final CompletableFuture<Void> requested = new CompletableFuture<>();

        @Override
        public boolean isRequested() {
            return requested.isDone();
        }

        @Override
        public CompletionStage<Void> requested() {
            return requested;
        }
    }

    /** The handler never uses the controller; any call on it fails the test. */
    static final ActorController UNUSED_CONTROLLER = (ActorController) Proxy.newProxyInstance(
            ActorController.class.getClassLoader(), new Class<?>[] {ActorController.class}, (proxy, method, args) -> {
                throw new AssertionError("the process handler called ActorController." + method.getName());
            });

    Handler handler;

    @AfterEach
    void close() {
        if (handler != null) {
            handler.close();
        }
    }

    static WitRecord config(String program, String... args) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("program", program);
        fields.put("args", List.of((Object[]) args));
        fields.put("cwd", Optional.empty());
        fields.put("env", List.of());
        fields.put("buffer-size", 0);
        fields.put("stdout-mode", WitVariant.of("raw"));
        fields.put("stderr-mode", WitVariant.of("raw"));
        fields.put("chunk-size", Optional.empty());
        fields.put("execution-timeout", Optional.empty());
        return new WitRecord(fields);
    }

    static Map<String, HostFunction> link(Handler handler) {
        FunctionLinker.Collecting linker = new FunctionLinker.Collecting(
                ProcessHandlerFactory.ID, WitLibrary.builtin(), Set.of(ProcessHandlerFactory.INTERFACE));
        handler.link(linker);
        assertThat(linker.functions())
                .allSatisfy((key, f) -> assertThat(key).startsWith(ProcessHandlerFactory.INTERFACE + "#"));
        return linker.functions(ProcessHandlerFactory.INTERFACE);
    }

    @Test
    void theFactoryIsFoundByServiceLoaderAndProvidesTheProcessInterface() {
        HandlerFactory factory = ServiceLoader.load(HandlerFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.id().equals("process"))
                .findFirst()
                .orElseThrow();

        assertThat(factory).isInstanceOf(ProcessHandlerFactory.class);
        assertThat(factory.provides()).containsExactly("theater:simple/process");
    }

    @Test
    void aHandlerCreatedBeforeItsActorExistsReachesTheActorOnlyAfterStart() throws Exception {
        handler = new ProcessHandlerFactory()
                .create(new TestConfig(Map.of("allowed_programs", List.of("echo"))), TestConfig.CONTEXT);
        assertThat(handler.imports()).containsExactly("theater:simple/process");
        assertThat(handler.exports()).containsExactly("theater:simple/process-handlers");
        Map<String, HostFunction> functions = link(handler);
        assertThat(functions).containsOnlyKeys("os-spawn", "os-write-stdin", "os-status", "os-signal", "os-kill");

        assertThatThrownBy(() -> functions.get("os-spawn").call(List.of(config("echo", "early"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before it started");

        RecordingExecutor executor = new RecordingExecutor();
        handler.start(executor, UNUSED_CONTROLLER, new ManualShutdown());
        Object spawned = functions.get("os-spawn").call(List.of(config("echo", "hello")));

        assertThat(spawned).isEqualTo(WitResult.ok(1L));
        Call output = executor.next();
        assertThat(output.function()).isEqualTo("theater:simple/process-handlers#handle-stdout");
        assertThat(output.params().get(0)).isEqualTo(1L);
        assertThat(new String((byte[]) output.params().get(1), UTF_8)).isEqualTo("hello\n");
        assertThat(executor.next()).isEqualTo(new Call("theater:simple/process-handlers#handle-exit", List.of(1L, 0)));
    }

    @Test
    void aShutdownRequestStopsNewSpawnsAndCloseIsIdempotent() throws Exception {
        handler = new ProcessHandlerFactory()
                .create(new TestConfig(Map.of("allowed_programs", List.of("echo"))), TestConfig.CONTEXT);
        Map<String, HostFunction> functions = link(handler);
        ManualShutdown shutdown = new ManualShutdown();
        handler.start(new RecordingExecutor(), UNUSED_CONTROLLER, shutdown);

        shutdown.requested.complete(null);

        assertThat(functions.get("os-spawn").call(List.of(config("echo", "late"))))
                .isInstanceOf(WitResult.Err.class)
                .extracting(r -> (String) ((WitResult<?, ?>) r).value())
                .asString()
                .contains("stopping");
        handler.close();
        handler.close();
    }

    @Test
    void closingAHandlerThatNeverStartedDoesNothing() {
        Handler unstarted = new ProcessHandlerFactory()
                .create(new TestConfig(Map.of("allowed_programs", List.of("echo"))), TestConfig.CONTEXT);

        unstarted.close();
    }
}
