package dev.theater.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.Limits;
import dev.theater.manifest.Manifest;
import dev.theater.runtime.ActorRef;
import dev.theater.spi.ActorController;
import dev.theater.spi.ActorStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * DESIGN §10: actor-to-actor {@code send} throughput, chain on (and off, to show the chain's share), reported next to {@link PekkoTellBenchmark}. Each
 * invocation calls the sending actor once; its guest sends {@value PekkoTellBenchmark#MESSAGES} one-byte messages to
 * the receiving actor through {@code theater:simple/message-server-host#send} (blocking while the receiver's mailbox
 * is full, the default 1,024), and the invocation ends when the receiver has handled the last one (it turns {@code
 * Idle} with its operation count at the expected total; the benchmark thread waits parked, as Pekko's does).
 *
 * <p>With {@code chain=on} both actors persist their chains (the default): the sender records each send, the receiver
 * each receipt and the export call and result that handle it. With {@code chain=off} the same events are hashed and
 * kept in memory but not written. Each iteration gets fresh actors, so the chains start empty.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SendBenchmark {
    private static final List<Object> BURST = List.of(ByteBuffer.allocate(4)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putInt(PekkoTellBenchmark.MESSAGES)
            .array());

    @Param({"chicory", "wasmtime"})
    public String engine;

    @Param({"on", "off"})
    public String chain;

    private BenchActors actors;
    private ActorRef receiver;
    private ActorRef sender;
    private ActorController.Subscription idleWatch;
    private long handled;
    private volatile long expected;
    private volatile CompletableFuture<Void> drained;

    @Setup(Level.Trial)
    public void startRuntime() {
        actors = BenchActors.on(engine);
    }

    @Setup(Level.Iteration)
    public void spawnPair() {
        receiver = actors.spawn(chain.equals("on"));
        Manifest senderManifest = Manifest.builder(
                        "sender", new ComponentSource.File(actors.guest("bench-sender.wasm")))
                .withSaveChain(chain.equals("on"))
                .withLimits(new Limits(Limits.DEFAULT_MEMORY, Optional.empty(), Limits.DEFAULT_MAILBOX))
                .addHandler("message-server", Map.of())
                .build();
        sender = actors.runtime().spawn(senderManifest, receiver.id().toString().getBytes(UTF_8));
        handled = receiver.controller().metrics().operationsTotal();
        idleWatch = receiver.controller().statusChanges(status -> {
            if (status instanceof ActorStatus.Idle) {
                checkDrained();
            }
        });
    }

    private void checkDrained() {
        CompletableFuture<Void> waiting = drained;
        if (waiting != null && receiver.controller().metrics().operationsTotal() >= expected) {
            waiting.complete(null);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PekkoTellBenchmark.MESSAGES)
    public void sendBetweenTwoActors() {
        expected = handled + PekkoTellBenchmark.MESSAGES;
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        drained = waiting;
        sender.executor().call(BenchActors.SEND, BURST).join();
        checkDrained();
        waiting.join();
        handled = expected;
    }

    @TearDown(Level.Iteration)
    public void stopPair() {
        idleWatch.close();
        actors.runtime().stop(sender.id()).join();
        actors.runtime().stop(receiver.id()).join();
    }

    @TearDown(Level.Trial)
    public void stopRuntime() {
        actors.close();
    }
}
