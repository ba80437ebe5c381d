package dev.theater.benchmarks;

import dev.theater.runtime.ActorRef;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * DESIGN §10: {@code forceStop()} of a guest in {@code (loop br 0)}, target p99 &lt; 10 ms. Every invocation gets a
 * fresh actor (force-stopping ends it) that is already spinning; only the stop is timed.
 *
 * <p>Two figures: {@link #untilCallInterrupted} ends when the running call's future has failed with {@code
 * Interrupted} (the runtime fails it at once, before the guest has returned), {@link #untilStopped} ends when
 * {@code forceStop()}'s own future completes: the guest has returned, the instance is closed and the actor is {@code
 * Stopped}. The target is checked against the second, the stricter one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ForceStopBenchmark {
    /** Time for the pool thread to enter the guest's loop after the status turned Processing. */
    private static final long ENTER_LOOP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    @Param({"chicory", "wasmtime"})
    public String engine;

    private BenchActors actors;
    private ActorRef actor;
    private CompletableFuture<Object> longCall;
    private CompletableFuture<Void> stopped;

    @Setup(Level.Trial)
    public void startRuntime() {
        actors = BenchActors.on(engine);
    }

    @Setup(Level.Invocation)
    public void spawnSpinningActor() {
        actor = actors.spawn(false);
        longCall = BenchActors.startLongCall(actor);
        // Processing is published just before the guest is entered; let the guest reach its loop, so the stop
        // interrupts running wasm code rather than a call that has not started.
        LockSupport.parkNanos(ENTER_LOOP_NANOS);
        stopped = null;
    }

    @Benchmark
    public Throwable untilCallInterrupted() {
        stopped = actor.controller().forceStop();
        return BenchActors.failureOf(longCall);
    }

    @Benchmark
    public Throwable untilStopped() {
        stopped = actor.controller().forceStop();
        Throwable failure = BenchActors.failureOf(longCall);
        stopped.join();
        return failure;
    }

    @TearDown(Level.Invocation)
    public void checkOutcome() {
        if (stopped == null) {
            stopped = actor.controller().forceStop();
        }
        stopped.join();
        BenchActors.requireInterrupted(BenchActors.failureOf(longCall));
    }

    @TearDown(Level.Trial)
    public void stopRuntime() {
        actors.close();
    }
}
