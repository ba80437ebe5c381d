package dev.theater.benchmarks;

import dev.theater.engine.InstanceLimits;
import dev.theater.engine.WasmEngines;
import dev.theater.engine.WasmInstance;
import dev.theater.manifest.Limits;
import java.util.List;
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
 * The anchor of the round trip: the same {@code handle-send} export called straight on the engine with core values,
 * on the calling thread, the message already in guest memory. No mailbox, thread hand-off, lowering, lifting or
 * chain; what {@link RoundTripBenchmark} adds on top of this is the runtime's cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RawCallBenchmark {
    /** Where the one-byte message sits: above the return area, below the guest's heap. */
    private static final int MESSAGE = 512;

    @Param({"chicory", "wasmtime"})
    public String engine;

    private WasmInstance instance;

    @Setup(Level.Trial)
    public void instantiate() {
        byte[] wasm = BenchActors.guestBytes("/guests/bench-actor.wasm");
        instance = WasmEngines.discover()
                .require(engine)
                .compile(wasm)
                .instantiate(List.of(), new InstanceLimits(Limits.DEFAULT_MEMORY));
        instance.memory().writeByte(MESSAGE, (byte) 'p');
    }

    @Benchmark
    public long[] trivialExport() {
        // state none (0, 0, 0), message (MESSAGE, 1)
        return instance.call(BenchActors.SEND, 0, 0, 0, MESSAGE, 1);
    }

    @TearDown(Level.Trial)
    public void close() {
        instance.close();
    }
}
