package dev.theater.benchmarks;

import dev.theater.runtime.ActorRef;
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
 * DESIGN §10: a trivial export's round trip through {@code ActorExecutor}, chain on, target median &lt; 20 µs. The
 * caller submits {@code handle-send} with a one-byte message and waits for the future: mailbox, hand-off to a pool
 * thread, lowering, the guest call, lifting, two chain events (hashed; with {@code chain=on} also written to the
 * chain file), the status changes and the completion.
 *
 * <p>{@code chain=on} is the manifest default {@code save_chain = true}; {@code chain=off} keeps the chain in memory
 * only. Each iteration gets a fresh actor, so the in-memory chain does not grow across the whole run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoundTripBenchmark {
    @Param({"chicory", "wasmtime"})
    public String engine;

    @Param({"on", "off"})
    public String chain;

    private BenchActors actors;
    private ActorRef actor;

    @Setup(Level.Trial)
    public void startRuntime() {
        actors = BenchActors.on(engine);
    }

    @Setup(Level.Iteration)
    public void spawn() {
        actor = actors.spawn(chain.equals("on"));
    }

    @Benchmark
    public Object trivialExport() {
        return actor.executor().call(BenchActors.SEND, BenchActors.TRIVIAL).join();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        actors.runtime().stop(actor.id()).join();
    }

    @TearDown(Level.Trial)
    public void stopRuntime() {
        actors.close();
    }
}
