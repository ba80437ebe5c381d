package dev.theater.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.chain.ChainReader;
import dev.theater.chain.ChainVerifier;
import dev.theater.chain.VerifyResult;
import dev.theater.engine.WasmEngine;
import dev.theater.engine.WasmEngines;
import dev.theater.engine.WasmModule;
import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.Limits;
import dev.theater.manifest.Manifest;
import dev.theater.plugins.TestPluginJar;
import dev.theater.spi.ActorException;
import dev.theater.spi.ActorMetrics;
import dev.theater.spi.ActorStatus;
import dev.theater.spi.ChainEvent;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import dev.theater.spi.HostLinker;
import dev.theater.spi.WitTuple;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour of actors on one wasm engine: the state machine, every refusal, interruption, timeouts, metrics, the
 * chain, linking and the built-in runtime handler. Each engine's test extends this class; the same guests and the
 * same assertions run on all of them.
 */
abstract class ActorRuntimeContractTest {
    static final String SEND = "theater:simple/message-server-client#handle-send";
    static final String REQUEST = "theater:simple/message-server-client#handle-request";
    static final String INIT = "theater:simple/actor#init";

    @TempDir
    Path home;

    TheaterRuntime runtime;

    /** The engine name this suite runs on. */
    abstract String engine();

    @BeforeEach
    void buildRuntime() {
        runtime = runtime(b -> b);
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    TheaterRuntime runtime(UnaryOperator<TheaterRuntime.Builder> customize) {
        return customize
                .apply(TheaterRuntime.builder()
                        .withHome(home)
                        .withDefaultEngine(engine())
                        .withStopTimeout(Duration.ofSeconds(5))
                        .discoverHandlers(getClass().getClassLoader()))
                .build();
    }

    static Path guest(String name) {
        try {
            return Path.of(ActorRuntimeContractTest.class
                    .getResource("/guests/actor/" + name + ".wasm")
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Manifest.Builder manifest(String name, String guest) {
        return Manifest.builder(name, new ComponentSource.File(guest(guest)));
    }

    static Limits limits(Duration callTimeout, int mailbox) {
        return new Limits(Limits.DEFAULT_MEMORY, Optional.ofNullable(callTimeout), mailbox);
    }

    ActorRef spawnCounter() {
        return runtime.spawn(manifest("counter", "actor").build(), null);
    }

    static CompletableFuture<Object> send(ActorRef actor, String command) {
        return actor.executor().call(SEND, List.of(command.getBytes(UTF_8)));
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    /** The exception a future failed with, waiting for it. */
    static Throwable failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the future to fail, but it completed normally");
    }

    static int counter(ActorRef actor) {
        byte[] state = actor.controller().state().orElseThrow();
        return ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /** Starts a spin and waits until the actor reports it is running it. */
    static CompletableFuture<Object> spin(ActorRef actor) throws Exception {
        try (StatusRecorder statuses = StatusRecorder.of(actor.controller())) {
            CompletableFuture<Object> spinning = send(actor, "s");
            statuses.await(ActorStatus.Processing.class);
            return spinning;
        }
    }

    static String sha256Hex(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static List<String> eventTypes(ActorRef actor) {
        return actor.controller().chain().stream().map(ChainEvent::eventType).toList();
    }

    static List<String> data(ActorRef actor, String eventType) {
        return actor.controller().chain().stream()
                .filter(e -> e.eventType().equals(eventType))
                .map(e -> new String(e.data(), UTF_8))
                .toList();
    }

    // ---- state machine ----

    @Test
    void spawnRunsInitAndLeavesTheActorIdle() throws Exception {
        ActorRef actor = runtime.spawn(manifest("counter", "actor").build(), new byte[] {7, 0, 0, 0});

        assertThat(actor.controller().status()).isEqualTo(new ActorStatus.Idle());
        assertThat(counter(actor)).isEqualTo(7);
        assertThat(runtime.list()).extracting(ActorRef::id).containsExactly(actor.id());
        assertThat(runtime.lookup(actor.id())).isPresent();
        assertThat(data(actor, "lifecycle").get(0))
                .startsWith("{\"from\":null,\"status\":\"starting\",\"actor\":\"counter\",\"id\":\"" + actor.id())
                .contains("\"engine\":\"" + engine() + "\"", "\"module_sha256\":\"");
        assertThat(data(actor, "lifecycle").get(1))
                .isEqualTo("{\"from\":\"starting\",\"status\":\"idle\",\"reason\":\"init succeeded\"}");
        assertThat(data(actor, "export-call").get(0)).contains(INIT);
    }

    @Test
    void callsMoveTheActorThroughProcessingAndBackToIdle() throws Exception {
        ActorRef actor = spawnCounter();
        try (StatusRecorder statuses = StatusRecorder.of(actor.controller())) {
            assertThat(await(send(actor, "c"))).isNull();

            ActorStatus.Processing processing = statuses.await(ActorStatus.Processing.class);
            assertThat(processing.operation()).isEqualTo(SEND);
            statuses.await(ActorStatus.Idle.class);
        }
        assertThat(counter(actor)).isEqualTo(1);
        assertThat(await(send(actor, "c"))).isNull();
        assertThat(counter(actor)).isEqualTo(2);
    }

    @Test
    void pauseWhileIdleTakesEffectAtOnceAndResumeReturnsToIdle() throws Exception {
        ActorRef actor = spawnCounter();

        await(actor.controller().pause());
        assertThat(actor.controller().status()).isEqualTo(new ActorStatus.Paused());
        CompletableFuture<Object> waiting = send(actor, "c");
        assertThat(actor.controller().metrics().mailboxDepth()).isEqualTo(1);
        assertThat(waiting).isNotDone();

        await(actor.controller().resume());
        await(waiting);
        assertThat(counter(actor)).isEqualTo(1);
        assertThat(data(actor, "lifecycle"))
                .contains(
                        "{\"from\":\"idle\",\"status\":\"paused\",\"reason\":\"pause()\"}",
                        "{\"from\":\"paused\",\"status\":\"idle\",\"reason\":\"resume()\"}");
    }

    @Test
    void pauseDuringAnOperationTakesEffectAfterItAndQueuedOperationsRunInOrderAfterResume() throws Exception {
        ActorRef actor = runtime.spawn(
                manifest("ordered", "actor")
                        .withLimits(limits(Duration.ofSeconds(1), 16))
                        .build(),
                null);
        CompletableFuture<Object> running = spin(actor);

        CompletableFuture<Void> paused = actor.controller().pause();
        assertThat(actor.controller().status()).isInstanceOf(ActorStatus.Processing.class);
        List<CompletableFuture<Object>> queued = new ArrayList<>();
        for (char c = '1'; c <= '5'; c++) {
            queued.add(send(actor, "a" + c));
        }

        assertThat(failure(running)).isInstanceOf(ActorException.Timeout.class);
        await(paused);
        assertThat(actor.controller().status()).isEqualTo(new ActorStatus.Paused());
        assertThat(actor.controller().metrics().mailboxDepth()).isEqualTo(5);
        assertThat(queued).noneMatch(CompletableFuture::isDone);

        await(actor.controller().resume());
        for (CompletableFuture<Object> op : queued) {
            await(op);
        }
        assertThat(new String(actor.controller().state().orElseThrow(), UTF_8)).isEqualTo("12345");
    }

    @Test
    void shutdownFinishesQueuedOperationsThenStops() throws Exception {
        ActorRef actor = spawnCounter();
        await(actor.controller().pause());
        CompletableFuture<Object> first = send(actor, "c");
        CompletableFuture<Object> second = send(actor, "c");

        try (StatusRecorder statuses = StatusRecorder.of(actor.controller())) {
            CompletableFuture<Void> stopped = actor.controller().shutdown(Duration.ofSeconds(10));
            assertThat(failure(send(actor, "c"))).isInstanceOf(ActorException.ChannelClosed.class);
            await(stopped);
            statuses.await(ActorStatus.ShuttingDown.class);
            statuses.await(ActorStatus.Stopped.class);
        }
        await(first);
        await(second);
        assertThat(counter(actor)).isEqualTo(2);
        assertThat(actor.controller().status()).isEqualTo(new ActorStatus.Stopped());
        assertThat(runtime.list()).isEmpty();
        assertThat(data(actor, "lifecycle"))
                .endsWith(
                        "{\"from\":\"paused\",\"status\":\"shutting-down\",\"reason\":\"shutdown(10s)\"}",
                        "{\"from\":\"shutting-down\",\"status\":\"stopped\",\"reason\":\"no operations left\"}");
    }

    @Test
    void aTrapInInitFailsTheSpawnAndTheActor() {
        assertThatThrownBy(() -> runtime.spawn(manifest("broken", "actor").build(), "!t".getBytes(UTF_8)))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("actor 'broken'")
                .hasMessageContaining("failed in init")
                .hasCauseInstanceOf(ActorException.Trap.class);
        assertThat(runtime.list()).isEmpty();
    }

    @Test
    void anErrFromInitFailsTheSpawnWithTheGuestsMessage() {
        assertThatThrownBy(() -> runtime.spawn(manifest("refuser", "actor").build(), "!e".getBytes(UTF_8)))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("init refused")
                .hasCauseInstanceOf(ActorException.GuestError.class);
    }

    @Test
    void aManifestBuiltInJavaCannotMakeTheSpawnReadADeviceOrAPipe() throws Exception {
        Manifest endless = manifest("endless", "actor")
                .withInitState(new ComponentSource.File(Path.of("/dev/zero")))
                .build();
        assertThatThrownBy(() -> runtime.spawn(endless, null))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("init_state")
                .hasMessageContaining("/dev/zero")
                .hasMessageContaining("not a regular file");
        Path fifo = Files.createTempDirectory("theater-fifo").resolve("component.wasm");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Manifest piped =
                Manifest.builder("piped", new ComponentSource.File(fifo)).build();
        assertThatThrownBy(() -> runtime.spawn(piped, null))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("component")
                .hasMessageContaining("not a regular file");
        assertThat(runtime.list()).isEmpty();
    }

    // ---- refusals ----

    @Test
    void resumeWhenNotPausedIsRefusedWithNotPaused() throws Exception {
        ActorRef actor = spawnCounter();

        assertThat(failure(actor.controller().resume()))
                .isInstanceOf(ActorException.NotPaused.class)
                .hasMessageContaining("actor 'counter'")
                .hasMessageContaining("not paused");
    }

    @Test
    void pauseWhenPausedIsRefusedWithAlreadyPaused() throws Exception {
        ActorRef actor = spawnCounter();
        await(actor.controller().pause());

        assertThat(failure(actor.controller().pause()))
                .isInstanceOf(ActorException.AlreadyPaused.class)
                .hasMessageContaining("already paused");
    }

    @Test
    void pauseWhilePausingIsRefusedWithAlreadyPausedAndResumeWithNotPaused() throws Exception {
        ActorRef actor = spawnCounter();
        CompletableFuture<Object> running = spin(actor);
        CompletableFuture<Void> paused = actor.controller().pause();

        assertThat(failure(actor.controller().pause())).isInstanceOf(ActorException.AlreadyPaused.class);
        assertThat(failure(actor.controller().resume()))
                .isInstanceOf(ActorException.NotPaused.class)
                .hasMessageContaining("resume after pause()'s future completes");

        await(actor.controller().forceStop());
        assertThat(failure(running)).isInstanceOf(ActorException.Interrupted.class);
        assertThat(failure(paused)).isInstanceOf(ActorException.ChannelClosed.class);
    }

    @Test
    void afterStoppedEveryEffectMethodFailsFastWithChannelClosed() throws Exception {
        ActorRef actor = spawnCounter();
        await(actor.controller().shutdown(Duration.ofSeconds(5)));

        assertThat(failure(send(actor, "c")))
                .isInstanceOf(ActorException.ChannelClosed.class)
                .hasMessageContaining("actor 'counter'")
                .hasMessageContaining("stopped");
        assertThat(failure(actor.executor().saveChain())).isInstanceOf(ActorException.ChannelClosed.class);
        assertThat(failure(actor.controller().pause())).isInstanceOf(ActorException.ChannelClosed.class);
        assertThat(failure(actor.controller().resume())).isInstanceOf(ActorException.ChannelClosed.class);
        assertThat(failure(actor.controller().shutdown(Duration.ZERO)))
                .isInstanceOf(ActorException.ChannelClosed.class);
        assertThat(failure(actor.controller().forceStop())).isInstanceOf(ActorException.ChannelClosed.class);
        assertThat(failure(runtime.stop(actor.id()))).isInstanceOf(ActorException.ChannelClosed.class);
        // Snapshots keep answering.
        assertThat(actor.controller().status()).isEqualTo(new ActorStatus.Stopped());
        assertThat(actor.controller().metrics().operationsTotal()).isEqualTo(1);
        assertThat(actor.controller().chain()).isNotEmpty();
    }

    @Test
    void aFullMailboxRefusesTheCallWithMailboxFullNamingTheLimit() throws Exception {
        ActorRef actor = runtime.spawn(
                manifest("tiny", "actor").withLimits(limits(null, 2)).build(), null);
        CompletableFuture<Object> running = spin(actor);
        CompletableFuture<Object> first = send(actor, "c");
        CompletableFuture<Object> second = send(actor, "c");

        assertThat(failure(send(actor, "c")))
                .isInstanceOf(ActorException.MailboxFull.class)
                .hasMessageContaining("actor 'tiny'")
                .hasMessageContaining("2 operations waiting")
                .hasMessageContaining("[limits] mailbox");

        await(actor.controller().forceStop());
        assertThat(failure(running)).isInstanceOf(ActorException.Interrupted.class);
        assertThat(failure(first)).isInstanceOf(ActorException.ChannelClosed.class);
        assertThat(failure(second)).isInstanceOf(ActorException.ChannelClosed.class);
    }

    @Test
    void callingAnExportTheActorDoesNotHaveOrAnUnknownInterfaceFailsNamingIt() throws Exception {
        ActorRef actor = spawnCounter();

        assertThat(failure(actor.executor()
                        .call("theater:simple/message-server-client#handle-channel-close", List.of("c"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not export theater:simple/message-server-client#handle-channel-close");
        assertThat(failure(actor.executor().call("acme:nope/thing#go", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acme:nope/thing");
        assertThat(failure(actor.executor().call(SEND, List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes 1 param(s)");
    }

    // ---- guest failures ----

    @Test
    void aGuestErrFailsOnlyThatOperationWithGuestError() throws Exception {
        ActorRef actor = spawnCounter();
        await(send(actor, "c"));

        assertThat(failure(send(actor, "e")))
                .isInstanceOf(ActorException.GuestError.class)
                .hasMessageContaining("requested error");
        await(send(actor, "c"));
        assertThat(counter(actor)).isEqualTo(2);
        assertThat(data(actor, "export-result"))
                .contains("{\"function\":\"" + SEND + "\",\"err\":\"requested error\"}");
    }

    @Test
    void aTrapFailsOnlyThatOperationAndTheActorStaysUsable() throws Exception {
        ActorRef actor = spawnCounter();
        await(send(actor, "c"));

        assertThat(failure(send(actor, "t")))
                .isInstanceOf(ActorException.Trap.class)
                .hasMessageContaining("actor 'counter'")
                .hasMessageContaining("trapped");
        await(send(actor, "c"));

        assertThat(counter(actor)).isEqualTo(2);
        assertThat(actor.controller().status()).isEqualTo(new ActorStatus.Idle());
        assertThat(actor.controller().metrics().operationsFailed()).isEqualTo(1);
        assertThat(data(actor, "export-result")).anyMatch(d -> d.contains("\"failure\":\"trap\""));
    }

    // ---- interruption ----

    @Test
    void metricsAndStatusAnswerWhileAnExportSpins() throws Exception {
        ActorRef actor = spawnCounter();
        CompletableFuture<Object> running = spin(actor);

        long started = System.nanoTime();
        ActorMetrics metrics = actor.controller().metrics();
        ActorStatus status = actor.controller().status();
        long elapsed = System.nanoTime() - started;

        assertThat(metrics.currentOperation()).contains(SEND);
        assertThat(metrics.currentSince()).isPresent();
        assertThat(status).isInstanceOfSatisfying(ActorStatus.Processing.class, p -> assertThat(p.operation())
                .isEqualTo(SEND));
        assertThat(actor.controller().state()).isEmpty();
        assertThat(actor.controller().chain()).isNotEmpty();
        assertThat(Duration.ofNanos(elapsed)).isLessThan(Duration.ofMillis(100));
        assertThat(running).isNotDone();

        await(actor.controller().forceStop());
        assertThat(failure(running)).isInstanceOf(ActorException.Interrupted.class);
    }

    @Test
    void forceStopInterruptsAnInfiniteLoopAndTheRuntimeKeepsServingOtherActors() throws Exception {
        ActorRef looping = spawnCounter();
        ActorRef other = runtime.spawn(manifest("other", "actor").build(), null);
        CompletableFuture<Object> running = spin(looping);
        CompletableFuture<Object> queued = send(looping, "c");

        try (StatusRecorder statuses = StatusRecorder.of(looping.controller())) {
            await(looping.controller().forceStop());
            statuses.await(ActorStatus.ShuttingDown.class);
            statuses.await(ActorStatus.Stopped.class);
        }

        assertThat(failure(running))
                .isInstanceOf(ActorException.Interrupted.class)
                .hasMessageContaining("force-stopped");
        assertThat(failure(queued)).isInstanceOf(ActorException.ChannelClosed.class);
        assertThat(looping.controller().status()).isEqualTo(new ActorStatus.Stopped());
        assertThat(data(looping, "export-result")).anyMatch(d -> d.contains("\"failure\":\"interrupted\""));
        await(send(other, "c"));
        assertThat(counter(other)).isEqualTo(1);
        assertThat(runtime.list()).extracting(ActorRef::id).containsExactly(other.id());
    }

    @Test
    void aStatusIsPublishedOnlyAfterItsLifecycleEventIsInTheChain() throws Exception {
        ActorRef actor = spawnCounter();
        List<String> mismatches = new CopyOnWriteArrayList<>();
        AtomicInteger cursor = new AtomicInteger();
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        actor.controller().statusChanges(status -> {
            if (status instanceof ActorStatus.Idle || status instanceof ActorStatus.Processing) {
                return; // not recorded as lifecycle events (export-call/export-result mark them)
            }
            // Listeners run later than the change; the event for this status must already be in the chain,
            // after the events of the statuses delivered before it.
            List<ChainEvent> chain = actor.controller().chain();
            int found = -1;
            for (int k = cursor.get(); k < chain.size(); k++) {
                ChainEvent e = chain.get(k);
                if (e.eventType().equals("lifecycle")
                        && e.description().filter(status.name()::equals).isPresent()) {
                    found = k;
                    break;
                }
            }
            if (found < 0) {
                mismatches.add(status.name() + " was published before its lifecycle event was in the chain");
            } else {
                cursor.set(found + 1);
            }
            if (status.isTerminal()) {
                stopped.complete(null);
            }
        });
        actor.controller().pause().get(10, TimeUnit.SECONDS);
        actor.controller().resume().get(10, TimeUnit.SECONDS);
        actor.controller().shutdown(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        stopped.get(10, TimeUnit.SECONDS);

        assertThat(mismatches).isEmpty();
        assertThat(cursor.get())
                .as("paused, shutting-down and stopped were all seen")
                .isPositive();
    }

    @Test
    void terminateForcesAndStopIsGraceful() throws Exception {
        ActorRef looping = spawnCounter();
        ActorRef idle = runtime.spawn(manifest("idle", "actor").build(), null);
        CompletableFuture<Object> running = spin(looping);

        await(runtime.terminate(looping.id()));
        await(runtime.stop(idle.id()));

        assertThat(failure(running)).isInstanceOf(ActorException.Interrupted.class);
        assertThat(idle.controller().status()).isEqualTo(new ActorStatus.Stopped());
        assertThat(runtime.list()).isEmpty();
    }

    @Test
    void shutdownEscalatesToForceWhenItsTimeoutPasses() throws Exception {
        ActorRef actor = spawnCounter();
        CompletableFuture<Object> running = spin(actor);

        try (StatusRecorder statuses = StatusRecorder.of(actor.controller())) {
            CompletableFuture<Void> stopped = actor.controller().shutdown(Duration.ofMillis(100));
            statuses.await(ActorStatus.ShuttingDown.class);
            assertThat(running).isNotDone();
            await(stopped);
            statuses.await(ActorStatus.Stopped.class);
        }
        assertThat(failure(running)).isInstanceOf(ActorException.Interrupted.class);
    }

    @Test
    void callTimeoutFailsARunawayCallAndTheActorGoesOn() throws Exception {
        ActorRef actor = runtime.spawn(
                manifest("runaway", "actor")
                        .withLimits(limits(Duration.ofMillis(200), 16))
                        .build(),
                null);
        await(send(actor, "c"));

        assertThat(failure(send(actor, "s")))
                .isInstanceOf(ActorException.Timeout.class)
                .hasMessageContaining("actor 'runaway'")
                .hasMessageContaining("call_timeout of 200ms");
        await(send(actor, "c"));

        assertThat(counter(actor)).isEqualTo(2);
        assertThat(actor.controller().status()).isEqualTo(new ActorStatus.Idle());
        assertThat(data(actor, "export-result")).anyMatch(d -> d.contains("\"failure\":\"timeout\""));
    }

    @Test
    void callTimeoutAlsoBoundsInit() {
        assertThatThrownBy(() -> runtime.spawn(
                        manifest("slow-start", "actor")
                                .withLimits(limits(Duration.ofMillis(100), 16))
                                .build(),
                        "!s".getBytes(UTF_8)))
                .isInstanceOf(SpawnException.class)
                .hasCauseInstanceOf(ActorException.Timeout.class);
    }

    // ---- metrics ----

    @Test
    void metricsCountOperationsTimesMemoryAndChain() throws Exception {
        ActorRef actor = spawnCounter();
        long memoryBefore = actor.controller().metrics().memoryBytes();
        await(send(actor, "c"));
        failure(send(actor, "e"));
        await(send(actor, "g"));

        ActorMetrics metrics = actor.controller().metrics();
        assertThat(metrics.operationsTotal()).isEqualTo(4);
        assertThat(metrics.operationsFailed()).isEqualTo(1);
        assertThat(metrics.processingTotal()).isPositive();
        assertThat(metrics.processingMin()).isPositive().isLessThanOrEqualTo(metrics.processingMax());
        assertThat(metrics.processingLast()).isPositive().isLessThanOrEqualTo(metrics.processingMax());
        assertThat(metrics.currentOperation()).isEmpty();
        assertThat(metrics.mailboxDepth()).isZero();
        assertThat(memoryBefore).isEqualTo(65536);
        assertThat(metrics.memoryBytes()).isEqualTo(2 * 65536);
        assertThat(metrics.chainLength()).isEqualTo(actor.controller().chain().size());
        assertThat(metrics.uptime()).isGreaterThanOrEqualTo(Duration.ZERO);
        assertThat(metrics.restarts()).isZero();
    }

    // ---- calls and chain ----

    @Test
    void aCallReturnsTheValuesAfterTheState() throws Exception {
        ActorRef actor = runtime.spawn(manifest("echo", "actor").build(), "kept".getBytes(UTF_8));

        Object response = await(actor.executor().call(REQUEST, List.of("req-1", "ping".getBytes(UTF_8))));

        assertThat(response).isInstanceOfSatisfying(WitTuple.class, t -> assertThat((Optional<?>) t.get(0))
                .hasValueSatisfying(v -> assertThat((byte[]) v).isEqualTo("ping".getBytes(UTF_8))));
        assertThat(actor.controller().state())
                .hasValueSatisfying(s -> assertThat(s).isEqualTo("kept".getBytes(UTF_8)));
        assertThat(data(actor, "export-call"))
                .contains("{\"function\":\"" + REQUEST + "\",\"params\":[\"req-1\",\"cGluZw==\"],"
                        + "\"state_sha256\":\"" + sha256Hex("kept".getBytes(UTF_8)) + "\"}");
        assertThat(data(actor, "export-result"))
                .anyMatch(d ->
                        d.startsWith("{\"function\":\"" + REQUEST + "\",\"ok\":[\"cGluZw==\"],\"state_sha256\":\""));
    }

    @Test
    void theChainIsPersistedUnderTheHomeAndVerifies() throws Exception {
        ActorRef actor = spawnCounter();
        await(send(actor, "c"));
        await(actor.executor().saveChain());
        Path file = home.resolve("chains").resolve(actor.id() + ".chain");
        assertThat(file).exists();

        await(actor.controller().shutdown(Duration.ofSeconds(5)));

        assertThat(ChainVerifier.verify(file)).isInstanceOf(VerifyResult.Intact.class);
        assertThat(ChainReader.read(file).events()).isEqualTo(actor.controller().chain());
        assertThat(eventTypes(actor))
                .containsExactly(
                        "lifecycle", // starting
                        "export-call", // init
                        "export-result",
                        "lifecycle", // idle
                        "export-call",
                        "export-result",
                        "lifecycle", // shutting-down
                        "lifecycle"); // stopped
    }

    @Test
    void anActorWithoutSaveChainWritesNoFile() throws Exception {
        ActorRef actor = runtime.spawn(
                manifest("ephemeral", "actor").withSaveChain(false).build(), null);
        await(send(actor, "c"));
        await(actor.executor().saveChain());

        assertThat(home.resolve("chains").resolve(actor.id() + ".chain")).doesNotExist();
        assertThat(actor.controller().chain()).isNotEmpty();
    }

    @Test
    void aSecondSpawnOfTheSameModuleDoesNotRecompile() throws Exception {
        AtomicInteger compilations = new AtomicInteger();
        WasmEngine real = WasmEngines.discover().require(engine());
        WasmEngine counting = new WasmEngine() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public WasmModule compile(byte[] wasm) {
                compilations.incrementAndGet();
                return real.compile(wasm);
            }
        };
        runtime.close();
        runtime = runtime(b -> b.addEngine(counting));

        ActorRef first = runtime.spawn(manifest("one", "actor").build(), null);
        ActorRef second = runtime.spawn(manifest("two", "actor").build(), null);

        assertThat(compilations).hasValue(1);
        await(send(first, "c"));
        await(send(second, "c"));
        assertThat(counter(first)).isEqualTo(1);
        assertThat(counter(second)).isEqualTo(1);
    }

    // ---- linking ----

    @Test
    void concurrentSpawnsOfOneModuleShareOneCompilation() throws Exception {
        AtomicInteger compilations = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WasmEngine real = WasmEngines.discover().require(engine());
        WasmEngine slow = new WasmEngine() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public WasmModule compile(byte[] wasm) {
                compilations.incrementAndGet();
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return real.compile(wasm);
            }
        };
        runtime.close();
        runtime = runtime(b -> b.addEngine(slow));

        CompletableFuture<ActorRef> first = CompletableFuture.supplyAsync(
                () -> runtime.spawn(manifest("one", "actor").build(), null));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        Thread secondSpawner = Thread.ofPlatform()
                .start(() -> runtime.spawn(manifest("two", "actor").build(), null));
        // The second spawn blocks: on the first one's compilation, or (were it not shared) in a compilation of its own.
        while (secondSpawner.getState() != Thread.State.WAITING
                && secondSpawner.getState() != Thread.State.TIMED_WAITING) {
            assertThat(secondSpawner.isAlive())
                    .as("the second spawn waits for the compilation")
                    .isTrue();
            Thread.onSpinWait();
        }
        release.countDown();
        await(first);
        secondSpawner.join(10_000);

        assertThat(compilations).hasValue(1);
        assertThat(runtime.list()).hasSize(2);
    }

    @Test
    void aModuleWithoutInitIsNotAnActor() {
        assertThatThrownBy(() -> runtime.spawn(manifest("plain", "no-init").build(), null))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("actor 'plain'")
                .hasMessageContaining("is not an actor: it does not export theater:simple/actor#init");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // without the bound, spawn would never return
    void aStartFunctionThatNeverReturnsFailsTheSpawnAtTheCallTimeout() {
        Manifest spinning = manifest("spinner", "start-spins")
                .withLimits(limits(Duration.ofMillis(200), 16))
                .build();

        assertThatThrownBy(() -> runtime.spawn(spinning, null))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("actor 'spinner' could not be instantiated")
                .hasMessageContaining("start function ran longer than call_timeout (PT0.2S)");
        assertThat(Thread.currentThread().isInterrupted())
                .as("no interrupt leaks to the caller")
                .isFalse();
        assertThat(runtime.spawn(manifest("counter", "actor").build(), null)
                        .controller()
                        .status())
                .isInstanceOf(ActorStatus.Idle.class);
    }

    @Test
    void anImportNoGrantedHandlerProvidesFailsTheSpawnNamingTheHandlerToAdd() throws IOException {
        runtime.close();
        runtime = runtime(b -> b.addHandler(new FakeProcessHandlerFactory()));
        Path manifest = fetcherManifest();

        assertThatThrownBy(() -> runtime.spawn(manifest))
                .isInstanceOf(SpawnException.class)
                .hasMessage("actor 'fetcher' imports theater:simple/process#os-spawn but no active handler provides"
                        + " it; add [[handler]] type = \"process\" to fetcher.toml");
    }

    @Test
    void anImportNoRegisteredHandlerProvidesSaysSo() throws IOException {
        Path manifest = fetcherManifest();

        assertThatThrownBy(() -> runtime.spawn(manifest))
                .isInstanceOf(SpawnException.class)
                .hasMessageStartingWith("actor 'fetcher' imports theater:simple/process#os-spawn but no registered"
                        + " handler provides theater:simple/process; registered handlers: runtime");
    }

    private Path fetcherManifest() throws IOException {
        Files.copy(guest("fetcher"), home.resolve("fetcher.wasm"));
        Path manifest = home.resolve("fetcher.toml");
        Files.writeString(manifest, """
                name = "fetcher"
                component = "fetcher.wasm"

                [[handler]]
                type = "runtime"
                """);
        return manifest;
    }

    @Test
    void anImportWithTheWrongCoreTypeFailsNamingBothTypes() {
        assertThatThrownBy(() -> runtime.spawn(
                        manifest("typo", "bad-log-import")
                                .addHandler("runtime", Map.of())
                                .build(),
                        null))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("actor 'typo' imports theater:simple/runtime#log with core type")
                .hasMessageContaining("func(msg: string)")
                .hasMessageContaining("[I32, I32]");
    }

    @Test
    void anUnknownHandlerTypeFailsListingTheRegisteredOnes() {
        assertThatThrownBy(() -> runtime.spawn(
                        manifest("x", "actor").addHandler("nope", Map.of()).build(), null))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("no handler 'nope' is registered; registered handlers: runtime");
    }

    @Test
    void aHandlerConfigErrorFailsTheSpawnWithTheKey() {
        assertThatThrownBy(() -> runtime.spawn(
                        manifest("x", "actor")
                                .addHandler("runtime", Map.of("levle", "debug"))
                                .build(),
                        null))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("unknown key 'levle'");
    }

    // ---- the runtime handler ----

    @Test
    void runtimeLogIsRecordedAsAHostCallWithItsInput() throws Exception {
        ActorRef actor = runtime.spawn(
                manifest("talker", "runtime-user")
                        .addHandler("runtime", Map.of())
                        .build(),
                null);

        await(send(actor, "lhello"));

        assertThat(data(actor, "host-call"))
                .containsExactly(
                        "{\"interface\":\"theater:simple/runtime\",\"function\":\"log\",\"params\":{\"msg\":\"init\"},"
                                + "\"result\":null}",
                        "{\"interface\":\"theater:simple/runtime\",\"function\":\"log\",\"params\":{\"msg\":\"hello\"},"
                                + "\"result\":null}");
        assertThat(actor.controller().chain().stream()
                        .filter(e -> e.eventType().equals("host-call"))
                        .map(e -> e.description().orElse("")))
                .containsOnly("theater:simple/runtime#log");
    }

    @Test
    void aStringEndingExactlyAtTheEndOfGuestMemoryIsLifted() throws Exception {
        ActorRef actor = runtime.spawn(
                manifest("edge", "string-at-memory-end")
                        .addHandler("runtime", Map.of())
                        .build(),
                null);

        assertThat(data(actor, "host-call"))
                .containsExactly("{\"interface\":\"theater:simple/runtime\",\"function\":\"log\",\"params\":{\"msg\":"
                        + "\"edge!\"},\"result\":null}");
        assertThat(actor.controller().status()).isInstanceOf(ActorStatus.Idle.class);
    }

    @Test
    void runtimeSelfReturnsTheActorId() throws Exception {
        ActorRef actor = runtime.spawn(
                manifest("me", "runtime-user").addHandler("runtime", Map.of()).build(), null);

        await(send(actor, "i"));

        assertThat(new String(actor.controller().state().orElseThrow(), UTF_8))
                .isEqualTo(actor.id().toString());
    }

    @Test
    void runtimeGetChainReturnsTheChainSoFar() throws Exception {
        ActorRef actor = runtime.spawn(
                manifest("reader", "runtime-user")
                        .addHandler("runtime", Map.of())
                        .build(),
                null);
        int before = actor.controller().chain().size();

        await(send(actor, "n"));

        // The chain at the call: what there was, plus the export-call of this operation.
        assertThat(counter(actor)).isEqualTo(before + 1);
        assertThat(data(actor, "host-call"))
                .anyMatch(d -> d.contains("\"function\":\"get-chain\"")
                        && d.contains("\"result\":{\"events\":" + (before + 1) + ",\"head_hash\":\""));
    }

    @Test
    void runtimeShutdownStopsTheActorAfterTheCurrentOperationAndRecordsTheData() throws Exception {
        ActorRef actor = runtime.spawn(
                manifest("quitter", "runtime-user")
                        .addHandler("runtime", Map.of())
                        .build(),
                null);

        try (StatusRecorder statuses = StatusRecorder.of(actor.controller())) {
            assertThat(await(send(actor, "qbye"))).isNull();
            statuses.await(ActorStatus.Stopped.class);
        }

        assertThat(runtime.list()).isEmpty();
        assertThat(data(actor, "host-call"))
                .contains("{\"interface\":\"theater:simple/runtime\",\"function\":\"shutdown\","
                        + "\"params\":{\"data\":\"Ynll\"},\"result\":{\"ok\":null}}");
    }

    // ---- handlers from plugins ----

    private static final String PROBE_FACTORY = """
            package probe.plugin;

            import dev.theater.runtime.PluginProbe;
            import dev.theater.spi.ActorController;
            import dev.theater.spi.ActorExecutor;
            import dev.theater.spi.Handler;
            import dev.theater.spi.HandlerConfig;
            import dev.theater.spi.HandlerContext;
            import dev.theater.spi.HandlerFactory;
            import dev.theater.spi.HostLinker;
            import dev.theater.spi.Shutdown;
            import java.util.List;
            import java.util.Set;

            public final class ProbeHandlerFactory implements HandlerFactory {
                @Override
                public String id() {
                    return "probe";
                }

                @Override
                public String version() {
                    return "1.2.3";
                }

                @Override
                public Handler create(HandlerConfig config, HandlerContext context) {
                    return new ProbeHandler();
                }

                static final class ProbeHandler implements Handler {
                    @Override
                    public Set<String> imports() {
                        return Set.of();
                    }

                    @Override
                    public Set<String> exports() {
                        return Set.of("theater:simple/message-server-client");
                    }

                    @Override
                    public void link(HostLinker linker) {}

                    @Override
                    public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {
                        PluginProbe.statusAtStart = controller.status();
                        PluginProbe.operationsAtStart = controller.metrics().operationsTotal();
                        shutdown.requested().thenRun(() -> PluginProbe.shutdownRequested.complete(null));
                        PluginProbe.callFromStart = executor.call(
                                "theater:simple/message-server-client#handle-send", List.of((Object) new byte[] {'c'}));
                    }

                    @Override
                    public void close() {
                        PluginProbe.closed.complete(null);
                    }
                }
            }
            """;

    @Test
    void aHandlerInAPluginJarIsDiscoveredStartedBeforeTheFirstOperationAndCallsBackThroughTheExecutor(
            @TempDir Path build) throws Exception {
        PluginProbe.reset();
        Path jar = TestPluginJar.named("probe.jar")
                .source("probe.plugin.ProbeHandlerFactory", PROBE_FACTORY)
                .services("probe.plugin.ProbeHandlerFactory")
                .compileAgainst(PluginProbe.class)
                .writeTo(build);
        assertThatThrownBy(() -> Class.forName("probe.plugin.ProbeHandlerFactory"))
                .isInstanceOf(ClassNotFoundException.class);

        try (URLClassLoader plugin =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            runtime.close();
            runtime = runtime(b -> b.discoverHandlers(plugin));
            assertThat(runtime.handlers())
                    .anySatisfy(h -> {
                        assertThat(h.id()).isEqualTo("probe");
                        assertThat(h.version()).isEqualTo("1.2.3");
                        assertThat(h.origin()).isEqualTo(jar.toUri().toURL().toString());
                    })
                    .extracting(HandlerInfo::id)
                    .containsExactly("runtime", "message-server", "probe");

            ActorRef actor = runtime.spawn(
                    manifest("probed", "actor").addHandler("probe", Map.of()).build(), null);

            assertThat(PluginProbe.statusAtStart).isEqualTo(new ActorStatus.Starting());
            assertThat(PluginProbe.operationsAtStart).isZero();
            assertThat(await(PluginProbe.callFromStart)).isNull();
            assertThat(counter(actor)).isEqualTo(1);
            assertThat(data(actor, "export-call"))
                    .extracting(d -> d.substring(0, d.indexOf(',') > 0 ? d.indexOf(',') : d.length() - 1))
                    .containsExactly("{\"function\":\"" + INIT + "\"", "{\"function\":\"" + SEND + "\"");

            await(actor.controller().forceStop());
            await(PluginProbe.shutdownRequested);
            await(PluginProbe.closed);
        }
    }

    /** Registered but not granted: provides theater:simple/process, binds nothing. */
    static final class FakeProcessHandlerFactory implements HandlerFactory {
        @Override
        public String id() {
            return "process";
        }

        @Override
        public Set<String> provides() {
            return Set.of("theater:simple/process");
        }

        @Override
        public Handler create(HandlerConfig config, HandlerContext context) {
            return new Handler() {
                @Override
                public Set<String> imports() {
                    return Set.of("theater:simple/process");
                }

                @Override
                public Set<String> exports() {
                    return Set.of();
                }

                @Override
                public void link(HostLinker linker) {}

                @Override
                public void start(
                        dev.theater.spi.ActorExecutor executor,
                        dev.theater.spi.ActorController controller,
                        dev.theater.spi.Shutdown shutdown) {}
            };
        }
    }
}
