package dev.theater.benchmarks;

import dev.theater.runtime.ActorRef;
import dev.theater.spi.ActorMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * DESIGN §10: {@code controller.metrics()} while the actor runs a long call, target p99 &lt; 10 µs. The actor spins
 * in {@code (loop br 0)} on a pool thread for the whole trial; the benchmark thread samples every call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetricsBenchmark {
    @Param({"chicory", "wasmtime"})
    public String engine;

    private BenchActors actors;
    private ActorRef actor;
    private CompletableFuture<Object> longCall;

    @Setup(Level.Trial)
    public void startLongCall() {
        actors = BenchActors.on(engine);
        actor = actors.spawn(true);
        longCall = BenchActors.startLongCall(actor);
    }

    @Benchmark
    public ActorMetrics metricsWhileRunningLongCall() {
        return actor.controller().metrics();
    }

    @TearDown(Level.Trial)
    public void stop() {
        try {
            if (longCall.isDone()) {
                throw new IllegalStateException("the long call ended before the measurement did, so metrics() was"
                        + " not measured against a running call: " + longCall);
            }
            actor.controller().forceStop().join();
            BenchActors.requireInterrupted(BenchActors.failureOf(longCall));
        } finally {
            actors.close();
        }
    }
}
